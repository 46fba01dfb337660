import RoutineCore

/// The commentary of one routine in a report: the paragraph (learned or grounded) and the
/// per-dimension table (always from the predicted penalties).
public struct RoutineCommentary: Equatable, Sendable {
    public enum Source: String, Codable, Sendable { case learned, grounded }

    public var source: Source
    public var paragraph: String
    public var table: KeypointTable
    /// The table as `results.json` stores it (rendered through the language's templates).
    public var keypoints: [String: KeypointComment]
    /// Why the learned paragraph was not used (nil when it was, or when there is no learned
    /// generator at all).
    public var fallbackReason: String?

    /// The `commentary` object of `results.json`.
    public var result: AssessmentResult.CommentaryText {
        AssessmentResult.CommentaryText(source: source.rawValue, paragraph: paragraph, keypoints: keypoints)
    }
}
