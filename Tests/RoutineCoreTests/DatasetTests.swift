import Foundation
import Testing
import TestSupport
@testable import RoutineCore

@Suite("Datasets")
struct DatasetTests {
    static func annotation(_ id: String, athlete: String, item: String = "bent_knees", end: Double = 2.0) -> Annotation {
        Annotation(
            id: id, videos: ["front": "videos/\(id).front.mp4", "side": "videos/\(id).side.mp4"], athlete: athlete, club: "TV Nord",
            event: "floor", level: 2,
            elements: [.init(name: "cartwheel", start: 0.5, end: 2.0, shape: "straddle", rotation: "sideways", halfRotations: 2)],
            difficulty: 0.2, execution: 9.7, score: 9.9, penalties: [.init(item: item, deduction: 0.3, start: 1.0, end: end)],
            commentary: .init(paragraph: "Good work. The knees bend clearly.",
                              keypoints: ["legs_knees": .init(weakness: "The knees bend clearly."), "head_eyes": .init(strength: "Good head.")]),
            pose: ["front": "videos/\(id).front.pose.json"], duration: 6.0, fps: 30)
    }

    static var floor: Rubric { get throws { try TemplateLocator.rubric(event: "floor", templates: RubricTests.templates) } }

    @Test func roundTripAndStableBytes() throws {
        let dir = try TemporaryDirectory()
        let annotations = [Self.annotation("r1", athlete: "Zoë Müller"), Self.annotation("r2", athlete: "李娜")]
        let dataset = Dataset(folder: dir.url, annotations: annotations, splits: ["train": ["r1"], "test": ["r2"]])
        try dataset.write()
        let back = try Dataset.read(dir.url, rubrics: ["floor": try Self.floor])
        #expect(back.annotations == annotations)
        #expect(try back.routines(split: "test").map(\.athlete) == ["李娜"])
        let text = try String(contentsOf: dir.url.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        #expect(text.contains("\"half_rotations\":2") && text.contains("\"legs_knees\""))
        #expect(try Dataset.encodeAnnotations(annotations) == Data(text.utf8))
    }

    @Test func writtenLinesValidateAgainstTheSchema() throws {
        let schema = JSONSchemaCheck.repositoryRoot.appendingPathComponent("docs/dataset.schema.json")
        let line = try Dataset.encodeAnnotations([Self.annotation("r1", athlete: "A")])
        #expect(try JSONSchemaCheck.problems(json: line, schema: schema) == nil)
        var object = try JSONSerialization.jsonObject(with: line) as! [String: Any]
        object["level"] = 9
        #expect(try JSONSchemaCheck.problems(json: JSONSerialization.data(withJSONObject: object), schema: schema) != nil)
    }

    @Test func badRecordsNameTheFileAndLine() throws {
        let dir = try TemporaryDirectory()
        let good = try Dataset.encodeAnnotations([Self.annotation("r1", athlete: "A")])
        let cases: [(Data, String)] = [
            (good + Data("{not json\n".utf8), "annotations.jsonl:2: not valid JSON"),
            (try Dataset.encodeAnnotations([Self.annotation("r1", athlete: "A", end: 7)]), "annotations.jsonl:1: routine 'r1': penalty 'bent_knees' span 1.0–7.0 s is not inside the video"),
            (try Dataset.encodeAnnotations([Self.annotation("r1", athlete: "A", item: "wobbly")]), "penalty item 'wobbly' is not in rubric 'floor'"),
            (good + good, "annotations.jsonl:2: duplicate routine id 'r1'"),
        ]
        for (data, message) in cases {
            try data.write(to: dir.url.appendingPathComponent("annotations.jsonl"))
            do {
                _ = try Dataset.read(dir.url, rubrics: ["floor": try Self.floor])
                Issue.record("accepted: \(message)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func athleteInTwoSplitsIsRefused() throws {
        let dir = try TemporaryDirectory()
        let dataset = Dataset(folder: dir.url, annotations: [Self.annotation("r1", athlete: "A"), Self.annotation("r2", athlete: "A")],
                              splits: ["train": ["r1"], "test": ["r2"]])
        #expect(throws: RoutineCoreError.self) { try dataset.write() }
    }

    @Test func splitByAthleteKeepsAthletesTogether() {
        let annotations = (0..<40).map { Self.annotation("r\($0)", athlete: "athlete\($0 / 2)") }
        let splits = Dataset.splitByAthlete(annotations, testFraction: 0.2, seed: 3)
        #expect(splits["test"]!.count == 8)
        let testAthletes = Set(annotations.filter { splits["test"]!.contains($0.id) }.map(\.athlete))
        let trainAthletes = Set(annotations.filter { splits["train"]!.contains($0.id) }.map(\.athlete))
        #expect(testAthletes.isDisjoint(with: trainAthletes))
        #expect(Dataset.splitByAthlete(annotations, testFraction: 0.2, seed: 3) == splits)
        #expect(Dataset.splitByAthlete(annotations, testFraction: 0.2, seed: 4) != splits)
    }
}
