import Assessment
import Foundation
import Neural
import RoutineCore
import Testing
@testable import Commentary

struct GroundedCommentaryTests {
    /// Random predictions on the floor rubric: each item penalised with probability 0.3, at a
    /// random moment, with one of its deductions.
    func randomPredictions(_ rubric: Rubric, count: Int, seed: UInt64) throws -> [RoutinePrediction] {
        let rng = RandomSource(seed: seed)
        return try (0..<count).map { _ in
            var penalties: [(item: String, deduction: Double, start: Double, end: Double)] = []
            for item in rubric.penalties where rng.nextFloat() < 0.3 {
                let start = Double(rng.uniform(0, 40))
                penalties.append((item.id, item.deductions[rng.nextInt(below: item.deductions.count)], start, start + Double(rng.uniform(0.2, 2))))
            }
            return try Fixtures.prediction(rubric: rubric, score: Double(rng.uniform(7, 10)), penalties: penalties)
        }
    }

    @Test func citesEveryMomentAndNeverPraisesAPenalisedDimension() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let check = ConsistencyCheck(lexicon: DimensionLexicon(rubric: rubric, neutral: templates.scaffolding))
        for (i, prediction) in try randomPredictions(rubric, count: 60, seed: 7).enumerated() {
            let id = "routine-\(i)"
            let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: id)
            let penalised = ConsistencyCheck.penalisedDimensions(prediction, rubric: rubric)
            #expect(table.penalised == penalised)
            for e in table.entries { #expect((e.strength == nil) == penalised.contains(e.dimension)) }
            let paragraph = templates.paragraph(table: table, prediction: prediction, routineID: id)
            for p in prediction.deductions {
                #expect(paragraph.contains("at \(MomentFormat.string((p.start + p.end) / 2))."), "\(paragraph)")
            }
            let contradictions = check.contradictions(paragraph, penalised: penalised)
            #expect(contradictions.isEmpty, "\(id): \(contradictions) in \(paragraph)")
            let keypoints = templates.keypoints(table)
            for d in penalised { #expect(keypoints[d.rawValue]?.strength == nil && keypoints[d.rawValue]?.weakness?.contains(" at ") == true) }
        }
    }

    @Test func aRoutineWithoutPenaltiesReadsAsPraise() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let lexicon = DimensionLexicon(rubric: rubric, neutral: templates.scaffolding)
        let prediction = try Fixtures.prediction(rubric: rubric, score: 9.9, penalties: [])
        for id in ["a", "b", "c", "d"] {
            let paragraph = templates.paragraph(table: KeypointTable(prediction: prediction, rubric: rubric, routineID: id), prediction: prediction, routineID: id)
            let said = lexicon.polarities(in: paragraph)
            #expect(said.count == BodyDimension.allCases.count, "\(paragraph)")
            #expect(said.values.allSatisfy { $0 == [.strength] }, "\(paragraph)")
        }
    }

    @Test func sameRoutineSameTextOtherRoutinesVary() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("head_down", 0.3, 4.1, 4.3), ("body_line", 0.1, 10, 11)])
        func text(_ id: String) -> String {
            templates.paragraph(table: KeypointTable(prediction: prediction, rubric: rubric, routineID: id), prediction: prediction, routineID: id)
        }
        #expect(text("r1") == text("r1"))
        #expect(Set((0..<10).map { text("r\($0)") }).count >= 5)
        #expect(text("r1").contains("at 0:04.2."))
    }

    @Test func aTranslatedTemplateAndRubricWriteGerman() throws {
        let rubric = try Fixtures.germanRubric()
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "de")
        let prediction = try Fixtures.prediction(rubric: rubric, score: 9.6, penalties: [("knie", 0.3, 4.0, 4.4)])
        let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: "x")
        let paragraph = templates.paragraph(table: table, prediction: prediction, routineID: "x")
        #expect(paragraph.contains("Die Knie sind stark gebeugt (") && paragraph.contains(") bei 0:04.2."), "\(paragraph)")
        #expect(paragraph.contains("Abzug"), "\(paragraph)")
        for english in ["To improve", "What went well", " at ", "deduction", "score"] { #expect(!paragraph.contains(english), "\(paragraph)") }
        #expect(templates.keypoints(table)["legs_knees"]?.weakness?.contains("bei 0:04.2.") == true)
        let clean = try Fixtures.prediction(rubric: rubric, penalties: [])
        let praise = templates.paragraph(table: KeypointTable(prediction: clean, rubric: rubric, routineID: "x"), prediction: clean, routineID: "x")
        #expect(praise.contains("Die Knie bleiben gestreckt") || praise.contains("Die Beine sind gestreckt"), "\(praise)")
    }

    @Test func anUnsurePenaltyIsMarkedForChecking() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("hop", 0.1, 3, 3.4), ("fall", 1.0, 8, 9)], review: ["hop"])
        let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: "x")
        let paragraph = templates.paragraph(table: table, prediction: prediction, routineID: "x")
        #expect(paragraph.contains("at 0:03.2 (to be confirmed).") && paragraph.contains("at 0:08.5."), "\(paragraph)")
    }

    @Test func anUnknownLanguageNamesTheFolder() {
        #expect {
            _ = try CommentaryTemplates(templates: Fixtures.templates, language: "xx")
        } throws: { error in
            "\(error)".contains("commentary/xx") && "\(error)".contains("shipped: de, en")
        }
    }

    @Test func momentsAreMinutesSecondsTenths() {
        #expect(MomentFormat.string(4.2) == "0:04.2")
        #expect(MomentFormat.string(64.96) == "1:05.0")
        #expect(MomentFormat.string(0) == "0:00.0")
    }
}

struct ConsistencyCheckTests {
    @Test func findsPraiseOfAPenalisedDimensionAndFaultsWithoutPenalty() throws {
        let rubric = try Fixtures.rubric("floor")
        let check = ConsistencyCheck(lexicon: DimensionLexicon(rubric: rubric))
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("bent_knees", 0.3, 5, 6)])
        let penalised = ConsistencyCheck.penalisedDimensions(prediction, rubric: rubric)
        #expect(penalised == [.legsAndKnees])
        let legsPraise = rubric.dimensions[.legsAndKnees]!.strengths[0]
        let headFault = rubric.penalty("head_down")!.weaknesses[0.1]![0]
        let kneesFault = rubric.penalty("bent_knees")!.weaknesses[0.3]![0]
        let found = check.contradictions("\(legsPraise) \(headFault) \(kneesFault)", penalised: penalised)
        #expect(found.map(\.kind) == [.praisesPenalisedDimension, .faultOnCleanDimension])
        #expect(found.map(\.dimension) == [.legsAndKnees, .headAndEyes])
        #expect(check.contradictions(kneesFault, penalised: penalised).isEmpty)
    }
}
