/// One decoder layer of the query-based temporal decoder of Interpretable long-term AQA (§3).
///
/// Pre-norm, as the paper's code. By default the self-attention output *replaces* the queries
/// (no residual around self-attention, so the model cannot skip it — the "temporal skipping" the
/// paper fights) and a skip connection across cross-attention carries the self-attention output
/// on to the later layers:
///
///     s  = SelfAttn(LN₁(x) + pos, LN₁(x) + pos, LN₁(x))        A_S = s
///     x₁ = Dropout(s)                  (x + Dropout(s) with `selfAttentionResidual`)
///     c  = CrossAttn(LN₂(x₁) + pos, memory, memory)             A_C = c
///     x₂ = x₁ + Dropout(c)             skip connection across cross-attention
///     x₃ = x₂ + Dropout(FFN(LN₃(x₂)))
///
/// The attention loss of the paper, KL(softmax(A_S A_Sᵀ) ‖ softmax(A_C A_Cᵀ)), uses the attention
/// *outputs* `selfAttention.output` and `crossAttention.output` of ``Result``; the attention
/// *weights* (what the report plots) are in `selfAttention.weights` / `crossAttention.weights`.
public final class TransformerDecoderLayer: Module {
    public let selfAttention: MultiHeadAttention
    public let crossAttention: MultiHeadAttention
    public let feedForward: MLP
    public let norm1: LayerNorm, norm2: LayerNorm, norm3: LayerNorm
    public let dropout: Float
    /// Adds the standard residual around self-attention (an ablation; the paper's variant has none).
    public let selfAttentionResidual: Bool

    public struct Result {
        /// [K, d] (or [B, K, d])
        public let output: Tensor
        /// Self-attention over the queries: output A_S [K, d], weights [h, K, K].
        public let selfAttention: MultiHeadAttention.Result
        /// Cross-attention of the queries over the memory: output A_C [K, d], weights [h, K, T].
        public let crossAttention: MultiHeadAttention.Result
    }

    public init(
        width: Int, heads: Int, feedForwardWidth: Int, dropout: Float = 0, activation: Activation = .relu,
        selfAttentionResidual: Bool = false, rng: RandomSource
    ) {
        selfAttention = MultiHeadAttention(width: width, heads: heads, dropout: dropout, rng: rng)
        crossAttention = MultiHeadAttention(width: width, heads: heads, dropout: dropout, rng: rng)
        feedForward = MLP([width, feedForwardWidth, width], activation: activation, dropout: dropout, rng: rng)
        norm1 = LayerNorm(width)
        norm2 = LayerNorm(width)
        norm3 = LayerNorm(width)
        self.dropout = dropout
        self.selfAttentionResidual = selfAttentionResidual
    }

    /// queries [K, d], memory [T, d] → [K, d] (or both with a leading batch axis).
    /// `queryPosition` [K, d] is added to the attention queries (and self-attention keys);
    /// `memoryMask` broadcasts to [K, T] (e.g. ``MultiHeadAttention/keyMask(queries:keep:)``).
    public func callAsFunction(
        _ x: Tensor, memory: Tensor, queryPosition: Tensor? = nil, memoryMask: Tensor? = nil,
        rng: RandomSource? = nil
    ) -> Result {
        let h = norm1(x)  // [K, d]
        let positioned = queryPosition.map { h + $0 } ?? h
        let sa = selfAttention(query: positioned, key: positioned, value: h, rng: rng)  // [K, d], [h, K, K]
        let x1 = selfAttentionResidual ? x + sa.output.dropout(dropout, rng: rng) : sa.output.dropout(dropout, rng: rng)
        let h2 = norm2(x1)
        let crossQuery = queryPosition.map { h2 + $0 } ?? h2
        let ca = crossAttention(query: crossQuery, key: memory, value: memory, mask: memoryMask, rng: rng)  // [K, d], [h, K, T]
        let x2 = x1 + ca.output.dropout(dropout, rng: rng)
        let x3 = x2 + feedForward(norm3(x2), rng: rng).dropout(dropout, rng: rng)
        return Result(output: x3, selfAttention: sa, crossAttention: ca)
    }

    public func parameters() -> [NamedParameter] {
        selfAttention.parameters(prefixedBy: "self") + crossAttention.parameters(prefixedBy: "cross")
            + feedForward.parameters(prefixedBy: "ffn") + norm1.parameters(prefixedBy: "norm1")
            + norm2.parameters(prefixedBy: "norm2") + norm3.parameters(prefixedBy: "norm3")
    }
}

/// A stack of ``TransformerDecoderLayer``s with a final layer norm (pre-norm stacks need one).
/// Parameters: `layers.0.self.wq.weight`, …, `norm.weight`.
public final class TransformerDecoder: Module {
    public let layers: [TransformerDecoderLayer]
    public let norm: LayerNorm

    public struct Result {
        /// [K, d] (or [B, K, d]), after the final norm.
        public let output: Tensor
        /// Each layer's result, with its self- and cross-attention outputs and weights.
        public let layers: [TransformerDecoderLayer.Result]
    }

    public init(
        layerCount: Int, width: Int, heads: Int, feedForwardWidth: Int, dropout: Float = 0,
        activation: Activation = .relu, selfAttentionResidual: Bool = false, rng: RandomSource
    ) {
        layers = (0..<layerCount).map { _ in
            TransformerDecoderLayer(width: width, heads: heads, feedForwardWidth: feedForwardWidth, dropout: dropout,
                                    activation: activation, selfAttentionResidual: selfAttentionResidual, rng: rng)
        }
        norm = LayerNorm(width)
    }

    // queries [K, d], memory [T, d] → [K, d]
    public func callAsFunction(
        _ queries: Tensor, memory: Tensor, queryPosition: Tensor? = nil, memoryMask: Tensor? = nil,
        rng: RandomSource? = nil
    ) -> Result {
        var x = queries
        var results: [TransformerDecoderLayer.Result] = []
        for layer in layers {
            let r = layer(x, memory: memory, queryPosition: queryPosition, memoryMask: memoryMask, rng: rng)
            results.append(r)
            x = r.output
        }
        return Result(output: norm(x), layers: results)
    }

    public func parameters() -> [NamedParameter] {
        namedParameters(of: layers, prefixedBy: "layers") + norm.parameters(prefixedBy: "norm")
    }
}
