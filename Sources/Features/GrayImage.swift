/// A single-channel float image (row-major), the working type of the extractor.
public struct GrayImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "image of \(width)×\(height) with \(pixels.count) pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, fill: Float = 0) {
        self.init(width: width, height: height, pixels: [Float](repeating: fill, count: width * height))
    }

    public init(width: Int, height: Int, bytes: [UInt8]) {
        // A plain loop over the buffers vectorises; `map` did not (1 % of the extractor's time).
        let pixels = [Float](unsafeUninitializedCapacity: bytes.count) { out, count in
            bytes.withUnsafeBufferPointer { b in for i in 0..<b.count { out[i] = Float(b[i]) } }
            count = bytes.count
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    @inline(__always) public subscript(x: Int, y: Int) -> Float {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Bilinear sample with clamping at the borders.
    @inline(__always) public func sample(_ x: Float, _ y: Float) -> Float {
        pixels.withUnsafeBufferPointer { Self.sample($0, width: width, height: height, x, y) }
    }

    /// The same on raw pixels: the per-pixel loops (flow warping, background alignment) call
    /// it tens of thousands of times per frame, where the array's checks cost more than the
    /// arithmetic.
    @inline(__always) static func sample(_ p: UnsafeBufferPointer<Float>, width: Int, height: Int, _ x: Float, _ y: Float) -> Float {
        let xc = Swift.min(Swift.max(x, 0), Float(width - 1)), yc = Swift.min(Swift.max(y, 0), Float(height - 1))
        let x0 = Int(xc), y0 = Int(yc)
        let x1 = Swift.min(x0 + 1, width - 1), y1 = Swift.min(y0 + 1, height - 1)
        let fx = xc - Float(x0), fy = yc - Float(y0)
        let a = p[y0 * width + x0], b = p[y0 * width + x1], c = p[y1 * width + x0], d = p[y1 * width + x1]
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy
    }

    /// Half size, 2×2 box average.
    public func halved() -> GrayImage {
        let w = Swift.max(1, width / 2), h = Swift.max(1, height / 2)
        var out = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            let r0 = 2 * y * width, r1 = Swift.min(2 * y + 1, height - 1) * width
            for x in 0..<w {
                let x0 = 2 * x, x1 = Swift.min(2 * x + 1, width - 1)
                out[y * w + x] = 0.25 * (pixels[r0 + x0] + pixels[r0 + x1] + pixels[r1 + x0] + pixels[r1 + x1])
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// The square region centred at (cx, cy) with side `side` (source pixels), resampled to
    /// `size`×`size`.
    public func crop(centreX cx: Float, centreY cy: Float, side: Float, size: Int) -> GrayImage {
        var out = [Float](repeating: 0, count: size * size)
        let step = side / Float(size)
        let x0 = cx - side / 2 + step / 2, y0 = cy - side / 2 + step / 2
        for y in 0..<size {
            for x in 0..<size { out[y * size + x] = sample(x0 + Float(x) * step, y0 + Float(y) * step) }
        }
        return GrayImage(width: size, height: size, pixels: out)
    }

    /// Central-difference gradients (zero at the border).
    public func gradients() -> (dx: [Float], dy: [Float]) {
        var gx = [Float](repeating: 0, count: pixels.count), gy = gx
        for y in 1..<Swift.max(1, height - 1) {
            for x in 1..<Swift.max(1, width - 1) {
                let i = y * width + x
                gx[i] = 0.5 * (pixels[i + 1] - pixels[i - 1])
                gy[i] = 0.5 * (pixels[i + width] - pixels[i - width])
            }
        }
        return (gx, gy)
    }
}

/// Sums of `values` over (2r+1)² windows, via an integral image (borders clamp the window).
func boxSum(_ values: [Float], width w: Int, height h: Int, radius r: Int) -> [Float] {
    boxSums([values], width: w, height: h, radius: r)[0]
}

/// ``boxSum(_:width:height:radius:)`` of several planes at once, each exactly as alone: the
/// integral images are built two at a time, so the two running row sums — each a chain of
/// dependent additions — overlap instead of waiting on each other (the flow sums two or three
/// planes at a time).
func boxSums(_ planes: [[Float]], width w: Int, height h: Int, radius r: Int) -> [[Float]] {
    let stride = w + 1
    let integrals = planes.map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: stride * (h + 1)) }
    defer { for s in integrals { s.deallocate() } }
    // Unchecked buffers: this runs a few dozen times per clip on every frame's crop.
    withBuffers(planes) { v in
        var k = 0
        while k < planes.count {
            let (a, sa) = (v[k], integrals[k])
            sa.initialize(repeating: 0)
            if k + 1 < planes.count {
                let (b, sb) = (v[k + 1], integrals[k + 1])
                sb.initialize(repeating: 0)
                for y in 0..<h {
                    var (rowA, rowB) = (0.0, 0.0)
                    let above = y * stride, here = (y + 1) * stride
                    for x in 0..<w {
                        rowA += Double(a[y * w + x])
                        rowB += Double(b[y * w + x])
                        sa[here + x + 1] = sa[above + x + 1] + rowA
                        sb[here + x + 1] = sb[above + x + 1] + rowB
                    }
                }
                k += 2
            } else {
                for y in 0..<h {
                    var row = 0.0
                    let above = y * stride, here = (y + 1) * stride
                    for x in 0..<w {
                        row += Double(a[y * w + x])
                        sa[here + x + 1] = sa[above + x + 1] + row
                    }
                }
                k += 1
            }
        }
    }
    return integrals.map { s in
        var out = [Float](repeating: 0, count: w * h)
        out.withUnsafeMutableBufferPointer { o in
            for y in 0..<h {
                let top = Swift.max(0, y - r) * stride, bottom = Swift.min(h, y + r + 1) * stride
                // Columns whose window lies inside the image need no clamping (most of them).
                let (inner0, inner1) = (Swift.min(w, r), Swift.max(Swift.min(w, r), w - r))
                func clamped(_ x: Int) {
                    let x0 = Swift.max(0, x - r), x1 = Swift.min(w, x + r + 1)
                    o[y * w + x] = Float(s[bottom + x1] - s[top + x1] - s[bottom + x0] + s[top + x0])
                }
                for x in 0..<inner0 { clamped(x) }
                for x in inner0..<inner1 {
                    o[y * w + x] = Float(s[bottom + x + r + 1] - s[top + x + r + 1] - s[bottom + x - r] + s[top + x - r])
                }
                for x in inner1..<w { clamped(x) }
            }
        }
        return out
    }
}

/// Several arrays as raw buffers at once, in order: the per-pixel loops (flow, foreground) read
/// up to six, where the arrays' checks would cost more than the arithmetic.
func withBuffers<R>(_ arrays: [[Float]], _ body: ([UnsafeBufferPointer<Float>]) -> R) -> R {
    var buffers: [UnsafeBufferPointer<Float>] = []
    func nest(_ k: Int) -> R {
        if k == arrays.count { return body(buffers) }
        return arrays[k].withUnsafeBufferPointer { buffer in
            buffers.append(buffer)
            return nest(k + 1)
        }
    }
    return nest(0)
}
