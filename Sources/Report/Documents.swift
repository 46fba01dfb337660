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

/// One figure as an SVG file. Cairo numbers its SVG ids (glyphs, surfaces, clips) with
/// process-wide counters; `finish` renumbers them in order of appearance so the same figure
/// gives the same bytes whatever was drawn before it.
public final class SVGDocument {
    let surface: OpaquePointer
    let path: String
    public let canvas: Canvas

    public init(path: String, width: Double, height: Double) throws {
        self.path = path
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
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        try Self.canonicalIDs(text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Renumbers Cairo's generated ids (`glyph3-1`, `surface12`, `clip5`, …) by first appearance.
    static func canonicalIDs(_ svg: String) -> String {
        let regex = try! NSRegularExpression(pattern: "\\b(glyph|surface|clip|image|source-|pattern|mask|linear-pattern|radial-pattern)(\\d+)((?:-\\d+)?)\\b")
        let ns = svg as NSString
        var mapping: [String: String] = [:]
        var counters: [String: Int] = [:]
        var out = ""
        var last = 0
        for m in regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)) {
            let prefix = ns.substring(with: m.range(at: 1)), number = ns.substring(with: m.range(at: 2)), suffix = ns.substring(with: m.range(at: 3))
            let key = prefix + number
            if mapping[key] == nil {
                mapping[key] = prefix + String(counters[prefix, default: 0])
                counters[prefix, default: 0] += 1
            }
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last)) + mapping[key]! + suffix
            last = m.range.location + m.range.length
        }
        return out + ns.substring(from: last)
    }

    deinit { cairo_surface_destroy(surface) }
}
