import CCairo
import Drawing
import Foundation

/// An A4 PDF being written: pages are drawn through a ``Canvas`` and closed with `nextPage`.
/// The creation date is fixed so the same report gives the same bytes.
public final class PDFDocument {
    let surface: OpaquePointer
    public let canvas: Canvas
    public static let a4 = (width: 595.0, height: 842.0)

    public init(path: String) throws {
        let s = cairo_pdf_surface_create(path, Self.a4.width, Self.a4.height)!
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw CairoError(status)
        }
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "routine")
        surface = s
        canvas = try Canvas(surface: s)
    }

    public func nextPage() { cairo_show_page(canvas.context.cr) }

    /// Finishes the file (flushes it) and reports any error Cairo met.
    public func finish() throws {
        cairo_surface_finish(surface)
        try CairoError.check(cairo_surface_status(surface))
    }

    deinit { cairo_surface_destroy(surface) }
}

/// One figure as an SVG file.
public final class SVGDocument {
    let surface: OpaquePointer
    public let canvas: Canvas

    public init(path: String, width: Double, height: Double) throws {
        let s = cairo_svg_surface_create(path, width, height)!
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw CairoError(status)
        }
        surface = s
        canvas = try Canvas(surface: s)
    }

    public func finish() throws {
        cairo_surface_finish(surface)
        try CairoError.check(cairo_surface_status(surface))
    }

    deinit { cairo_surface_destroy(surface) }
}
