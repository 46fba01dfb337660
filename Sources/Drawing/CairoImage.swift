import CCairo

/// An owned Cairo ARGB32 image surface (the frame buffer the renderer draws into).
public final class CairoImage {
    public let surface: OpaquePointer
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) throws {
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw CairoError(status)
        }
        surface = s
        self.width = width
        self.height = height
    }

    /// Takes ownership of an image surface.
    init(adopting s: OpaquePointer) {
        surface = s
        width = Int(cairo_image_surface_get_width(s))
        height = Int(cairo_image_surface_get_height(s))
    }

    deinit { cairo_surface_destroy(surface) }

    /// The pixels as packed RGB (the encoder's input), un-premultiplied (the frame is opaque).
    public func rgb() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var out = [UInt8](repeating: 0, count: width * height * 3)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width {
                    // ARGB32 is native-endian 32-bit: little-endian bytes B, G, R, A.
                    let p = row + 4 * x
                    let o = 3 * (y * width + x)
                    dst[o] = p[2]
                    dst[o + 1] = p[1]
                    dst[o + 2] = p[0]
                }
            }
        }
        return out
    }
}

/// An owned Cairo drawing context on a ``CairoImage``, with the few primitives the renderer
/// uses; raw pointers stay inside.
public final class CairoContext {
    public let cr: OpaquePointer
    let surface: OpaquePointer

    public convenience init(_ image: CairoImage) throws {
        try self.init(surface: image.surface)
    }

    /// A context on any Cairo surface (image, PDF, SVG).
    public init(surface: OpaquePointer) throws {
        let c = cairo_create(surface)!
        let status = cairo_status(c)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(c)
            throw CairoError(status)
        }
        cr = c
        self.surface = surface
    }

    deinit { cairo_destroy(cr) }

    public func check() throws { try CairoError.check(cairo_status(cr)) }

    public func save() { cairo_save(cr) }
    public func restore() { cairo_restore(cr) }
    public func translate(_ x: Double, _ y: Double) { cairo_translate(cr, x, y) }
    public func scale(_ x: Double, _ y: Double) { cairo_scale(cr, x, y) }

    public func setColor(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) { cairo_set_source_rgba(cr, r, g, b, a) }

    public func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(cr, x, y, w, h) }
    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(cr, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(cr, x, y) }
    public func closePath() { cairo_close_path(cr) }
    public func circle(_ x: Double, _ y: Double, _ r: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
    }
    public func fill() { cairo_fill(cr) }
    public func fillPreserve() { cairo_fill_preserve(cr) }

    public func stroke(width: Double, roundCaps: Bool = true) {
        cairo_set_line_width(cr, width)
        cairo_set_line_cap(cr, roundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(cr)
    }

    /// Sets a linear gradient between two points with colour stops (offset, r, g, b).
    public func setLinearGradient(from p0: (Double, Double), to p1: (Double, Double), stops: [(Double, Double, Double, Double)]) {
        let pattern = cairo_pattern_create_linear(p0.0, p0.1, p1.0, p1.1)!
        for s in stops { cairo_pattern_add_color_stop_rgb(pattern, s.0, s.1, s.2, s.3) }
        cairo_set_source(cr, pattern)
        cairo_pattern_destroy(pattern)
    }

    /// Sets a radial gradient (centre, inner and outer radius) with colour stops.
    public func setRadialGradient(centre: (Double, Double), inner: Double, outer: Double, stops: [(Double, Double, Double, Double)]) {
        let pattern = cairo_pattern_create_radial(centre.0, centre.1, inner, centre.0, centre.1, outer)!
        for s in stops { cairo_pattern_add_color_stop_rgb(pattern, s.0, s.1, s.2, s.3) }
        cairo_set_source(cr, pattern)
        cairo_pattern_destroy(pattern)
    }

    /// Paints another image at the current transform's origin.
    public func paint(_ other: CairoImage) {
        cairo_set_source_surface(cr, other.surface, 0, 0)
        cairo_paint(cr)
    }

    /// Paints the part `crop` (x, y, width, height, normalised to `other`) of `other` scaled into
    /// the rectangle (x, y, w, h), nothing outside it.
    public func paint(_ other: CairoImage, crop: (Double, Double, Double, Double), x: Double, y: Double, width w: Double, height h: Double) {
        let (cw, ch) = (crop.2 * Double(other.width), crop.3 * Double(other.height))
        guard cw > 0, ch > 0 else { return }
        save()
        cairo_rectangle(cr, x, y, w, h)
        cairo_clip(cr)
        translate(x, y)
        scale(w / cw, h / ch)
        translate(-crop.0 * Double(other.width), -crop.1 * Double(other.height))
        cairo_set_source_surface(cr, other.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        restore()
    }

    /// Paints `other` scaled into the rectangle (x, y, w, h).
    /// `sharp` scales pixel by pixel (each pixel a crisp block: a heatmap's cells) instead of
    /// smoothing (a photograph).
    public func paint(_ other: CairoImage, x: Double, y: Double, width w: Double, height h: Double, sharp: Bool = false) {
        save()
        translate(x, y)
        scale(w / Double(other.width), h / Double(other.height))
        cairo_set_source_surface(cr, other.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), sharp ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        restore()
    }
}

extension CairoImage {
    /// Direct access to the BGRA bytes (with the row stride) between flush and mark-dirty.
    public func withPixels(_ body: (UnsafeMutablePointer<UInt8>, Int) -> Void) {
        cairo_surface_flush(surface)
        body(cairo_image_surface_get_data(surface)!, Int(cairo_image_surface_get_stride(surface)))
        cairo_surface_mark_dirty(surface)
    }
}

extension CairoImage {
    /// Writes the image as PNG (for looking at frames while developing and in tests).
    public func writePNG(to path: String) throws {
        try CairoError.check(cairo_surface_write_to_png(surface, path))
    }
}

extension CairoImage {
    /// Loads a PNG file.
    public convenience init(png path: String) throws {
        let s = cairo_image_surface_create_from_png(path)!
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw CairoError(status)
        }
        self.init(adopting: s)
    }
}
