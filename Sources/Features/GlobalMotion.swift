/// Where the camera looks, relative to a reference frame: a zoom about the image centre and a
/// translation, `current(x) ≈ reference((x − c − d) / scale + c)` on each axis (c the centre).
/// A handheld or tracking camera pans and zooms slowly; a zoom of 3 % already moves the
/// edges of a 200-pixel frame by 3 pixels, enough to turn mat lines into foreground.
public struct CameraMotion: Sendable, Equatable {
    public var dx: Float
    public var dy: Float
    public var scale: Float

    public init(dx: Float = 0, dy: Float = 0, scale: Float = 1) {
        self.dx = dx
        self.dy = dy
        self.scale = scale
    }

    public static let identity = CameraMotion()

    /// The reference's coordinate seen at `(x, y)` of the current frame (`width`×`height`).
    @inline(__always) public func reference(_ x: Float, _ y: Float, width: Int, height: Int) -> (Float, Float) {
        let (cx, cy) = (Float(width - 1) / 2, Float(height - 1) / 2)
        return ((x - cx - dx) / scale + cx, (y - cy - dy) / scale + cy)
    }

    /// The current frame's coordinate of the reference's `(x, y)`.
    @inline(__always) public func current(_ x: Float, _ y: Float, width: Int, height: Int) -> (Float, Float) {
        let (cx, cy) = (Float(width - 1) / 2, Float(height - 1) / 2)
        return ((x - cx) * scale + cx + dx, (y - cy) * scale + cy + dy)
    }
}

/// The camera's motion between two frames, estimated from the images' row and column
/// intensity profiles: for each candidate zoom, the shift maximising the normalised
/// cross-correlation of each 1-D profile with the reference's, stretched by the zoom; the zoom
/// with the best sum over both axes wins. Cheap (1-D), and enough for the slow pans, drifts and
/// zooms of a handheld or tracking camera: the athlete is small against the hall, so the
/// background dominates the profiles.
public enum GlobalMotion {
    /// A frame's column and row profiles (``profiles(_:)``): computed once for a reference
    /// every frame is registered against.
    typealias Profiles = (cols: [Float], rows: [Float])

    /// The motion from the reference (its ``Profiles``) to `current` within `radius` pixels
    /// and `scaleRadius` of `guess` (zoom searched in steps of `scaleStep`): how the locator
    /// registers each frame against its background directly, so per-frame errors do not add
    /// up over a routine the way chained frame-to-frame estimates do.
    static func motion(from a: Profiles, to current: GrayImage, near guess: CameraMotion = .identity, radius: Int = 8,
                       scaleRadius: Float = 0.02, scaleStep: Float = 0.0025) -> CameraMotion {
        let b = profiles(current)
        let steps = Int((scaleRadius / scaleStep).rounded())
        var best: (score: Float, motion: CameraMotion)?
        for k in -steps...steps {
            let s = guess.scale + Float(k) * scaleStep
            guard s > 0.5 else { continue }
            let x = bestShift(a.cols, b.cols, scale: s, lags: lags(guess.dx, radius))
            let y = bestShift(a.rows, b.rows, scale: s, lags: lags(guess.dy, radius))
            let score = x.score + y.score
            if best == nil || score > best!.score { best = (score, CameraMotion(dx: x.shift, dy: y.shift, scale: s)) }
        }
        return best?.motion ?? guess
    }

    static func lags(_ centre: Float, _ radius: Int) -> ClosedRange<Int> {
        let c = Int(centre.rounded())
        return (c - radius)...(c + radius)
    }

    /// Column and row sums, differentiated: robust to a global brightness change.
    static func profiles(_ g: GrayImage) -> Profiles {
        var cols = [Float](repeating: 0, count: g.width), rows = [Float](repeating: 0, count: g.height)
        g.pixels.withUnsafeBufferPointer { p in
            cols.withUnsafeMutableBufferPointer { c in
                rows.withUnsafeMutableBufferPointer { r in
                    for y in 0..<g.height {
                        for x in 0..<g.width {
                            let v = p[y * g.width + x]
                            c[x] += v
                            r[y] += v
                        }
                    }
                }
            }
        }
        return (zip(cols.dropFirst(), cols).map { $0 - $1 }, zip(rows.dropFirst(), rows).map { $0 - $1 })
    }

    /// The sub-pixel shift d in `lags` maximising the normalised correlation of b[i] with
    /// a((i − c − d) / scale + c) (linear interpolation; parabolic peak fit), over the indices
    /// every lag can use, and that correlation.
    static func bestShift(_ a: [Float], _ b: [Float], scale: Float, lags: ClosedRange<Int>) -> (shift: Float, score: Float) {
        let n = b.count
        let margin = max(abs(lags.lowerBound), abs(lags.upperBound)) + Int((abs(scale - 1) * Float(n)).rounded(.up)) + 1
        let c = Float(n - 1) / 2
        var scores: [Float] = []
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for lag in lags {
                    var s: Float = 0, na: Float = 0, nb: Float = 0
                    if margin < n - margin {
                        for i in margin..<(n - margin) {
                            let t = (Float(i) - c - Float(lag)) / scale + c
                            let j = Int(t.rounded(.down))
                            guard j >= 0, j + 1 < a.count else { continue }
                            let f = t - Float(j)
                            let av = a[j] * (1 - f) + a[j + 1] * f
                            s += av * b[i]
                            na += av * av
                            nb += b[i] * b[i]
                        }
                    }
                    scores.append(na > 0 && nb > 0 ? s / (na * nb).squareRoot() : 0)
                }
            }
        }
        guard let k = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return (0, 0) }
        var offset: Float = 0
        if k > 0, k < scores.count - 1 {
            let (l, m, r) = (scores[k - 1], scores[k], scores[k + 1])
            let d = l - 2 * m + r
            if d < 0 { offset = 0.5 * (l - r) / d }
        }
        return (Float(lags.lowerBound + k) + offset, scores[k])
    }
}
