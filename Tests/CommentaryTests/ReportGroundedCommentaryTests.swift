import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Commentary

@Suite("Grounded commentary for the report (GroundedCommentary API)")
struct ReportGroundedCommentaryTests {
    static let templates = JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates")
    static var generator: GroundedCommentary {
        GroundedCommentary(rubric: try! TemplateLocator.rubric(event: "floor", templates: templates),
                           templates: try! TemplateSet.shipped("commentary", templates: templates))
    }

    @Test func noPenaltiesReadsAsPraise() {
        let c = Self.generator.commentary(routine: "r1", penalties: [])
        #expect(c.paragraph.hasPrefix("A clean routine"))
        #expect(c.keypoints.count == 7 && c.keypoints.values.allSatisfy { $0.strength != nil && $0.weakness == nil })
    }

    @Test func weaknessesCiteTheirMomentAndNoPenalisedDimensionIsPraised() {
        let penalties: [AssessmentResult.Penalty] = [
            .init(item: "bent_knees", name: "Bent knees", dimension: .legsAndKnees, deduction: 0.3, probability: 0.9, start: 4.2, end: 5, needsReview: false),
            .init(item: "fall", name: "Fall", dimension: .apparatus, deduction: 1.0, probability: 0.95, start: 61.5, end: 63, needsReview: false),
            .init(item: "hop", name: "Hop on landing", dimension: .feetAndHeels, deduction: 0, probability: 0.45, start: 7, end: 7.5, needsReview: true),
        ]
        let c = Self.generator.commentary(routine: "r2", penalties: penalties)
        #expect(c.paragraph.contains("At 0:04.2, "))
        #expect(c.paragraph.contains("At 1:01.5, "))
        #expect(c.paragraph.contains("0:07.0") && c.paragraph.contains("unsure"))
        #expect(c.keypoints["legs_knees"]?.strength == nil && c.keypoints["legs_knees"]?.weakness != nil)
        #expect(c.keypoints["apparatus"]?.strength == nil)
        #expect(c.keypoints["feet_heels"] == nil)  // unsure: neither praised nor blamed
        #expect(c.keypoints["head_eyes"]?.strength != nil)
        // deterministic
        #expect(Self.generator.commentary(routine: "r2", penalties: penalties) == c)
    }

    @Test func germanTemplatesRender() throws {
        let de = GroundedCommentary(rubric: Self.generator.rubric, templates: try TemplateSet.shipped("commentary", language: "de", templates: Self.templates))
        let c = de.commentary(routine: "r1", penalties: [])
        #expect(c.paragraph.hasPrefix("Eine saubere Übung"))
    }
}
