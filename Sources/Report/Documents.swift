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
        let sharp = canvas.sharpImageSizes.subtracting(canvas.smoothImageSizes)
        try Self.canonicalIDs(sharp.isEmpty ? text : Self.markingSharpImages(text, sizes: sharp))
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Adds nearest-neighbour rendering to the `<image>` elements of the given pixel sizes
    /// ([width, height]), so viewers draw a heatmap's cells as blocks instead of blurring them.
    static func markingSharpImages(_ svg: String, sizes: Set<[Int]>) -> String {
        var parts = svg.components(separatedBy: "<image ")
        guard parts.count > 1 else { return svg }
        func attribute(_ name: String, in element: Substring) -> Int? {
            guard let r = element.range(of: " \(name)=\"") else { return nil }
            return Int(element[r.upperBound...].prefix { $0.isNumber })
        }
        for k in 1..<parts.count {
            let element = parts[k].prefix { $0 != ">" }
            guard let w = attribute("width", in: " " + element), let h = attribute("height", in: " " + element), sizes.contains([w, h]) else { continue }
            parts[k] = "image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\" " + parts[k]
        }
        return parts.joined(separator: "<image ")
    }

    /// Renumbers Cairo's generated ids (`glyph3-1`, `surface12`, `clip5`, …) by first
    /// appearance, so the same drawing gives the same bytes whatever was drawn before it in the
    /// process. A byte scanner for `\b(glyph|surface|…)(\d+)(-\d+)?\b`: Foundation's regular
    /// expressions made this most of a report's rendering time.
    static func canonicalIDs(_ svg: String) -> String {
        let bytes = Array(svg.utf8), n = bytes.count
        let prefixes = ["glyph", "surface", "clip", "image", "source-", "pattern", "mask", "linear-pattern", "radial-pattern"].map { Array($0.utf8) }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isWord(_ b: UInt8) -> Bool { b >= 0x80 || isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == 95 }
        func isBoundary(_ j: Int) -> Bool { j == n || !isWord(bytes[j]) }
        var mapping: [[UInt8]: [UInt8]] = [:]
        var counters: [[UInt8]: Int] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 16)
        var i = 0
        scan: while i < n {
            if i == 0 || !isWord(bytes[i - 1]) {
                for prefix in prefixes where n - i > prefix.count && bytes[i] == prefix[0] && bytes[i..<(i + prefix.count)].elementsEqual(prefix) {
                    var j = i + prefix.count
                    let digits = j
                    while j < n, isDigit(bytes[j]) { j += 1 }
                    guard j > digits else { continue }
                    let numberEnd = j
                    var end = numberEnd
                    if j < n, bytes[j] == UInt8(ascii: "-") {
                        var k = j + 1
                        while k < n, isDigit(bytes[k]) { k += 1 }
                        if k > j + 1, isBoundary(k) { end = k }
                    }
                    guard end > numberEnd || isBoundary(numberEnd) else { continue }
                    let key = Array(bytes[i..<numberEnd])
                    if mapping[key] == nil {
                        mapping[key] = prefix + Array(String(counters[prefix, default: 0]).utf8)
                        counters[prefix, default: 0] += 1
                    }
                    out += mapping[key]!
                    out += bytes[numberEnd..<end]
                    i = end
                    continue scan
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    deinit { cairo_surface_destroy(surface) }
}
