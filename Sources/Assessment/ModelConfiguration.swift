/// Hyper-parameters and switches of the assessment model; stored in the model file's metadata
/// so a saved model rebuilds itself. Defaults are the full model of DESIGN.md §Model; the
/// ablation switches some parts off.
public struct ModelConfiguration: Codable, Equatable, Sendable {
    /// Direction of the attention loss's KL divergence (Interpretable long-term AQA §3, eq. 3).
    public enum AttentionLossDirection: String, Codable, Sendable, CaseIterable {
        /// KL(L_S ‖ L_C), as the paper's text writes it.
        case paper
        /// KL(L_C ‖ L_S), as the authors' public code computes it.
        case code
    }

    /// Features per cell (D) and cells per clip (G) of the input tokens.
    public var tokenWidth: Int
    public var cellCount: Int
    /// Width of the optional pose stream per clip (0: no pose stream).
    public var poseWidth: Int = 0
    /// Width of the pose stream the network learns to predict from the video, as a training
    /// target only (nil or 0: none). Privileged information: the synthetic pose files teach the
    /// encoder where the joints are, and inference needs no pose file.
    public var poseTargetWidth: Int?
    /// Weight of that prediction's loss (nil: 0.5).
    public var poseTargetLossWeight: Float?
    /// Seconds covered by one clip (8 analysis frames at 15 fps ≈ 0.533 s).
    public var clipDuration: Double = 8.0 / 15.0

    /// Model width d, decoder layers, heads, feed-forward width, dropout.
    public var width: Int = 96
    public var layers: Int = 2
    public var heads: Int = 4
    public var feedForwardWidth: Int = 192
    public var dropout: Float = 0.1
    /// Neighbouring clips mixed into each memory token (a temporal context of ±radius clips).
    public var temporalContextRadius: Int = 1

    /// Queries: one per `clipsPerQuery` clips, between `minQueries` and `maxQueries`, read from a
    /// table of `queryTableSize` learnable vectors by linear interpolation over normalised time.
    public var clipsPerQuery: Double = 2
    public var minQueries: Int = 4
    public var maxQueries: Int = 48
    public var queryTableSize: Int = 32
    /// Variance of the Gaussian initialisation of the queries (Interpretable-AQA §3, Table 5:
    /// larger than DETR's 1 works better; 5 was best). `nil`: DETR's default N(0, 1).
    public var queryInitVariance: Float? = 5
    /// Sinusoidal positional encoding added to the queries only (ibid. Table 4).
    public var queryPositionalEncoding: Bool = true

    /// Loss weights (DESIGN.md §Model, Loss). 0 switches a part off.
    public var attentionLossWeight: Float = 0.1
    public var attentionLossDirection: AttentionLossDirection = .paper
    public var penaltyLossWeight: Float = 1
    public var localisationLossWeight: Float = 0.5
    public var elementLossWeight: Float = 0.5
    public var difficultyLossWeight: Float = 0.5
    /// Weight of the clip-level deduction density (``PenaltyHeads/clipDeduction``); nil or 0:
    /// no density head (model files written before it existed).
    public var deductionLossWeight: Float? = 0.5
    /// Whether the network has the deduction-density head.
    public var useDeductionDensity: Bool { usePenaltyHeads && (deductionLossWeight ?? 0) > 0 }
    /// Independent score heads over the same weights; their spread gives the interval.
    public var scoreHeads: Int = 5
    /// Probability band around 0.5 inside which a predicted deduction is marked for review.
    public var reviewBand: Float = 0.15

    /// Contrastive regression (LucidAction eq. 1): number of exemplars averaged at inference
    /// (0: direct regression).
    public var exemplars: Int = 0

    /// How camera views are combined (LucidAction §4.2, Table 3a).
    public enum ViewFusion: String, Codable, Sendable, CaseIterable {
        /// One view (the first).
        case single
        /// Views as extra samples in training; at inference the views' outputs are averaged.
        case batch
        /// Each view through the decoder, the query features concatenated over views, then
        /// projected (channel concatenation after the decoder, the best of Table 3a).
        case concatenation
    }

    public var viewFusion: ViewFusion = .single
    /// Views the concatenation expects; fewer at test time are duplicated (the paper's
    /// single-view test setting).
    public var views: Int = 1

    /// Architecture switches for the baselines of the ablation.
    public var usePenaltyHeads: Bool = true
    public var useElementHead: Bool = true
    /// `false`: the C3D-AVG-like baseline (mean-pool over time + MLP, no decoder).
    public var useDecoder: Bool = true

    public init(tokenWidth: Int, cellCount: Int) {
        self.tokenWidth = tokenWidth
        self.cellCount = cellCount
    }

    /// Number of queries for a routine of `clips` clips.
    public func queryCount(forClips clips: Int) -> Int {
        let wanted = Int((Double(clips) / clipsPerQuery).rounded(.up))
        return Swift.min(maxQueries, Swift.max(minQueries, wanted))
    }
}
