import Neural

/// Interpretable long-term AQA §3, eq. 4: score = Σₖ wₖ sₖ with w = softmax over the queries.
/// Parallel weight and score branches (MLPs); the score branch is an ensemble of `heads`
/// independently initialised MLPs whose spread measures how sure the model is (the interval).
public final class WeightScoreHead: Module {
    public let weightBranch: MLP
    public let scoreBranches: [MLP]

    public init(width: Int, heads: Int, dropout: Float, rng: RandomSource) {
        weightBranch = MLP([width, width, 1], activation: .gelu, dropout: dropout, rng: rng)
        scoreBranches = (0..<Swift.max(heads, 1)).map { _ in MLP([width, width, 1], activation: .gelu, dropout: dropout, rng: rng) }
    }

    public struct Result {
        /// [K], sums to 1.
        public let weights: Tensor
        /// Per head: [K] query scores (normalised units).
        public let headScores: [Tensor]
        /// Per head: the routine score Σₖ wₖ sₖ, scalar tensors.
        public let headTotals: [Tensor]
        /// [K] mean of the heads' query scores.
        public var scores: Tensor { headScores.count == 1 ? headScores[0] : Tensor.stack(headScores).mean(axis: 0) }
    }

    // [K, d] → weights [K], scores [K] per head
    public func callAsFunction(_ x: Tensor, rng: RandomSource? = nil) -> Result {
        let k = x.shape[0]
        let w = weightBranch(x, rng: rng).reshaped([k]).softmax(axis: 0)
        let scores = scoreBranches.map { $0(x, rng: rng).reshaped([k]) }
        let totals = scores.map { (w * $0).sum() }
        return Result(weights: w, headScores: scores, headTotals: totals)
    }

    public func parameters() -> [NamedParameter] {
        weightBranch.parameters(prefixedBy: "weight") + namedParameters(of: scoreBranches, prefixedBy: "score")
    }
}
