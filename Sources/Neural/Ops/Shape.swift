/// Reshape, permute/transpose, concat, slice, gather (and embedding lookup).
extension Tensor {
    /// The same values in a new shape; one extent may be -1 (inferred). Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(Tensor.count(of: resolved) == count, "cannot reshape \(shape) to \(newShape)")
        let x = self
        return Tensor.result(shape: resolved, data: x.data, parents: [x]) { y in
            y.withIncomingGrad { x.addToGrad($0) }
        }
    }

    /// Axes reordered: result axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) does not fit shape \(shape)")
        if order == Array(0..<rank) { return reshaped(shape) }
        let x = self
        let outShape = order.map { shape[$0] }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        let out = x.data.withUnsafeBufferPointer { Tensor.permute($0, shape: shape, order: order) }
        return Tensor.result(shape: outShape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                let back = Tensor.permute(g, shape: outShape, order: inverse)
                back.withUnsafeBufferPointer { x.addToGrad($0) }
            }
        }
    }

    /// Swaps two axes (default: the last two).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(normalizedAxis(axis0), normalizedAxis(axis1))
        return permuted(order)
    }

    /// Copies `src` (laid out in `shape`) into the axis order `order`.
    static func permute(_ src: UnsafeBufferPointer<Float>, shape: [Int], order: [Int]) -> [Float] {
        let rank = shape.count
        let outShape = order.map { shape[$0] }
        var srcStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { srcStrides[i] = srcStrides[i + 1] * shape[i + 1] }
        let stridesInOutOrder = order.map { srcStrides[$0] }
        let n = src.count
        return [Float](unsafeUninitializedCapacity: n) { dst, initialized in
            initialized = n
            guard n > 0 else { return }
            if rank == 2 {
                let (rows, cols) = (shape[0], shape[1])
                for r in 0..<rows {
                    for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
                }
                return
            }
            // Innermost output axis is copied in runs; the outer ones are walked with a counter.
            let runLength = outShape[rank - 1]
            let runStride = stridesInOutOrder[rank - 1]
            var index = [Int](repeating: 0, count: rank - 1)
            var offset = 0
            var o = 0
            while o < n {
                if runStride == 1 {
                    for j in 0..<runLength { dst[o + j] = src[offset + j] }
                } else {
                    for j in 0..<runLength { dst[o + j] = src[offset + j * runStride] }
                }
                o += runLength
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    offset += stridesInOutOrder[axis]
                    if index[axis] < outShape[axis] { break }
                    offset -= stridesInOutOrder[axis] * outShape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    /// Joins tensors along `axis`; all other extents must match.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat of no tensors")
        let first = tensors[0]
        let a = first.normalizedAxis(axis)
        for t in tensors {
            precondition(
                t.rank == first.rank && (0..<first.rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                "concat along axis \(axis): shape \(t.shape) does not match \(first.shape)")
        }
        let (outer, _, inner) = first.split(at: a)
        let widths = tensors.map { $0.shape[a] * inner }  // floats per outer index
        let total = widths.reduce(0, +)
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let out = [Float](unsafeUninitializedCapacity: outer * total) { dst, initialized in
            var column = 0
            for (t, w) in zip(tensors, widths) {
                t.data.withUnsafeBufferPointer { src in
                    for o in 0..<outer {
                        for j in 0..<w { dst[o * total + column + j] = src[o * w + j] }
                    }
                }
                column += w
            }
            initialized = outer * total
        }
        return result(shape: outShape, data: out, parents: tensors) { y in
            y.withIncomingGrad { g in
                var column = 0
                for (t, w) in zip(tensors, widths) {
                    if t.requiresGrad {
                        t.withGrad { dx in
                            for o in 0..<outer {
                                for j in 0..<w { dx[o * w + j] += g[o * total + column + j] }
                            }
                        }
                    }
                    column += w
                }
            }
        }
    }

    /// Stacks equally shaped tensors along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack of no tensors")
        let rank = tensors[0].rank + 1
        let a = axis < 0 ? axis + rank : axis
        let expanded = tensors.map { t -> Tensor in
            var s = t.shape
            s.insert(1, at: a)
            return t.reshaped(s)
        }
        return concat(expanded, axis: a)
    }

    /// The part of the tensor with index in `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let x = self
        let a = normalizedAxis(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a],
                     "slice \(range) out of bounds for axis \(axis) of shape \(shape)")
        let (outer, n, inner) = split(at: a)
        let w = range.count * inner
        let start = range.lowerBound * inner
        var outShape = shape
        outShape[a] = range.count
        let out = x.data.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: outer * w) { dst, initialized in
                for o in 0..<outer {
                    for j in 0..<w { dst[o * w + j] = src[o * n * inner + start + j] }
                }
                initialized = outer * w
            }
        }
        return Tensor.result(shape: outShape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.withGrad { dx in
                    for o in 0..<outer {
                        for j in 0..<w { dx[o * n * inner + start + j] += g[o * w + j] }
                    }
                }
            }
        }
    }

    /// Entries at `indices` along `axis` (repeats allowed); gradients scatter-add back.
    public func gather(_ indices: [Int], axis: Int = 0) -> Tensor {
        let x = self
        let a = normalizedAxis(axis)
        let (outer, n, inner) = split(at: a)
        for i in indices { precondition(i >= 0 && i < n, "index \(i) out of range 0..<\(n) on axis \(axis)") }
        let m = indices.count
        var outShape = shape
        outShape[a] = m
        let out = x.data.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: outer * m * inner) { dst, initialized in
                for o in 0..<outer {
                    for (k, index) in indices.enumerated() {
                        let from = (o * n + index) * inner, to = (o * m + k) * inner
                        for j in 0..<inner { dst[to + j] = src[from + j] }
                    }
                }
                initialized = outer * m * inner
            }
        }
        return Tensor.result(shape: outShape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.withGrad { dx in
                    for o in 0..<outer {
                        for (k, index) in indices.enumerated() {
                            let to = (o * n + index) * inner, from = (o * m + k) * inner
                            for j in 0..<inner { dx[to + j] += g[from + j] }
                        }
                    }
                }
            }
        }
    }

    /// Embedding lookup: rows of this [vocabulary, d] table, shaped `indexShape + [d]`.
    public func embeddingLookup(_ indices: [Int], indexShape: [Int]? = nil) -> Tensor {
        precondition(rank == 2, "embedding table must be [vocabulary, d], got \(shape)")
        let rows = gather(indices, axis: 0)
        guard let indexShape else { return rows }
        return rows.reshaped(indexShape + [shape[1]])
    }
}
