/// Inverted dropout with a seeded generator.
extension Tensor {
    /// Zeroes each element with probability `p` and scales the rest by 1/(1−p), drawing from
    /// `rng`; with no generator (inference) or p = 0 it returns `self` unchanged.
    public func dropout(_ p: Float, rng: RandomSource?) -> Tensor {
        guard let rng, p > 0 else { return self }
        precondition(p < 1, "dropout probability \(p) must be below 1")
        let x = self
        let scale = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: count)
        for i in 0..<count where rng.nextFloat() >= p { mask[i] = scale }
        let out = zip(x.data, mask).map { $0 * $1 }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.withGrad { dx in
                    for i in 0..<dx.count { dx[i] += g[i] * mask[i] }
                }
            }
        }
    }
}
