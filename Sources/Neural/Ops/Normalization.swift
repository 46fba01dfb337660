/// Layer normalisation over the last axis (fused forward and backward).
extension Tensor {
    /// (x − mean) / √(var + ε) · γ + β over the last axis, with the biased variance as in
    /// PyTorch's `layer_norm`. `[…, n]` with γ, β `[n]` → `[…, n]`.
    public func layerNorm(gamma: Tensor, beta: Tensor, epsilon: Float = 1e-5) -> Tensor {
        let x = self
        let n = shape[rank - 1]
        precondition(gamma.shape == [n] && beta.shape == [n],
                     "layer norm of \(shape) needs γ and β of shape [\(n)], got \(gamma.shape) and \(beta.shape)")
        let rows = count / Swift.max(n, 1)
        var means = [Float](repeating: 0, count: rows)
        var inverseStd = [Float](repeating: 0, count: rows)
        let out = [Float](unsafeUninitializedCapacity: count) { y, initialized in
            x.data.withUnsafeBufferPointer { px in
                gamma.data.withUnsafeBufferPointer { pg in
                    beta.data.withUnsafeBufferPointer { pb in
                        for r in 0..<rows {
                            let row = r * n
                            var mean: Float = 0
                            for j in 0..<n { mean += px[row + j] }
                            mean /= Float(n)
                            var variance: Float = 0
                            for j in 0..<n {
                                let d = px[row + j] - mean
                                variance += d * d
                            }
                            variance /= Float(n)
                            let rstd = 1 / (variance + epsilon).squareRoot()
                            means[r] = mean
                            inverseStd[r] = rstd
                            for j in 0..<n { y[row + j] = (px[row + j] - mean) * rstd * pg[j] + pb[j] }
                        }
                    }
                }
            }
            initialized = count
        }
        return Tensor.result(shape: shape, data: out, parents: [x, gamma, beta]) { y in
            y.withIncomingGrad { g in
                x.data.withUnsafeBufferPointer { px in
                    gamma.data.withUnsafeBufferPointer { pg in
                        if gamma.requiresGrad || beta.requiresGrad {
                            var dGamma = [Float](repeating: 0, count: n)
                            var dBeta = [Float](repeating: 0, count: n)
                            for r in 0..<rows {
                                let row = r * n
                                for j in 0..<n {
                                    let xhat = (px[row + j] - means[r]) * inverseStd[r]
                                    dGamma[j] += g[row + j] * xhat
                                    dBeta[j] += g[row + j]
                                }
                            }
                            if gamma.requiresGrad { dGamma.withUnsafeBufferPointer { gamma.addToGrad($0) } }
                            if beta.requiresGrad { dBeta.withUnsafeBufferPointer { beta.addToGrad($0) } }
                        }
                        guard x.requiresGrad else { return }
                        // dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)), ĝ = g ⊙ γ
                        x.withGrad { dx in
                            for r in 0..<rows {
                                let row = r * n
                                let (mean, rstd) = (means[r], inverseStd[r])
                                var sumG: Float = 0, sumGX: Float = 0
                                for j in 0..<n {
                                    let gh = g[row + j] * pg[j]
                                    sumG += gh
                                    sumGX += gh * (px[row + j] - mean) * rstd
                                }
                                let meanG = sumG / Float(n), meanGX = sumGX / Float(n)
                                for j in 0..<n {
                                    let xhat = (px[row + j] - mean) * rstd
                                    dx[row + j] += rstd * (g[row + j] * pg[j] - meanG - xhat * meanGX)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
