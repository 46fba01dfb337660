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
    /// Words seen fewer times than this in the training commentary become `<unk>`.
    public var minimumWordCount = 2
    public var seed: UInt64 = 11

    public init(width: Int) { self.width = width }
}
