import Foundation

/// Numerically stable softmax and log-softmax along an axis.
extension Tensor {
    /// Walks the (outer, n, inner) decomposition of `axis`: calls `body(base, stride)` once per
    /// slice along the axis, where element j of the slice is at `base + j·stride`.
    @inline(__always)
    func forEachSlice(along axis: Int, _ body: (Int, Int) -> Void) {
        let (outer, n, inner) = split(at: axis)
        for o in 0..<outer {
            for i in 0..<inner { body(o * n * inner + i, inner) }
        }
    }

    /// exp(x − max) / Σ exp(x − max) along `axis` (default: the last).
    public func softmax(axis: Int = -1) -> Tensor {
        let x = self
        let a = normalizedAxis(axis)
        let n = shape[a]
        var out = [Float](repeating: 0, count: count)
        x.data.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { py in
                forEachSlice(along: a) { base, s in
                    var maxValue = -Float.infinity
                    for j in 0..<n { maxValue = Swift.max(maxValue, px[base + j * s]) }
                    var total: Float = 0
                    for j in 0..<n {
                        let e = Foundation.exp(px[base + j * s] - maxValue)
                        py[base + j * s] = e
                        total += e
                    }
                    let inv = 1 / total
                    for j in 0..<n { py[base + j * s] *= inv }
                }
            }
        }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            // dx = y ⊙ (g − Σ g·y)
            y.withIncomingGrad { g in
                y.data.withUnsafeBufferPointer { py in
                    x.withGrad { dx in
                        y.forEachSlice(along: a) { base, s in
                            var dot: Float = 0
                            for j in 0..<n { dot += g[base + j * s] * py[base + j * s] }
                            for j in 0..<n {
                                let idx = base + j * s
                                dx[idx] += py[idx] * (g[idx] - dot)
                            }
                        }
                    }
                }
            }
        }
    }

    /// x − max − log Σ exp(x − max) along `axis` (default: the last).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let x = self
        let a = normalizedAxis(axis)
        let n = shape[a]
        var out = [Float](repeating: 0, count: count)
        x.data.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { py in
                forEachSlice(along: a) { base, s in
                    var maxValue = -Float.infinity
                    for j in 0..<n { maxValue = Swift.max(maxValue, px[base + j * s]) }
                    var total: Float = 0
                    for j in 0..<n { total += Foundation.exp(px[base + j * s] - maxValue) }
                    let logTotal = maxValue + Foundation.log(total)
                    for j in 0..<n { py[base + j * s] = px[base + j * s] - logTotal }
                }
            }
        }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            // dx = g − softmax(x) · Σ g
            y.withIncomingGrad { g in
                y.data.withUnsafeBufferPointer { py in
                    x.withGrad { dx in
                        y.forEachSlice(along: a) { base, s in
                            var total: Float = 0
                            for j in 0..<n { total += g[base + j * s] }
                            for j in 0..<n {
                                let idx = base + j * s
                                dx[idx] += g[idx] - Foundation.exp(py[idx]) * total
                            }
                        }
                    }
                }
            }
        }
    }
}
