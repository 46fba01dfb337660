import Foundation
import RoutineCore

/// The grounded commentary of a results record, for the report: the ``KeypointTable`` of its
/// penalties realised through the commentary templates (``CommentaryTemplates``) — the same
/// text ``CommentaryComposer`` writes when no learned paragraph qualifies.
public struct GroundedCommentary: Sendable {
    public var rubric: Rubric
    public var templates: TemplateSet

    public init(rubric: Rubric, templates: TemplateSet) {
        self.rubric = rubric
        self.templates = templates
    }

    /// m:ss.t
    public static func clock(_ t: Double) -> String { MomentFormat.string(t) }

    public func commentary(routine id: String, penalties: [AssessmentResult.Penalty]) -> AssessmentResult.CommentaryText {
        let table = KeypointTable(penalties: penalties, rubric: rubric, routineID: id)
        let writer = CommentaryTemplates(set: templates)
        return .init(source: RoutineCommentary.Source.grounded.rawValue, paragraph: writer.paragraph(table: table, routineID: id),
                     keypoints: writer.keypoints(table))
    }
}
