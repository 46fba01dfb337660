/// Multi-head scaled dot-product attention that also returns its attention weights (the report
/// plots them; the attention loss differentiates through them).
public final class MultiHeadAttention: Module {
    public let wq: Linear, wk: Linear, wv: Linear, wo: Linear
    public let headCount: Int
    /// Dropout probability on the attention weights (training only).
    public let dropout: Float

    public var width: Int { wq.outFeatures }
    public var headWidth: Int { width / headCount }

    /// What one attention call produced.
    public struct Result {
        /// [Nq, d] (or [B, Nq, d]): the attention output after the output projection.
        public let output: Tensor
        /// [h, Nq, Nk] (or [B, h, Nq, Nk]): softmax weights per head, before dropout. Part of
        /// the graph, so losses on them backpropagate.
        public let weights: Tensor

        /// [Nq, Nk] (or [B, Nq, Nk]): weights averaged over heads, as a differentiable tensor.
        public var meanWeights: Tensor { weights.mean(axis: -3) }

        /// Head-averaged weights as plain rows [query][key] of the first batch item (for plots).
        public var meanWeightRows: [[Float]] {
            let mean = Graph.withoutGradients { meanWeights }
            let (nq, nk) = (mean.shape[mean.rank - 2], mean.shape[mean.rank - 1])
            return Tensor(shape: [nq, nk], data: Array(mean.data.prefix(nq * nk))).rows
        }

        /// One head's weights as plain rows [query][key] of the first batch item (for plots).
        public func weightRows(head: Int) -> [[Float]] {
            let (h, nq, nk) = (weights.shape[weights.rank - 3], weights.shape[weights.rank - 2], weights.shape[weights.rank - 1])
            precondition(head >= 0 && head < h, "head \(head) out of range 0..<\(h)")
            let start = head * nq * nk
            return Tensor(shape: [nq, nk], data: Array(weights.data[start..<(start + nq * nk)])).rows
        }
    }

    public init(width: Int, heads: Int, dropout: Float = 0, rng: RandomSource) {
        precondition(heads > 0 && width % heads == 0, "width \(width) is not divisible into \(heads) heads")
        wq = Linear(width, width, rng: rng)
        wk = Linear(width, width, rng: rng)
        wv = Linear(width, width, rng: rng)
        wo = Linear(width, width, rng: rng)
        headCount = heads
        self.dropout = dropout
    }

    /// query [Nq, d], key and value [Nk, d] (or all with a leading batch axis B) → Result.
    /// `mask` is added to the scores before the softmax and must broadcast to [Nq, Nk]
    /// (or [B, 1, Nq, Nk]); use ``causalMask(_:)`` / ``keyMask(queries:keep:)``.
    public func callAsFunction(
        query: Tensor, key: Tensor, value: Tensor, mask: Tensor? = nil, rng: RandomSource? = nil
    ) -> Result {
        precondition(query.rank == key.rank && key.shape == value.shape && (query.rank == 2 || query.rank == 3),
                     "attention needs [N, d] or [B, N, d] inputs, got \(query.shape), \(key.shape), \(value.shape)")
        let scale = 1 / Float(headWidth).squareRoot()
        let q = splitHeads(wq(query)).scaled(by: scale)  // [.., h, Nq, dh]
        let k = splitHeads(wk(key))  // [.., h, Nk, dh]
        let v = splitHeads(wv(value))  // [.., h, Nk, dh]
        var scores = q.matmul(k, transposeB: true)  // [.., h, Nq, Nk]
        if let mask { scores = scores + mask }
        let weights = scores.softmax(axis: -1)
        let context = weights.dropout(dropout, rng: rng).matmul(v)  // [.., h, Nq, dh]
        let merged = context.transposed(-3, -2)  // [.., Nq, h, dh]
        let output = wo(merged.reshaped(Array(query.shape.dropLast()) + [width]))  // [.., Nq, d]
        return Result(output: output, weights: weights)
    }

    // [.., N, d] → [.., h, N, dh]
    private func splitHeads(_ x: Tensor) -> Tensor {
        x.reshaped(Array(x.shape.dropLast()) + [headCount, headWidth]).transposed(-3, -2)
    }

    /// Additive mask [n, n] letting query i see keys 0…i only (future scores get −10⁹).
    public static func causalMask(_ n: Int) -> Tensor {
        var values = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in (i + 1)..<n { values[i * n + j] = -1e9 } }
        return Tensor(shape: [n, n], data: values)
    }

    /// Additive mask [queries, keys] hiding the keys whose `keep` entry is false (padding).
    public static func keyMask(queries: Int, keep: [Bool]) -> Tensor {
        let row = keep.map { $0 ? Float(0) : -1e9 }
        return Tensor(shape: [queries, keep.count], data: Array([[Float]](repeating: row, count: queries).joined()))
    }

    public func parameters() -> [NamedParameter] {
        wq.parameters(prefixedBy: "wq") + wk.parameters(prefixedBy: "wk")
            + wv.parameters(prefixedBy: "wv") + wo.parameters(prefixedBy: "wo")
    }
}
