/// Where each column (or row) of a frame samples another image along one axis: the two
/// neighbouring pixels and the weight of the second, precomputed once per frame because the
/// camera's motion (a zoom and a shift) maps x and y independently.
struct BilinearTaps {
    var first: [Int]
    var second: [Int]
    var weight: [Float]
    /// The nearest pixel (-1 outside the image), for writing back.
    var nearest: [Int]
    /// Whether the position falls outside the image by more than half a pixel.
    var outside: [Bool]

    /// Taps for `count` positions mapped by `position` into an axis of `count` pixels.
    init(count: Int, position: (Int) -> Float) {
        first = []; second = []; weight = []; nearest = []; outside = []
        for i in 0..<count {
            let p = position(i)
            let c = Swift.min(Swift.max(p, 0), Float(count - 1))
            let j = Int(c)
            first.append(j)
            second.append(Swift.min(j + 1, count - 1))
            weight.append(c - Float(j))
            let n = Int(p.rounded())
            nearest.append(n >= 0 && n < count ? n : -1)
            outside.append(p < -0.5 || p > Float(count) - 0.5)
        }
    }

    /// `image` resampled through these column taps and `rows`.
    func resample(_ image: GrayImage, rows: BilinearTaps) -> [Float] {
        let w = image.width
        var out = [Float](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<image.height {
                    let (r0, r1, fy) = (rows.first[y] * w, rows.second[y] * w, rows.weight[y])
                    for x in 0..<w {
                        let (c0, c1, fx) = (first[x], second[x], weight[x])
                        o[y * w + x] = (b[r0 + c0] * (1 - fx) + b[r0 + c1] * fx) * (1 - fy) + (b[r1 + c0] * (1 - fx) + b[r1 + c1] * fx) * fy
                    }
                }
            }
        }
        return out
    }
}
