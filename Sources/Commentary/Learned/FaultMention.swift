import Assessment
import Foundation

/// A penalty the paragraph should cite, as the caption decoder reads it: the rubric item and
/// its severity class, in the order of the routine (the dataset's paragraphs cite faults in
/// time order). Training reads the labelled penalties, writing the model's predicted
/// deductions, so the text follows the penalty heads (LucidAction §4.3) as the report's
/// ledger does.
public struct FaultMention: Equatable, Sendable {
    /// Index in the generator's ``CommentaryConfiguration/penaltyItems``.
    public var item: Int
    /// Index of the deduction in the item's allowed deductions (0: the smallest).
    public var severity: Int

    public init(item: Int, severity: Int) {
        self.item = item
        self.severity = severity
    }

    /// A routine's labelled penalties in time order (training targets; indices of `task`,
    /// which the generator's item list copies).
    public static func labelled(_ targets: RoutineTargets) -> [FaultMention] {
        targets.penalties.sorted { ($0.start, $0.item) < ($1.start, $1.item) }.map { FaultMention(item: $0.item, severity: $0.severity) }
    }

    /// A prediction's deductions in time order, by the generator's item list (the scoring
    /// task's, whose allowed deductions give the severity class). Items the list does not know
    /// are left out.
    public static func predicted(_ prediction: RoutinePrediction, items: [ScoringTask.PenaltyItem]) -> [FaultMention] {
        prediction.deductions.sorted { ($0.start, $0.item) < ($1.start, $1.item) }.compactMap { p in
            guard let item = items.firstIndex(where: { $0.id == p.item }) else { return nil }
            let allowed = items[item].deductions
            let severity = allowed.indices.min { abs(allowed[$0] - p.deduction) < abs(allowed[$1] - p.deduction) } ?? 0
            return FaultMention(item: item, severity: severity)
        }
    }
}
