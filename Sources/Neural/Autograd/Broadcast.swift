/// NumPy-style broadcasting of two shapes: how each output element maps to an element of each
/// input. Used by the elementwise binary ops (forward and backward) and by the one helper that
/// reduces a broadcast gradient back to an input's shape.
struct BroadcastPlan {
    enum Kind {
        /// Both inputs have the output's shape.
        case same
        /// `a` has the output's shape, `b` holds one value.
        case bScalar
        /// `b` has the output's shape, `a` holds one value.
        case aScalar
        /// `a` has the output's shape; `b`'s shape is a suffix of it (a bias row), `b.count` values.
        case bSuffix(Int)
        /// `b` has the output's shape; `a`'s shape is a suffix of it.
        case aSuffix(Int)
        /// Anything else: per-axis strides (0 on broadcast axes) into `a` and `b`.
        case general(stridesA: [Int], stridesB: [Int])
    }

    let outShape: [Int]
    let count: Int
    let kind: Kind

    init(_ a: [Int], _ b: [Int]) {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            precondition(
                pa[i] == pb[i] || pa[i] == 1 || pb[i] == 1,
                "shapes \(a) and \(b) cannot be broadcast together")
            out[i] = pa[i] == 1 ? pb[i] : pa[i]
        }
        outShape = out
        count = Tensor.count(of: out)
        let countA = Tensor.count(of: a), countB = Tensor.count(of: b)
        if pa == out && pb == out {
            kind = .same
        } else if pa == out && countB == 1 {
            kind = .bScalar
        } else if pb == out && countA == 1 {
            kind = .aScalar
        } else if pa == out, BroadcastPlan.isSuffix(pb, of: out) {
            kind = .bSuffix(countB)
        } else if pb == out, BroadcastPlan.isSuffix(pa, of: out) {
            kind = .aSuffix(countA)
        } else {
            kind = .general(stridesA: BroadcastPlan.strides(pa, out), stridesB: BroadcastPlan.strides(pb, out))
        }
    }

    /// Whether `shape` (padded to the output's rank) is 1s followed by the trailing extents of `out`.
    private static func isSuffix(_ shape: [Int], of out: [Int]) -> Bool {
        guard let first = shape.firstIndex(where: { $0 != 1 }) else { return true }
        return Array(shape[first...]) == Array(out[first...])
    }

    /// Row-major strides of `shape`, with 0 where it is broadcast along `out`.
    private static func strides(_ shape: [Int], _ out: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = shape[i] == 1 && out[i] != 1 ? 0 : running
            running *= shape[i]
        }
        return strides
    }

    /// Calls `body(outputIndex, indexInA, indexInB)` for every output element, in order.
    @inline(__always)
    func forEach(_ body: (Int, Int, Int) -> Void) {
        switch kind {
        case .same:
            for i in 0..<count { body(i, i, i) }
        case .bScalar:
            for i in 0..<count { body(i, i, 0) }
        case .aScalar:
            for i in 0..<count { body(i, 0, i) }
        case .bSuffix(let n):
            guard n > 0 else { return }
            var i = 0
            for _ in 0..<(count / n) {
                for j in 0..<n { body(i, i, j); i += 1 }
            }
        case .aSuffix(let n):
            guard n > 0 else { return }
            var i = 0
            for _ in 0..<(count / n) {
                for j in 0..<n { body(i, j, i); i += 1 }
            }
        case .general(let stridesA, let stridesB):
            let rank = outShape.count
            var index = [Int](repeating: 0, count: rank)
            var ia = 0, ib = 0
            for i in 0..<count {
                body(i, ia, ib)
                // Increment the multi-index, updating the offsets incrementally.
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    ia += stridesA[axis]
                    ib += stridesB[axis]
                    if index[axis] < outShape[axis] { break }
                    ia -= stridesA[axis] * outShape[axis]
                    ib -= stridesB[axis] * outShape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}

extension Tensor {
    /// Adds a gradient laid out in `outShape` to this tensor's gradient, summing over the axes
    /// along which this tensor was broadcast to `outShape`. The one shared reduction of broadcast
    /// gradients: every broadcasting op calls it.
    func accumulateGrad(_ g: UnsafeBufferPointer<Float>, broadcastFrom outShape: [Int]) {
        if outShape == shape {
            addToGrad(g)
            return
        }
        let plan = BroadcastPlan(outShape, shape)
        precondition(plan.outShape.count == outShape.count && Tensor.count(of: plan.outShape) == g.count,
                     "gradient of shape \(outShape) cannot reduce to \(shape)")
        withGrad { dst in
            plan.forEach { i, _, j in dst[j] += g[i] }
        }
    }
}
