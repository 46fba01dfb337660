/// The camera's frame-to-frame translation, estimated from the images' row and column
/// intensity profiles: the shift maximising the normalised cross-correlation of each 1-D
/// profile (after removing its mean). Cheap, and enough for the slow pans and drifts of a
/// handheld or tracking camera; the athlete is small against the hall, so the background
/// dominates the profiles.
public enum GlobalMotion {
    /// (dx, dy) such that `current(x, y) ≈ previous(x − dx, y − dy)`, within ±maxShift pixels.
    public static func shift(from previous: GrayImage, to current: GrayImage, maxShift: Int = 8) -> (dx: Float, dy: Float) {
        shift(from: previous, to: current, near: (0, 0), radius: maxShift)
    }

    /// The same searched within `radius` pixels of `guess`: how the locator registers each
    /// frame against its background directly, so per-frame errors do not add up over a
    /// routine the way chained frame-to-frame shifts do.
    public static func shift(from reference: GrayImage, to current: GrayImage, near guess: (Float, Float), radius: Int) -> (dx: Float, dy: Float) {
        let (a, b) = (profiles(reference), profiles(current))
        let cx = Int(guess.0.rounded()), cy = Int(guess.1.rounded())
        return (best(a.cols, b.cols, lags: (cx - radius)...(cx + radius)), best(a.rows, b.rows, lags: (cy - radius)...(cy + radius)))
    }

    /// Column and row sums, differentiated: robust to a global brightness change.
    static func profiles(_ g: GrayImage) -> (cols: [Float], rows: [Float]) {
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

    /// Sub-pixel lag in `lags` maximising the normalised correlation of b[i + lag] with a[i]
    /// (parabolic peak fit), over the indices every lag can use.
    static func best(_ a: [Float], _ b: [Float], lags: ClosedRange<Int>) -> Float {
        let margin = max(abs(lags.lowerBound), abs(lags.upperBound))
        var scores: [Float] = []
        for lag in lags {
            var s: Float = 0, na: Float = 0, nb: Float = 0
            if margin < a.count - margin {
                for i in margin..<(a.count - margin) where i + lag >= 0 && i + lag < b.count {
                    s += a[i] * b[i + lag]
                    na += a[i] * a[i]
                    nb += b[i + lag] * b[i + lag]
                }
            }
            scores.append(na > 0 && nb > 0 ? s / (na * nb).squareRoot() : 0)
        }
        guard let k = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return 0 }
        var offset: Float = 0
        if k > 0, k < scores.count - 1 {
            let (l, c, r) = (scores[k - 1], scores[k], scores[k + 1])
            let d = l - 2 * c + r
            if d < 0 { offset = 0.5 * (l - r) / d }
        }
        return Float(lags.lowerBound + k) + offset
    }
}
