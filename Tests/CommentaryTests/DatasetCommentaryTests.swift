import Foundation
import RoutineCore
import Testing
@testable import Commentary

/// The commentary machinery on the dataset's own commentary: the committed sample routines
/// (`samples/`, made by `routine synth`).
struct DatasetCommentaryTests {
    static func samples() throws -> [Annotation] {
        try Dataset.read(Fixtures.repository.appendingPathComponent("samples")).annotations
    }

    @Test(arguments: ["floor", "beam", "vault"])
    func theLexiconReadsTheDatasetsParagraphsAsTheirKeypointsSay(event: String) throws {
        let rubric = try Fixtures.rubric(event)
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let lexicon = DimensionLexicon(rubric: rubric, neutral: templates.scaffolding)
        let annotations = try Self.samples().filter { $0.event == event && $0.commentary != nil }
        guard !annotations.isEmpty else { return }
        let labels = annotations.map { CommentaryLabel($0.commentary!) }
        let own = GroundedScores.scores(texts: labels.map(\.paragraph), truths: labels.map(\.polarities), lexicon: lexicon)
        print("\(event): dataset paragraphs against their own keypoints: mention \(own.mention), agreement \(own.agreement)")
        #expect(own.agreement >= 0.95)

        // The grounded paragraph of the true penalties: no contradiction, and it agrees with the labels.
        var texts: [String] = []
        for a in annotations {
            let table = KeypointTable(faults: a.penalties.map { .init(item: $0.item, deduction: $0.deduction, probability: 1, start: $0.start, end: $0.end, needsReview: false) },
                                      rubric: rubric, routineID: a.id)
            let paragraph = templates.paragraph(table: table, routineID: a.id)
            #expect(ConsistencyCheck(lexicon: lexicon).contradictions(paragraph, table: table).isEmpty, "\(paragraph)")
            texts.append(paragraph)
        }
        let scores = CommentaryScores(paragraphs: texts, labels: labels, lexicon: lexicon)
        print("\(event): grounded from the true penalties: \(scores)")
        #expect(scores.agreement >= 0.9)
    }
}
