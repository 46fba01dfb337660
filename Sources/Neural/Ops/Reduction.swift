/// Sums and means over axes.
extension Tensor {
    /// Sum over one axis; `keepingDims` keeps it with extent 1.
    public func sum(axis: Int, keepingDims: Bool = false) -> Tensor {
        let x = self
        let a = normalizedAxis(axis)
        let (outer, n, inner) = split(at: a)
        var outShape = shape
        if keepingDims { outShape[a] = 1 } else { outShape.remove(at: a) }
        let out = x.data.withUnsafeBufferPointer { px in
            [Float](unsafeUninitializedCapacity: outer * inner) { buf, initialized in
                buf.update(repeating: 0)
                for o in 0..<outer {
                    for k in 0..<n {
                        let src = (o * n + k) * inner
                        for i in 0..<inner { buf[o * inner + i] += px[src + i] }
                    }
                }
                initialized = outer * inner
            }
        }
        return Tensor.result(shape: outShape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.withGrad { dx in
                    for o in 0..<outer {
                        for k in 0..<n {
                            let dst = (o * n + k) * inner
                            for i in 0..<inner { dx[dst + i] += g[o * inner + i] }
                        }
                    }
                }
            }
        }
    }

    /// Sum over several axes.
    public func sum(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let sorted = Set(axes.map { normalizedAxis($0) }).sorted(by: >)
        var y = self
        for a in sorted { y = y.sum(axis: a, keepingDims: keepingDims) }
        return y
    }

    /// Sum of all elements, a scalar.
    public func sum() -> Tensor {
        let x = self
        var total: Double = 0
        x.data.withUnsafeBufferPointer { px in
            for v in px { total += Double(v) }
        }
        return Tensor.result(shape: [], data: [Float(total)], parents: [x]) { y in
            y.withIncomingGrad { g in
                let gv = g[0]
                x.withGrad { dx in
                    for i in 0..<dx.count { dx[i] += gv }
                }
            }
        }
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepingDims: Bool = false) -> Tensor {
        let n = shape[normalizedAxis(axis)]
        return sum(axis: axis, keepingDims: keepingDims).scaled(by: 1 / Float(n))
    }

    /// Mean over several axes.
    public func mean(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let n = Set(axes.map { normalizedAxis($0) }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepingDims: keepingDims).scaled(by: 1 / Float(n))
    }

    /// Mean of all elements, a scalar.
    public func mean() -> Tensor { sum().scaled(by: 1 / Float(Swift.max(count, 1))) }
}
