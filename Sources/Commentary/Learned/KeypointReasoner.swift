import Neural
import RoutineCore

/// TechCoach's Context-aware Keypoint Reasoner (§4.4): one (strength, weakness) query pair per
/// body-part dimension queries the routine's memory tokens through cross-attention layers and
/// yields the keypoint-related quality embeddings f_kq [7, 2, d].
///
/// Queries (eq. 1): f*_kp[i, j] = f_kp[i] + f_kt[i] + f_q[j], where f_kp[i] is the dimension's
/// general technical keypoint text (its name and the rubric's praise of it) embedded by the
/// fixed ``SentenceEmbedding`` and a learnt linear mapper, f_kt the learnt keypoint-type prompts
/// and f_q the two learnt quality prompts. Each layer (pre-norm):
///
///     x ← x + CrossAttention(LN(x), memory, memory)
///     x ← x + FFN(LN(x))
///
/// ψ maps f_kq back to the sentence-embedding width for the alignment loss (eq. 2).
public final class KeypointReasoner: Module {
    public static let dimensions = BodyDimension.allCases

    /// [7, E] fixed embeddings of the keypoint texts (not a parameter).
    public let keypointText: Tensor
    public let mapper: Linear
    /// f_kt [7, d]
    public let typePrompts: Tensor
    /// f_q [2, d]
    public let qualityPrompts: Tensor
    public let attention: [MultiHeadAttention]
    public let feedForward: [MLP]
    public let attentionNorms: [LayerNorm]
    public let feedForwardNorms: [LayerNorm]
    public let norm: LayerNorm
    /// ψ: d → E
    public let psi: Linear
    public let dropout: Float

    public init(configuration c: CommentaryConfiguration, keypointText: [[Float]], rng: RandomSource) {
        precondition(keypointText.count == Self.dimensions.count && keypointText.allSatisfy { $0.count == c.sentenceWidth },
                     "one keypoint text embedding of width \(c.sentenceWidth) per dimension")
        self.keypointText = Tensor(shape: [keypointText.count, c.sentenceWidth], data: keypointText.flatMap { $0 })
        mapper = Linear(c.sentenceWidth, c.width, rng: rng)
        typePrompts = .randomNormal([Self.dimensions.count, c.width], std: 0.02, rng: rng, requiresGrad: true)
        qualityPrompts = .randomNormal([2, c.width], std: 0.02, rng: rng, requiresGrad: true)
        attention = (0..<c.reasonerLayers).map { _ in MultiHeadAttention(width: c.width, heads: c.heads, dropout: c.dropout, rng: rng) }
        feedForward = (0..<c.reasonerLayers).map { _ in MLP([c.width, 2 * c.width, c.width], activation: .gelu, rng: rng) }
        attentionNorms = (0..<c.reasonerLayers).map { _ in LayerNorm(c.width) }
        feedForwardNorms = (0..<c.reasonerLayers).map { _ in LayerNorm(c.width) }
        norm = LayerNorm(c.width)
        psi = Linear(c.width, c.sentenceWidth, rng: rng)
        dropout = c.dropout
    }

    /// The augmented queries f*_kp, rows ordered (dimension, aspect): [14, d].
    func queries() -> Tensor {
        let n = Self.dimensions.count
        let kp = mapper(keypointText) + typePrompts  // [7, d]
        let d = kp.shape[1]
        let perDimension = kp.reshaped([n, 1, d]) + qualityPrompts.reshaped([1, 2, d])  // [7, 2, d]
        return perDimension.reshaped([2 * n, d])
    }

    /// memory [T, d] → f_kq [14, d], row 2i + j = dimension i, aspect j (0 strength, 1 weakness).
    public func callAsFunction(_ memory: Tensor, rng: RandomSource? = nil) -> Tensor {
        var x = queries()
        for l in attention.indices {
            let h = attentionNorms[l](x)
            x = x + attention[l](query: h, key: memory, value: memory, rng: rng).output.dropout(dropout, rng: rng)
            x = x + feedForward[l](feedForwardNorms[l](x), rng: rng).dropout(dropout, rng: rng)
        }
        return norm(x)
    }

    /// Row of f_kq for a dimension and aspect.
    public static func row(_ dimension: BodyDimension, _ polarity: Polarity) -> Int {
        2 * dimensions.firstIndex(of: dimension)! + (polarity == .strength ? 0 : 1)
    }

    public func parameters() -> [NamedParameter] {
        var p = mapper.parameters(prefixedBy: "mapper") + [("type_prompts", typePrompts), ("quality_prompts", qualityPrompts)]
        for l in attention.indices {
            p += attention[l].parameters(prefixedBy: "layers.\(l).cross") + feedForward[l].parameters(prefixedBy: "layers.\(l).ffn")
            p += attentionNorms[l].parameters(prefixedBy: "layers.\(l).norm1") + feedForwardNorms[l].parameters(prefixedBy: "layers.\(l).norm2")
        }
        return p + norm.parameters(prefixedBy: "norm") + psi.parameters(prefixedBy: "psi")
    }
}
