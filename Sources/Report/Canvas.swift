import CCairo
import CPango
import Drawing
import Foundation

/// A rectangle on the page (points, y down).
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midY: Double { y + height / 2 }
    public func inset(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
    /// Splits off the top `h` points: (top, rest).
    public func top(_ h: Double, gap: Double = 0) -> (Rect, Rect) {
        (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h + gap, width: width, height: height - h - gap))
    }
    /// Splits into columns with the given width fractions.
    public func columns(_ fractions: [Double], gap: Double = 0) -> [Rect] {
        let total = width - gap * Double(fractions.count - 1)
        var cx = x
        return fractions.map { f in
            defer { cx += total * f + gap }
            return Rect(x: cx, y: y, width: total * f, height: height)
        }
    }
}

/// An RGB colour (0–1).
public struct Color: Sendable, Equatable {
    public var r: Double, g: Double, b: Double
    public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
    public static let ink = Color(0.13, 0.14, 0.17)
    public static let muted = Color(0.45, 0.47, 0.52)
    public static let rule = Color(0.82, 0.84, 0.87)
    public static let accent = Color(0.12, 0.36, 0.68)
    public static let good = Color(0.16, 0.52, 0.33)
    public static let weight = Color(0.2, 0.6, 0.35)
    public static let score = Color(0.90, 0.55, 0.10)
    public static let contribution = Color(0.15, 0.35, 0.75)
    /// The contribution's colour, light: bars behind its line.
    public static let contributionBar = Color(0.72, 0.79, 0.92)
    /// Severity colours, darker for larger deductions (readable in greyscale).
    public static func severity(_ d: Double) -> Color {
        d < 0.2 ? Color(0.99, 0.80, 0.36) : d < 0.4 ? Color(0.96, 0.55, 0.20) : d < 0.7 ? Color(0.84, 0.25, 0.15) : Color(0.45, 0.05, 0.10)
    }
    /// A perceptually ordered colour map for heatmaps (dark blue → yellow), t in [0, 1].
    public static func heat(_ t: Double) -> Color {
        let stops: [(Double, Color)] = [(0, Color(0.05, 0.05, 0.25)), (0.35, Color(0.25, 0.2, 0.6)), (0.65, Color(0.8, 0.3, 0.4)), (1, Color(1, 0.9, 0.3))]
        let c = Swift.min(1, Swift.max(0, t))
        for i in 1..<stops.count where c <= stops[i].0 {
            let (a, b) = (stops[i - 1], stops[i])
            let f = (c - a.0) / (b.0 - a.0)
            return Color(a.1.r + (b.1.r - a.1.r) * f, a.1.g + (b.1.g - a.1.g) * f, a.1.b + (b.1.b - a.1.b) * f)
        }
        return stops.last!.1
    }
}

/// The drawing primitives charts and pages use — paths, rectangles, images and text set by
/// Pango (wrapping, any script) — on any Cairo surface.
public final class Canvas {
    public let context: CairoContext
    public static let font = "DejaVu Sans"

    init(surface: OpaquePointer) throws {
        context = try CairoContext(surface: surface)
    }

    public func fill(_ r: Rect, _ c: Color) {
        context.setColor(c.r, c.g, c.b)
        context.rectangle(r.x, r.y, r.width, r.height)
        context.fill()
    }

    public func stroke(_ r: Rect, _ c: Color, width: Double = 0.5) {
        context.setColor(c.r, c.g, c.b)
        context.rectangle(r.x, r.y, r.width, r.height)
        context.stroke(width: width, roundCaps: false)
    }

    public func line(_ points: [(Double, Double)], _ c: Color, width: Double = 1, dashed: Bool = false) {
        guard let first = points.first else { return }
        context.setColor(c.r, c.g, c.b)
        if dashed { cairo_set_dash(context.cr, [3, 2], 2, 0) }
        context.moveTo(first.0, first.1)
        for p in points.dropFirst() { context.lineTo(p.0, p.1) }
        context.stroke(width: width, roundCaps: false)
        if dashed { cairo_set_dash(context.cr, nil, 0, 0) }
    }

    /// A filled circle (a data point).
    public func dot(_ p: (Double, Double), _ c: Color, radius: Double) {
        context.setColor(c.r, c.g, c.b)
        cairo_new_sub_path(context.cr)
        cairo_arc(context.cr, p.0, p.1, radius, 0, 2 * .pi)
        context.fill()
    }

    /// The pixel sizes of the images painted sharp and of those painted smooth: Cairo 1.16 does
    /// not write the filter into SVG, so `SVGDocument` marks the `<image>` elements of a size
    /// only ever painted sharp (Cairo may leave out an image that paints nothing, so their
    /// order would not do).
    private(set) var sharpImageSizes: Set<[Int]> = []
    private(set) var smoothImageSizes: Set<[Int]> = []

    private func painting(_ image: CairoImage, sharp: Bool) {
        if sharp { sharpImageSizes.insert([image.width, image.height]) } else { smoothImageSizes.insert([image.width, image.height]) }
    }

    /// `image` scaled into `r`; `sharp`: each pixel a crisp block (a heatmap's cells), else
    /// smoothed (a photograph).
    public func image(_ image: CairoImage, in r: Rect, sharp: Bool = false) {
        painting(image, sharp: sharp)
        context.paint(image, x: r.x, y: r.y, width: r.width, height: r.height, sharp: sharp)
    }

    /// The part `crop` (normalised x, y, width, height) of `image`, scaled into `r`.
    public func image(_ image: CairoImage, crop: (Double, Double, Double, Double), in r: Rect) {
        painting(image, sharp: false)
        context.paint(image, crop: crop, x: r.x, y: r.y, width: r.width, height: r.height)
    }

    public enum Align { case left, center, right }

    /// Sets `text` in `r` (wrapping at its width) and returns the height used. With
    /// `wholeWords` a word wider than `r` runs past it rather than being split (short labels).
    @discardableResult
    public func text(_ text: String, in r: Rect, size: Double = 8.5, bold: Bool = false, color: Color = .ink, align: Align = .left,
                     markup: Bool = false, wholeWords: Bool = false) -> Double {
        let layout = pango_cairo_create_layout(context.cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_from_string("\(Self.font)\(bold ? " Bold" : "") \(size)")!
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(r.width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, wholeWords ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, align == .left ? PANGO_ALIGN_LEFT : align == .center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT)
        if markup { pango_layout_set_markup(layout, text, -1) } else { pango_layout_set_text(layout, text, -1) }
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_pixel_size(layout, &w, &h)
        context.setColor(color.r, color.g, color.b)
        context.moveTo(r.x, r.y)
        pango_cairo_show_layout(context.cr, layout)
        return Double(h)
    }

    /// Height `text` would take at `width`.
    public func measure(_ text: String, width: Double, size: Double = 8.5, bold: Bool = false) -> Double {
        extent(text, width: width, size: size, bold: bold).height
    }

    /// Width of `text` on one line (a legend entry's).
    public func measureWidth(_ text: String, size: Double = 8.5, bold: Bool = false) -> Double {
        extent(text, width: nil, size: size, bold: bold).width
    }

    /// The largest size up to `size`, in tenths of a point and not below `minimum`, at which
    /// `text` fits `width` on one line (a header line that wrapped would run into the rule
    /// under it; a word must fit its bar).
    public func sizeFitting(_ text: String, width: Double, size: Double, minimum: Double, bold: Bool = false) -> Double {
        let natural = measureWidth(text, size: size, bold: bold)
        guard natural > width, natural > 0 else { return size }
        return Swift.max(minimum, (size * width / natural * 10).rounded(.down) / 10)
    }

    func extent(_ text: String, width: Double?, size: Double, bold: Bool) -> (width: Double, height: Double) {
        let layout = pango_cairo_create_layout(context.cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_from_string("\(Self.font)\(bold ? " Bold" : "") \(size)")!
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, width.map { Int32($0 * Double(PANGO_SCALE)) } ?? -1)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_pixel_size(layout, &w, &h)
        return (Double(w), Double(h))
    }
}
