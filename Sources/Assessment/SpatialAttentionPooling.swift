import Neural

/// Pools the G cells of each clip into one vector with learned attention weights, so the
/// report can show which part of the athlete-centred crop the model looked at (the spatial
/// attention overlay). Per clip t: hₜ₉ = GELU(W xₜ₉), aₜ = softmax₉(v·hₜ₉), pₜ = Σ₉ aₜ₉ hₜ₉.
public final class SpatialAttentionPooling: Module {
    public let projection: Linear
    public let scorer: Linear

    public init(inputWidth: Int, width: Int, rng: RandomSource) {
        projection = Linear(inputWidth, width, rng: rng)
        scorer = Linear(width, 1, rng: rng)
    }

    public struct Result {
        /// [T, d]
        public let pooled: Tensor
        /// [T, G], rows sum to 1.
        public let weights: Tensor
    }

    // [T, G, D] → pooled [T, d], weights [T, G]
    public func callAsFunction(_ tokens: Tensor) -> Result {
        let (t, g) = (tokens.shape[0], tokens.shape[1])
        let h = projection(tokens).gelu()  // [T, G, d]
        let weights = scorer(h).reshaped([t, g]).softmax(axis: -1)  // [T, G]
        let pooled = weights.reshaped([t, 1, g]).matmul(h).reshaped([t, h.shape[2]])  // [T, d]
        return Result(pooled: pooled, weights: weights)
    }

    public func parameters() -> [NamedParameter] {
        projection.parameters(prefixedBy: "projection") + scorer.parameters(prefixedBy: "scorer")
    }
}
