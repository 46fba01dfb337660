/// Whether a trained generator writes well enough for reports, measured once on held-out
/// routines and stored with it: the report uses the learned paragraph only when `passed`.
/// It passes when its agreement with the keypoint labels reaches ``minimumAgreement`` and its
/// CIDEr-D beats ``minimumCiderD`` — by default the retrieval baseline's on the same routines
/// (a decoder that cannot beat copying the nearest training paragraph is not worth its risk).
public struct CommentaryGate: Codable, Equatable, Sendable {
    public var minimumAgreement: Double
    public var minimumCiderD: Double
    /// The generator's scores on the held-out routines.
    public var learned: CommentaryScores
    /// What the routines were ("validation athletes", "test split").
    public var routines: String

    public var passed: Bool { learned.count > 0 && learned.agreement >= minimumAgreement && learned.ciderD > minimumCiderD }

    public static let defaultMinimumAgreement = 0.8

    public init(learned: CommentaryScores, minimumCiderD: Double, minimumAgreement: Double = defaultMinimumAgreement, routines: String) {
        self.learned = learned
        self.minimumCiderD = minimumCiderD
        self.minimumAgreement = minimumAgreement
        self.routines = routines
    }

    enum CodingKeys: String, CodingKey {
        case learned, routines
        case minimumAgreement = "minimum_agreement"
        case minimumCiderD = "minimum_cider_d"
    }
}
