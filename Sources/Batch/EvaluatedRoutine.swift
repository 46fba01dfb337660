import Assessment
import Commentary
import Foundation

/// One routine of `routine evaluate --predictions`: truth and prediction side by side (score,
/// the ledger's difficulty and execution, the penalties with their times), for looking at
/// where a model goes wrong and for research code. Written as JSON Lines, one routine a line.
public struct EvaluatedRoutine: Codable, Equatable, Sendable {
    public struct Penalty: Codable, Equatable, Sendable {
        public var item: String
        public var deduction: Double
        public var start: Double
        public var end: Double
        /// Flagged for a person to confirm (predictions only).
        public var needsReview: Bool?
        /// The model's probability that the fault occurred (predictions only).
        public var probability: Double?

        enum CodingKeys: String, CodingKey {
            case item, deduction, start, end, probability
            case needsReview = "needs_review"
        }
    }

    public var id: String
    public var athlete: String
    public var score: Double
    public var predictedScore: Double
    public var difficulty: Double
    public var predictedDifficulty: Double
    public var execution: Double
    /// base − Σ predicted deductions.
    public var predictedExecution: Double
    /// The deduction density's total (points), when the model has one.
    public var expectedDeduction: Double?
    public var penalties: [Penalty]
    /// The penalties judged present (deduction > 0).
    public var predictedPenalties: [Penalty]
    /// The commentary paragraphs (learned, grounded, retrieval) beside the true one, when the
    /// commentary was evaluated.
    public var commentary: CommentaryEvaluation.Paragraphs?

    enum CodingKeys: String, CodingKey {
        case id, athlete, score, difficulty, execution, penalties, commentary
        case predictedScore = "predicted_score"
        case predictedDifficulty = "predicted_difficulty"
        case predictedExecution = "predicted_execution"
        case expectedDeduction = "expected_deduction"
        case predictedPenalties = "predicted_penalties"
    }

    public init(example: TrainingExample, prediction: RoutinePrediction, task: ScoringTask) {
        id = example.id
        athlete = example.athlete
        let t = example.targets
        score = t.score
        predictedScore = prediction.score
        difficulty = t.difficulty
        predictedDifficulty = prediction.difficulty
        execution = t.execution
        predictedExecution = prediction.executionFromDeductions
        expectedDeduction = prediction.expectedDeduction
        penalties = t.penalties.map { p in
            let item = task.penaltyItems[p.item]
            return Penalty(item: item.id, deduction: item.deductions[p.severity], start: p.start, end: p.end, needsReview: nil, probability: nil)
        }
        predictedPenalties = prediction.deductions.map {
            Penalty(item: $0.item, deduction: $0.deduction, start: $0.start, end: $0.end, needsReview: $0.needsReview, probability: $0.probability)
        }
    }

    /// The routines as JSON Lines (sorted keys, so the same evaluation gives the same bytes).
    public static func jsonLines(_ routines: [EvaluatedRoutine]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try routines.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }
}
