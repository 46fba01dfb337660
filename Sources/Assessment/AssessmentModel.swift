import Neural

/// The assessment network of DESIGN.md §Model:
///
///     tokens [T, G, D] ─ SpatialAttentionPooling ─► [T, d] ─(+ pose stream)─ TemporalContext ─► memory [T, d]
///     queries [K, d] (QueryBank, + sinusoidal PE) ─ TransformerDecoder(memory) ─► [K, d]
///        ├─ WeightScoreHead  → wₖ, sₖ, score = Σ wₖ sₖ              (Interpretable-AQA eq. 4)
///        ├─ PenaltyHeads     → occurrence, severity per item × query (LucidAction §4.3)
///        ├─ ElementHead      → name, shape, rotation, half rotations (MTL-AQA Table 2)
///        └─ difficulty MLP on the mean query                          (the ledger's D score)
///
/// With `useDecoder == false` it is the mean-pool + MLP baseline (C3D-AVG-like): the memory is
/// averaged over time into a single "query" that the same heads read.
public final class AssessmentModel: Module {
    public let configuration: ModelConfiguration
    public let task: ScoringTask
    public let spatial: SpatialAttentionPooling
    public let pose: Linear?
    public let fuse: Linear?
    public let context: TemporalContext
    public let queries: QueryBank
    public let decoder: TransformerDecoder
    public let weightScore: WeightScoreHead
    public let penalties: PenaltyHeads
    public let elements: ElementHead
    public let difficulty: MLP

    public init(configuration c: ModelConfiguration, task: ScoringTask, seed: UInt64) {
        let rng = RandomSource(seed: seed)
        configuration = c
        self.task = task
        spatial = SpatialAttentionPooling(inputWidth: c.tokenWidth, width: c.width, rng: rng)
        if c.poseWidth > 0 {
            pose = Linear(c.poseWidth, c.width, rng: rng)
            fuse = Linear(2 * c.width, c.width, rng: rng)
        } else {
            pose = nil
            fuse = nil
        }
        context = TemporalContext(width: c.width, radius: c.temporalContextRadius, rng: rng)
        queries = QueryBank(size: c.queryTableSize, width: c.width, variance: c.queryInitVariance, rng: rng)
        decoder = TransformerDecoder(layerCount: c.layers, width: c.width, heads: c.heads, feedForwardWidth: c.feedForwardWidth,
                                     dropout: c.dropout, activation: .gelu, rng: rng)
        weightScore = WeightScoreHead(width: c.width, heads: c.scoreHeads, dropout: c.dropout, rng: rng)
        penalties = PenaltyHeads(width: c.width, task: task, rng: rng)
        elements = ElementHead(width: c.width, task: task, rng: rng)
        difficulty = MLP([c.width, c.width, 1], activation: .gelu, rng: rng)
    }

    /// Everything one forward pass produced (tensors stay in the graph when training).
    public struct Output {
        /// [T, G] spatial attention per clip.
        public let spatialWeights: Tensor
        /// [T, d]
        public let memory: Tensor
        /// Per decoder layer, self- and cross-attention (outputs and weights); empty for the baseline.
        public let layers: [TransformerDecoderLayer.Result]
        /// [K, d]
        public let queryFeatures: Tensor
        /// [K, T] head-averaged cross-attention of the last layer, plain rows (uniform for the baseline).
        public let crossAttention: [[Float]]
        public let weightScore: WeightScoreHead.Result
        public let penalties: PenaltyHeads.Result
        public let elements: ElementHead.Result
        /// Scalar, normalised units.
        public let difficulty: Tensor
        public var queryCount: Int { queryFeatures.shape[0] }
    }

    /// Runs the network. `rng` turns dropout on (training); nil is inference.
    public func callAsFunction(_ input: ClipTokens, rng: RandomSource? = nil) throws -> Output {
        let c = configuration
        guard input.cellCount == c.cellCount, input.width == c.tokenWidth else {
            throw AssessmentError.tokenShape(expected: "[T, \(c.cellCount), \(c.tokenWidth)]",
                                             found: "[\(input.clipCount), \(input.cellCount), \(input.width)]")
        }
        let t = input.clipCount
        let tokens = Tensor(shape: [t, input.cellCount, input.width], data: input.values)
        let pooled = spatial(tokens)  // [T, d], [T, G]
        var x = pooled.pooled
        if let pose, let fuse {
            // LucidAction Table 3b dual stream: pose projected and concatenated before the decoder;
            // a routine without pose takes the RGB-only path (zeros in the pose half).
            let p = input.pose.map { Tensor(shape: [t, input.poseWidth], data: $0) }
            let projected = p.map { pose($0).gelu() } ?? Tensor.zeros([t, c.width])
            x = fuse(Tensor.concat([x, projected], axis: 1))
        }
        let memory = context(x).dropout(c.dropout, rng: rng)  // [T, d]

        let features: Tensor
        let layers: [TransformerDecoderLayer.Result]
        let cross: [[Float]]
        if c.useDecoder {
            let k = c.queryCount(forClips: t)
            let q = queries.queries(count: k)  // [K, d]
            let position = c.queryPositionalEncoding ? Tensor.sinusoidalPositions(length: k, width: c.width) : nil
            let decoded = decoder(q, memory: memory, queryPosition: position, rng: rng)
            features = decoded.output
            layers = decoded.layers
            cross = decoded.layers.last!.crossAttention.meanWeightRows
        } else {
            features = memory.mean(axis: 0, keepingDims: true)  // [1, d]
            layers = []
            cross = [[Float](repeating: 1 / Float(t), count: t)]
        }
        let ws = weightScore(features, rng: rng)
        let pen = penalties(features)
        let el = elements(features)
        let diff = difficulty(features.mean(axis: 0, keepingDims: true)).reshaped([])
        return Output(spatialWeights: pooled.weights, memory: memory, layers: layers, queryFeatures: features,
                      crossAttention: cross, weightScore: ws, penalties: pen, elements: el, difficulty: diff)
    }

    public func parameters() -> [NamedParameter] {
        var p = spatial.parameters(prefixedBy: "spatial")
        if let pose, let fuse { p += pose.parameters(prefixedBy: "pose") + fuse.parameters(prefixedBy: "fuse") }
        p += context.parameters(prefixedBy: "context") + queries.parameters(prefixedBy: "queries")
        p += decoder.parameters(prefixedBy: "decoder") + weightScore.parameters(prefixedBy: "weight_score")
        p += penalties.parameters(prefixedBy: "penalties") + elements.parameters(prefixedBy: "elements")
        p += difficulty.parameters(prefixedBy: "difficulty")
        return p
    }
}
