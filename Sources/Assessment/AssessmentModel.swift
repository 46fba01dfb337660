import Neural

/// The assessment network of DESIGN.md §Model:
///
///     tokens [T, G, D] ─ SpatialAttentionPooling ─► [T, d] ─(+ pose stream)─ TemporalContext ─► memory [T, d]
///     queries [K, d] (QueryBank, + sinusoidal PE) ─ TransformerDecoder(memory) ─► [K, d]
///        ├─ WeightScoreHead  → wₖ, sₖ, score = Σ wₖ sₖ              (Interpretable-AQA eq. 4)
///        ├─ PenaltyHeads     → occurrence, severity per item × query and × clip (LucidAction §4.3)
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
    /// Concatenation fusion only: [K, V·d] → [K, d].
    public let viewFuse: Linear?
    /// Predicts the pose stream per clip from the clip representation of the penalty heads
    /// (training target only, ``ModelConfiguration/poseTargetWidth``).
    public let poseTarget: Linear?
    /// Contrastive mode only (``ModelConfiguration/exemplars`` > 0).
    public let pairEncoder: MLP?
    public let contrastHead: WeightScoreHead?

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
        penalties = PenaltyHeads(width: c.width, cellInputWidth: c.cellCount * c.tokenWidth, task: task,
                                 deductionDensity: c.useDeductionDensity, rng: rng)
        elements = ElementHead(width: c.width, task: task, rng: rng)
        difficulty = MLP([c.width, c.width, 1], activation: .gelu, rng: rng)
        viewFuse = c.viewFusion == .concatenation && c.views > 1 ? Linear(c.views * c.width, c.width, rng: rng) : nil
        if c.exemplars > 0 {
            pairEncoder = MLP([2 * c.width, c.width, c.width], activation: .gelu, dropout: c.dropout, rng: rng)
            contrastHead = WeightScoreHead(width: c.width, heads: c.scoreHeads, dropout: c.dropout, rng: rng)
        } else {
            pairEncoder = nil
            contrastHead = nil
        }
        // Drawn last, so the other weights start as they do without it.
        poseTarget = (c.poseTargetWidth ?? 0) > 0 ? Linear(c.width, c.poseTargetWidth!, rng: rng) : nil
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
        /// [T, P] predicted pose stream, standardised (nil without ``poseTarget``).
        public var clipPose: Tensor? = nil
        public var queryCount: Int { queryFeatures.shape[0] }
    }

    /// Runs the network on one view. `rng` turns dropout on (training); nil is inference.
    public func callAsFunction(_ input: ClipTokens, rng: RandomSource? = nil) throws -> Output {
        try callAsFunction([input], rng: rng)
    }

    /// Runs the network on the views of one routine (time-aligned; trimmed to the shortest).
    /// Single and batch fusion read the first view (the trainer and ``TrainedModel`` handle the
    /// batch strategy); concatenation decodes every view with the same queries and fuses the
    /// query features, duplicating views when fewer than configured are given.
    public func callAsFunction(_ views: [ClipTokens], rng: RandomSource? = nil) throws -> Output {
        precondition(!views.isEmpty, "no views")
        let c = configuration
        guard c.viewFusion == .concatenation, let viewFuse else {
            let encoded = try encode(views[0], rng: rng)
            let decoded = decode(encoded.memory, queryCount: c.queryCount(forClips: views[0].clipCount), rng: rng)
            return heads(decoded.features, encoded: encoded, cells: views[0], layers: decoded.layers, cross: decoded.crossAttention, rng: rng)
        }
        let inputs = (0..<c.views).map { views[$0 % views.count] }
        let t = inputs.map(\.clipCount).min()!
        let k = c.queryCount(forClips: t)
        var features: [Tensor] = []
        var layers: [TransformerDecoderLayer.Result] = []
        var cross = [[Float]](repeating: [Float](repeating: 0, count: t), count: k)
        var first: (memory: Tensor, spatialWeights: Tensor)?
        for input in inputs {
            let encoded = try encode(input.trimmed(toClips: t), rng: rng)
            if first == nil { first = encoded }
            let decoded = decode(encoded.memory, queryCount: k, rng: rng)
            features.append(decoded.features)
            layers += decoded.layers
            for q in 0..<k { for j in 0..<t { cross[q][j] += decoded.crossAttention[q][j] / Float(inputs.count) } }
        }
        let fused = viewFuse(Tensor.concat(features, axis: 1))  // [K, V·d] → [K, d]
        return heads(fused, encoded: first!, cells: inputs[0].trimmed(toClips: t), layers: layers, cross: cross, rng: rng)
    }

    func heads(_ features: Tensor, encoded: (memory: Tensor, spatialWeights: Tensor), cells input: ClipTokens,
               layers: [TransformerDecoderLayer.Result], cross: [[Float]], rng: RandomSource?) -> Output {
        let ws = weightScore(features, rng: rng)
        let cells = Tensor(shape: [input.clipCount, input.cellCount * input.width], data: input.values)
        let pen = penalties(features, memory: encoded.memory, cells: cells, dropout: configuration.dropout, rng: rng)
        let el = elements(features)
        let diff = difficulty(features.mean(axis: 0, keepingDims: true)).reshaped([])
        return Output(spatialWeights: encoded.spatialWeights, memory: encoded.memory, layers: layers, queryFeatures: features,
                      crossAttention: cross, weightScore: ws, penalties: pen, elements: el, difficulty: diff,
                      clipPose: poseTarget.map { $0(pen.clipHidden) })
    }

    /// tokens [T, G, D] (+ pose [T, P]) → memory [T, d] and the spatial attention [T, G].
    public func encode(_ input: ClipTokens, rng: RandomSource? = nil) throws -> (memory: Tensor, spatialWeights: Tensor) {
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
        return (context(x).dropout(c.dropout, rng: rng), pooled.weights)
    }

    /// memory [T, d] → query features [K, d], each layer's attention, and the last layer's
    /// head-averaged cross-attention rows [K][T]. The baseline averages the memory instead.
    public func decode(_ memory: Tensor, queryCount k: Int, rng: RandomSource? = nil)
        -> (features: Tensor, layers: [TransformerDecoderLayer.Result], crossAttention: [[Float]]) {
        let c = configuration
        guard c.useDecoder else {
            let t = memory.shape[0]
            return (memory.mean(axis: 0, keepingDims: true), [], [[Float](repeating: 1 / Float(t), count: t)])  // [1, d]
        }
        let q = queries.queries(count: k)  // [K, d]
        let position = c.queryPositionalEncoding ? Tensor.sinusoidalPositions(length: k, width: c.width) : nil
        let decoded = decoder(q, memory: memory, queryPosition: position, rng: rng)
        return (decoded.output, decoded.layers, decoded.layers.last!.crossAttention.meanWeightRows)
    }

    /// LucidAction eq. 1 (TPT's pair encoder): the target's and the exemplar's query features,
    /// concatenated per query, become the weights and scores of the *difference* to the exemplar.
    public func contrast(_ target: Tensor, _ exemplar: Tensor, rng: RandomSource? = nil) -> WeightScoreHead.Result? {
        guard let pairEncoder, let contrastHead else { return nil }
        let pair = pairEncoder(Tensor.concat([target, exemplar], axis: 1), rng: rng).gelu()  // [K, 2d] → [K, d]
        return contrastHead(pair, rng: rng)
    }

    public func parameters() -> [NamedParameter] {
        var p = spatial.parameters(prefixedBy: "spatial")
        if let pose, let fuse { p += pose.parameters(prefixedBy: "pose") + fuse.parameters(prefixedBy: "fuse") }
        p += context.parameters(prefixedBy: "context") + queries.parameters(prefixedBy: "queries")
        p += decoder.parameters(prefixedBy: "decoder") + weightScore.parameters(prefixedBy: "weight_score")
        p += penalties.parameters(prefixedBy: "penalties") + elements.parameters(prefixedBy: "elements")
        p += difficulty.parameters(prefixedBy: "difficulty")
        if let viewFuse { p += viewFuse.parameters(prefixedBy: "view_fuse") }
        if let pairEncoder, let contrastHead {
            p += pairEncoder.parameters(prefixedBy: "pair_encoder") + contrastHead.parameters(prefixedBy: "contrast")
        }
        if let poseTarget { p += poseTarget.parameters(prefixedBy: "pose_target") }
        return p
    }
}
