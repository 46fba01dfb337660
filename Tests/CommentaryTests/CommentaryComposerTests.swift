import Assessment
import Foundation
import RoutineCore
import Testing
@testable import Commentary

/// The report rule: learned paragraph only behind a passed gate and without contradiction;
/// the keypoint table always from the penalties.
struct CommentaryComposerTests {
    func generator(passing: Bool) throws -> CommentaryGenerator {
        let g = try CommentaryGenerator(configuration: LearnedGeneratorTests.configuration(), training: LearnedGeneratorTests.captions, rubric: nil)
        g.gate = CommentaryGate(learned: CommentaryScores(bleu1: 0.6, bleu4: 0.3, meteor: 0.4, rougeL: 0.5, ciderD: 1.5, mention: 0.9,
                                                          agreement: passing ? 0.9 : 0.6, count: 10),
                                minimumCiderD: 1.0, routines: "test")
        return g
    }

    @Test func learnedOnlyBehindAPassedGateAndWithoutContradiction() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("bent_knees", 0.3, 5.0, 5.4)])
        let knees = rubric.penalty("bent_knees")!.weaknesses[0.3]![1]
        let consistent = "At 0:05.0, \(KeypointTable.lowerClause(knees))."
        let praising = "\(rubric.dimensions[.legsAndKnees]!.strengths[0]) \(consistent)"

        let none = CommentaryComposer(rubric: rubric, templates: templates)
        let plain = none.compose(routineID: "r", prediction: prediction, learnedParagraph: consistent)
        #expect(plain.source == .grounded && plain.fallbackReason == nil)

        let failing = CommentaryComposer(rubric: rubric, templates: templates, generator: try generator(passing: false))
        let gated = failing.compose(routineID: "r", prediction: prediction, learnedParagraph: consistent)
        #expect(gated.source == .grounded && gated.fallbackReason?.contains("quality gate") == true)

        let passing = CommentaryComposer(rubric: rubric, templates: templates, generator: try generator(passing: true))
        let learned = passing.compose(routineID: "r", prediction: prediction, learnedParagraph: consistent)
        #expect(learned.source == .learned && learned.paragraph == consistent && learned.result.source == "learned")
        let rejected = passing.compose(routineID: "r", prediction: prediction, learnedParagraph: praising)
        #expect(rejected.source == .grounded && rejected.fallbackReason?.contains("praises a penalised dimension (legs_knees)") == true)

        // Whatever the paragraph, the table is the penalties': legs criticised with the moment, not praised.
        for c in [plain, gated, learned, rejected] {
            #expect(c.table == plain.table)
            #expect(c.keypoints["legs_knees"]?.strength == nil && c.keypoints["legs_knees"]?.weakness?.contains("At 0:05.0, ") == true)
        }
    }

    @Test func repeatedSentencesOfALoopingDecoderAreDropped() {
        let tokens = Vocabulary.tokens("The legs are. The legs are bent. The legs are. Good.")
        #expect(CommentaryComposer.withoutRepeatedSentences(tokens) == Vocabulary.tokens("The legs are. The legs are bent. Good."))
    }
}
