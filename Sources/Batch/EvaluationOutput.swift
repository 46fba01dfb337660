import Assessment
import Commentary
import Foundation

/// What `routine evaluate` prints: the score, penalty, localisation and element figures and,
/// when the dataset has commentary, the commentary rows under `commentary` (one JSON object
/// with sorted keys, or tables).
public struct EvaluationOutput: Encodable {
    public var evaluation: Evaluation
    public var commentary: CommentaryEvaluation?

    public init(evaluation: Evaluation, commentary: CommentaryEvaluation?) {
        self.evaluation = evaluation
        self.commentary = commentary
    }

    enum CodingKeys: String, CodingKey { case commentary }

    /// The evaluation's keys at the top level, `commentary` beside them.
    public func encode(to encoder: Encoder) throws {
        try evaluation.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(commentary, forKey: .commentary)
    }

    public var json: String {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        }
    }

    public var summary: String {
        [evaluation.summary, commentary?.summary].compactMap { $0 }.joined(separator: "\n\n")
    }
}
