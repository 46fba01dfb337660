/// The camera's frame-to-frame translation, estimated from the images' row and column
/// intensity profiles: the shift maximising the normalised cross-correlation of each 1-D
/// profile (after removing its mean). Cheap, and enough for the slow pans and drifts of a
/// handheld or tracking camera; the athlete is small against the hall, so the background
/// dominates the profiles.
public enum GlobalMotion {
    /// (dx, dy) such that `current(x, y) ≈ previous(x − dx, y − dy)`, within ±maxShift pixels.
    public static func shift(from previous: GrayImage, to current: GrayImage, maxShift: Int = 8) -> (dx: Float, dy: Float) {
        func profiles(_ g: GrayImage) -> (cols: [Float], rows: [Float]) {
            var cols = [Float](repeating: 0, count: g.width), rows = [Float](repeating: 0, count: g.height)
            for y in 0..<g.height {
                for x in 0..<g.width {
                    let v = g.pixels[y * g.width + x]
                    cols[x] += v
                    rows[y] += v
                }
            }
            // Derivative of the profile: robust to global brightness change.
            return (zip(cols.dropFirst(), cols).map { $0 - $1 }, zip(rows.dropFirst(), rows).map { $0 - $1 })
        }
        let (a, b) = (profiles(previous), profiles(current))
        return (best(a.cols, b.cols, maxShift), best(a.rows, b.rows, maxShift))
    }

    /// Sub-pixel lag maximising the correlation of b[i + lag] with a[i] (parabolic peak fit).
    static func best(_ a: [Float], _ b: [Float], _ maxShift: Int) -> Float {
        var scores: [Float] = []
        for lag in -maxShift...maxShift {
            var s: Float = 0, na: Float = 0, nb: Float = 0
            for i in maxShift..<(a.count - maxShift) where i + lag >= 0 && i + lag < b.count {
                s += a[i] * b[i + lag]
                na += a[i] * a[i]
                nb += b[i + lag] * b[i + lag]
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
        return Float(k - maxShift) + offset
    }
}
