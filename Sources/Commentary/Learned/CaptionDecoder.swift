import Foundation
import Neural

/// The paragraph writer (MTL-AQA §4's GRU caption head, conditioned as TechCoach §4.5 conditions
/// its assessor on the keypoint tokens, a score token and the video tokens): a GRU over word
/// embeddings with Luong-style global attention over the context tokens.
///
///     context C = [f_kq (14); score token; query features (K); faults (F)] → keys W_c C   [15 + K + F, H]
///     h₀ = tanh(W_h · mean(C))                                                    [1, H]
///     hₜ = GRU(embed(yₜ₋₁), hₜ₋₁)                                                  [1, H]
///     aₜ = softmax(hₜ Kᵀ / √H), cₜ = aₜ K,  logits = W_o [hₜ; cₜ]                     [V]
///
/// The score token is a learnt vector plus a projection of the mean of the assessment's query
/// features (what its weight–score head reads), so the text can follow the score; the query
/// features themselves (what the penalty heads read, each about one part of the routine) are
/// the video tokens. With a scoring task's items (``CommentaryConfiguration/penaltyItems``) the
/// penalties to cite are tokens too, one per ``FaultMention``: item + severity + rank
/// embeddings, so each "At <time>, …" sentence is read off a penalty the heads predicted rather
/// than guessed from the video a second time. Training uses
/// teacher forcing (the whole sequence's attention and output in one matrix product after the
/// recurrence); decoding runs the same step on a batch of beams.
public final class CaptionDecoder: Module {
    public let embedding: Embedding
    /// [1, d]
    public let scoreToken: Tensor
    public let scoreProjection: Linear
    public let contextProjection: Linear
    public let initialState: Linear
    public let cell: GRUCell
    public let output: Linear
    public let dropout: Float
    /// Fault token embeddings (item, severity class, rank in the routine); nil without items.
    public let faultItem: Embedding?
    public let faultSeverity: Embedding?
    public let faultRank: Embedding?
    /// Ranks beyond this share the last rank embedding.
    public static let faultRanks = 12

    public var vocabularySize: Int { embedding.weight.shape[0] }
    public var hiddenSize: Int { cell.hiddenSize }

    public init(configuration c: CommentaryConfiguration, vocabularySize: Int, rng: RandomSource) {
        embedding = Embedding(vocabulary: vocabularySize, width: c.wordWidth, rng: rng)
        scoreToken = .randomNormal([1, c.width], std: 0.02, rng: rng, requiresGrad: true)
        scoreProjection = Linear(c.width, c.width, rng: rng)
        contextProjection = Linear(c.width, c.hiddenSize, rng: rng)
        initialState = Linear(c.width, c.hiddenSize, rng: rng)
        cell = GRUCell(inputSize: c.wordWidth, hiddenSize: c.hiddenSize, rng: rng)
        output = Linear(2 * c.hiddenSize, vocabularySize, rng: rng)
        dropout = c.dropout
        if let items = c.penaltyItems {
            let severities = Swift.max(1, items.map(\.deductions.count).max() ?? 1)
            faultItem = Embedding(vocabulary: Swift.max(1, items.count), width: c.width, rng: rng, std: 0.5)
            faultSeverity = Embedding(vocabulary: severities, width: c.width, rng: rng, std: 0.5)
            faultRank = Embedding(vocabulary: Self.faultRanks, width: c.width, rng: rng, std: 0.5)
        } else {
            (faultItem, faultSeverity, faultRank) = (nil, nil, nil)
        }
    }

    /// What the decoder attends to and starts from.
    public struct Context {
        /// [15 + K + F, H]
        public let keys: Tensor
        /// [1, H]
        public let initial: Tensor
    }

    /// keypoints f_kq [14, d], query features [K, d], the faults to cite → attention keys and
    /// initial state. Faults are ignored by a decoder without fault embeddings.
    public func context(keypoints: Tensor, queryFeatures: Tensor, faults: [FaultMention] = []) -> Context {
        let score = scoreToken + scoreProjection(queryFeatures.mean(axis: 0, keepingDims: true))  // [1, d]
        var parts = [keypoints, score, queryFeatures]
        if let faultItem, let faultSeverity, let faultRank, !faults.isEmpty {
            let items = faults.map { Swift.min(Swift.max(0, $0.item), faultItem.weight.shape[0] - 1) }
            let severities = faults.map { Swift.min(Swift.max(0, $0.severity), faultSeverity.weight.shape[0] - 1) }
            let ranks = faults.indices.map { Swift.min($0, Self.faultRanks - 1) }
            parts.append(faultItem(items) + faultSeverity(severities) + faultRank(ranks))  // [F, d]
        }
        let tokens = Tensor.concat(parts, axis: 0)  // [15 + K + F, d]
        return Context(keys: contextProjection(tokens), initial: initialState(tokens.mean(axis: 0, keepingDims: true)).tanh())
    }

    /// Teacher forcing: input ids [L] (starting with `<bos>`) → logits [L, V].
    public func logits(_ context: Context, inputs: [Int], rng: RandomSource? = nil) -> Tensor {
        let embedded = embedding(inputs).dropout(dropout, rng: rng)  // [L, W]
        var h = context.initial
        var states: [Tensor] = []
        states.reserveCapacity(inputs.count)
        for t in inputs.indices {
            h = cell(embedded.slice(axis: 0, t..<(t + 1)), hidden: h)  // [1, H]
            states.append(h)
        }
        return read(Tensor.concat(states, axis: 0), context: context, rng: rng)
    }

    /// States [N, H] → logits [N, V] through the attention over the context.
    func read(_ states: Tensor, context: Context, rng: RandomSource?) -> Tensor {
        let scale = 1 / Float(hiddenSize).squareRoot()
        let weights = states.matmul(context.keys, transposeB: true).scaled(by: scale).softmax(axis: -1)  // [N, 15 + K]
        let attended = weights.matmul(context.keys)  // [N, H]
        return output(Tensor.concat([states, attended], axis: 1).dropout(dropout, rng: rng))
    }

    /// One decoding step for a batch of hypotheses: previous tokens [B], states [B, H] →
    /// log-probabilities [B][V] and the new states. No graph.
    func step(_ context: Context, previous: [Int], states: Tensor) -> (logProbabilities: [[Float]], states: Tensor) {
        Graph.withoutGradients {
            let h = cell(embedding(previous), hidden: states)
            let logp = read(h, context: context, rng: nil).logSoftmax(axis: -1)
            return (logp.rows, h)
        }
    }

    public func parameters() -> [NamedParameter] {
        embedding.parameters(prefixedBy: "embedding") + [("score_token", scoreToken)]
            + scoreProjection.parameters(prefixedBy: "score_projection") + contextProjection.parameters(prefixedBy: "context_projection")
            + initialState.parameters(prefixedBy: "initial_state") + cell.parameters(prefixedBy: "gru") + output.parameters(prefixedBy: "output")
            + (faultItem?.parameters(prefixedBy: "fault_item") ?? []) + (faultSeverity?.parameters(prefixedBy: "fault_severity") ?? [])
            + (faultRank?.parameters(prefixedBy: "fault_rank") ?? [])
    }
}
