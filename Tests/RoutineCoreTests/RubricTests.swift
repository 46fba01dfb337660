import Foundation
import Testing
@testable import RoutineCore

@Suite("Rubrics")
struct RubricTests {
    static var templates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
    }

    @Test(arguments: ["floor", "beam", "vault"])
    func shippedRubricsLoad(event: String) throws {
        let rubric = try TemplateLocator.rubric(event: event, templates: Self.templates)
        #expect(rubric.event == event)
        #expect(rubric.penalties.count >= 8)
        #expect(Set(rubric.penalties.map(\.dimension)).count == 7, "items spread over the seven dimensions")
        #expect(Set(rubric.elements.map(\.level)) == [1, 2, 3, 4])
        #expect(rubric.passMarks.keys.sorted() == [1, 2, 3, 4])
    }

    static let minimal = """
        id: t
        event: floor
        name: Test
        base_score: 10
        pass_marks: {1: 9.0}
        dimensions:
          head_eyes: {strengths: [a, b, c]}
          torso_core: {strengths: [a, b, c]}
          arms_elbows: {strengths: [a, b, c]}
          wrists_hands: {strengths: [a, b, c]}
          legs_knees: {strengths: [a, b, c]}
          feet_heels: {strengths: [a, b, c]}
          apparatus: {strengths: [a, b, c]}
        penalties:
          - id: bent_knees
            name: Bent knees
            dimension: legs_knees
            deductions: [0.1, 0.3]
            strength: [s1, s2, s3]
            weakness: {"0.1": [w1, w2, w3], "0.3": [x1, x2, x3]}
            advice: [a1, a2, a3]
        elements:
          - {id: roll, name: Roll, level: 1, difficulty: 0.1, shape: tuck, rotation: forward, half_rotations: 2}
        """

    @Test func minimalRubricParses() throws {
        let r = try Rubric.parse(yaml: Self.minimal, file: "t.yaml")
        #expect(r.penalty("bent_knees")?.weaknesses[0.3] == ["x1", "x2", "x3"])
        #expect(r.element("roll")?.halfRotations == 2)
    }

    @Test(arguments: [
        ("dimension: legs_knees", "dimension: knees", "unknown dimension 'knees'"),
        ("deductions: [0.1, 0.3]", "deductions: [0.1, 0.2]", "deduction 0.2 is not one of 0.1, 0.3, 0.5, 1.0"),
        ("advice: [a1, a2, a3]", "advice: [a1]", "needs at least 3 advice lines"),
        ("\"0.3\": [x1, x2, x3]", "\"0.3\": [x1]", "needs at least 3 weakness phrases for deduction 0.3"),
        ("level: 1,", "level: 7,", "level 7 is not 1–4"),
        ("shape: tuck", "shape: curled", "unknown shape 'curled'"),
        ("base_score: 10\n", "", "missing field 'base_score'"),
        ("apparatus: {strengths: [a, b, c]}", "apparatus: {strengths: [a]}", "dimension 'apparatus' needs at least 3 strength phrases"),
    ])
    func invalidRubricsSayWhy(original: String, replacement: String, message: String) {
        let yaml = Self.minimal.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.minimal)
        do {
            _ = try Rubric.parse(yaml: yaml, file: "school.yaml")
            Issue.record("accepted an invalid rubric (\(message))")
        } catch {
            #expect("\(error)".hasPrefix("school.yaml: "))
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func duplicateIdsAreRefused() {
        let yaml = Self.minimal + """

              - {id: roll, name: Roll 2, level: 2, difficulty: 0.2, shape: tuck, rotation: forward, half_rotations: 2}
            """
        #expect(throws: RoutineCoreError.self) { try Rubric.parse(yaml: yaml, file: "x.yaml") }
    }

    @Test func missingFileAndUnknownEventAreClear() {
        do {
            _ = try TemplateLocator.rubric(event: "trampoline", templates: Self.templates)
            Issue.record("found a trampoline rubric")
        } catch {
            #expect("\(error)".contains("no rubric for event 'trampoline' (shipped: beam, floor, vault)"))
        }
        #expect(throws: RoutineCoreError.self) { try Rubric.load(URL(fileURLWithPath: "/nonexistent/r.yaml")) }
    }

    @Test func digestChangesWithContent() throws {
        let a = try Rubric.parse(yaml: Self.minimal, file: "a")
        var b = a
        b.passMarks[1] = 9.5
        #expect(a.digest == (try Rubric.parse(yaml: Self.minimal, file: "a")).digest)
        #expect(a.digest != b.digest)
    }
}
