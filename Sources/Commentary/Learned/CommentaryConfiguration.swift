import Assessment

/// Sizes and loss weights of the learned commentary generator (stored in its file).
public struct CommentaryConfiguration: Codable, Equatable, Sendable {
    /// Width d of the assessment model's memory and query features.
    public var width: Int
    /// Cross-attention layers of the keypoint reasoner.
    public var reasonerLayers = 2
    public var heads = 4
    /// Width of the fixed sentence embedding the keypoints are aligned to.
    public var sentenceWidth = 64
    /// Word embedding width and GRU hidden size of the caption decoder.
    public var wordWidth = 64
    public var hiddenSize = 128
    public var dropout: Float = 0.1
    /// Longest paragraph written, in tokens.
    public var maximumLength = 160
    /// Weights in the total loss (DESIGN.md: caption NLL and λ_align·alignment). MTL-AQA
    /// weighs its caption loss low (γ = 0.01 against 1 for the score) so the score is not
    /// pulled away; the caption here is a mean per token and the alignment a mean L2 distance.
    public var captionWeight: Float = 0.1
    public var alignmentWeight: Float = 0.1
    /// Whether the commentary losses also train the assessment model's encoder (MTL-AQA §4's
    /// joint training, where captioning is an auxiliary task for the score; the default). Off,
    /// the generator still trains in the same loop on the same memory, which it reads but does
    /// not shape. Measured on athletes held out of the synthetic training split, seeds 1–3:
    /// ρ 0.712 / 0.750 / 0.612 with it, 0.709 / 0.755 / 0.767 without, 0.745 / 0.770 / 0.734
    /// with no generator; penalty F1 0.488 / 0.490 / 0.436, 0.479 / 0.451 / 0.464 and
    /// 0.502 / 0.509 / 0.447 — seed-to-seed spread as large as the differences. Nil (files
    /// written before the option existed) means on.
    public var shapesEncoder: Bool? = true
    /// Words seen fewer times than this in the training commentary become `<unk>`.
    public var minimumWordCount = 2
    public var seed: UInt64 = 11
    /// The scoring task's penalty items: with them the decoder also reads one token per
    /// penalty to cite (``FaultMention``); nil (files written before fault tokens existed, or
    /// a generator made without a task) reads none.
    public var penaltyItems: [ScoringTask.PenaltyItem]?

    public init(width: Int) { self.width = width }
}
