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
            let paragraph = templates.paragraph(table: table, routineID: id)
            for p in prediction.deductions {
                #expect(paragraph.contains("At \(MomentFormat.string(p.start)), "), "\(paragraph)")
            }
            let contradictions = check.contradictions(paragraph, penalised: penalised)
            #expect(contradictions.isEmpty, "\(id): \(contradictions) in \(paragraph)")
            let keypoints = templates.keypoints(table)
            for d in penalised { #expect(keypoints[d.rawValue]?.strength == nil && keypoints[d.rawValue]?.weakness?.contains("At ") == true) }
        }
    }

    @Test func aRoutineWithoutPenaltiesReadsAsPraise() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let lexicon = DimensionLexicon(rubric: rubric, neutral: templates.scaffolding)
        let prediction = try Fixtures.prediction(rubric: rubric, score: 9.9, penalties: [])
        for id in ["a", "b", "c", "d"] {
            let paragraph = templates.paragraph(table: KeypointTable(prediction: prediction, rubric: rubric, routineID: id), routineID: id)
            let said = lexicon.polarities(in: paragraph)
            #expect(said.count == BodyDimension.allCases.count, "every dimension is praised: \(paragraph)")
            #expect(said.values.allSatisfy { $0 == [.strength] }, "\(paragraph)")
            #expect(paragraph.hasPrefix("A clean routine"), "\(paragraph)")
        }
    }

    @Test func sameRoutineSameTextOtherRoutinesVary() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("head_down", 0.3, 4.1, 4.3), ("body_line", 0.1, 10, 11)])
        func text(_ id: String) -> String {
            templates.paragraph(table: KeypointTable(prediction: prediction, rubric: rubric, routineID: id), routineID: id)
        }
        #expect(text("r1") == text("r1"))
        #expect(Set((0..<10).map { text("r\($0)") }).count >= 5)
        #expect(text("r1").contains("At 0:04.1, "))
    }

    @Test func aTranslatedTemplateAndRubricWriteGerman() throws {
        let rubric = try Fixtures.germanRubric()
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "de")
        let prediction = try Fixtures.prediction(rubric: rubric, score: 9.6, penalties: [("knie", 0.3, 4.0, 4.4)])
        let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: "x")
        let paragraph = templates.paragraph(table: table, routineID: "x")
        #expect(paragraph.contains("Bei 0:04.0: Die Knie sind stark gebeugt ("), "\(paragraph)")
        #expect(paragraph.contains("Tipp: Die Knie bewusst durchdrücken"), "\(paragraph)")
        for english in ["Advice", " at ", "At ", "deduction", "routine", "clean"] { #expect(!paragraph.contains(english), "\(paragraph)") }
        #expect(templates.keypoints(table)["legs_knees"]?.weakness?.contains("Bei 0:04.0:") == true)
        let clean = try Fixtures.prediction(rubric: rubric, penalties: [])
        let praise = templates.paragraph(table: KeypointTable(prediction: clean, rubric: rubric, routineID: "x"), routineID: "x")
        #expect(praise.hasPrefix("Eine saubere Übung"), "\(praise)")
        // Every dimension's strength, head to toe, from the German rubric.
        #expect(praise.contains("Der Kopf ist gut gehalten") || praise.contains("Der Kopf bleibt oben"), "\(praise)")
    }

    @Test func anUnsurePenaltyIsMarkedForChecking() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("hop", 0.1, 3, 3.4), ("fall", 1.0, 8, 9)], review: ["hop"])
        let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: "x")
        let paragraph = templates.paragraph(table: table, routineID: "x")
        // The deducted hop the model is unsure of is not asserted: the text asks to check its
        // moment and neither praises nor blames the feet; the fall is asserted.
        #expect(!paragraph.contains("At 0:03.0, ") && paragraph.contains("Please check the moment at 0:03.0 by eye") && paragraph.contains("At 0:08.0, "),
                "\(paragraph)")
        #expect(table.unsure.contains(.feetAndHeels) && !table.penalised.contains(.feetAndHeels))
        #expect(table.entries.first { $0.dimension == .feetAndHeels }?.strength == nil)
        // Only unsure deductions: the routine is not called clean, and nothing is asserted.
        let unsureOnly = try Fixtures.prediction(rubric: rubric, penalties: [("hop", 0.1, 3, 3.4)], review: ["hop"])
        let text = templates.paragraph(table: KeypointTable(prediction: unsureOnly, rubric: rubric, routineID: "x"), routineID: "x")
        #expect(!text.hasPrefix("A clean routine") && text.contains("Please check the moment at 0:03.0 by eye") && !text.contains("At 0:03.0, "), "\(text)")
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
