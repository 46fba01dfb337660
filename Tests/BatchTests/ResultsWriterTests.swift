import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Batch

@Suite("Results files")
struct ResultsWriterTests {
    static func result(_ id: String, athlete: String, score: Double, level: Int = 1, club: String? = nil) -> AssessmentResult {
        AssessmentResult(
            id: id, name: id, athlete: athlete, club: club, event: "floor", level: level, date: nil, views: ["main"],
            videos: ["\(id).mp4"], poseUsed: false, score: score, scoreLow: score - 0.2, scoreHigh: score + 0.2, baseScore: 10,
            execution: score - 0.5, difficulty: 0.5, deductions: 10.5 - score, ledgerDisagreement: 0,
            penalties: [.init(item: "fall", name: "Fall", dimension: .apparatus, deduction: 1, probability: 0.55, start: 1.2, end: 2.4,
                              needsReview: true)],
            elements: [], segments: [], commentary: nil, exemplars: [], rubric: "floor", model: "m", featureVersion: "f1")
    }

    @Test func ranksWithinEventAndLevelWithTies() {
        let ranked = AssessmentResult.ranked([
            Self.result("a", athlete: "A", score: 9.0), Self.result("b", athlete: "B", score: 9.5),
            Self.result("c", athlete: "C", score: 9.0), Self.result("d", athlete: "D", score: 8.0),
            Self.result("e", athlete: "E", score: 7.0, level: 2),
        ])
        #expect(ranked.map(\.id) == ["b", "a", "c", "d", "e"])
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, 1])
    }

    @Test func csvQuotesAndKeepsUnicode() throws {
        let text = try ResultsWriter.csv([Self.result("z", athlete: "Zoë \"Zo\" Müller", score: 9.25, club: "Turnverein, Nord"),
                                          Self.result("l", athlete: "李娜", score: 9.5)])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == ResultsWriter.csvHeader.joined(separator: ","))
        #expect(lines[1].hasPrefix("李娜,,floor,1,9.50,9.30,9.70,"))
        #expect(lines[2].hasPrefix("\"Zoë \"\"Zo\"\" Müller\",\"Turnverein, Nord\",floor,1,9.25,"))
        #expect(lines[2].hasSuffix(",2,,1,z.mp4"))
    }

    @Test func jsonIsStableAndRoundTrips() throws {
        let results = [Self.result("b", athlete: "B", score: 9.5), Self.result("a", athlete: "A", score: 9.0)]
        let once = try ResultsWriter.json(results)
        #expect(try ResultsWriter.json(results.reversed()) == once)
        let text = String(decoding: once, as: UTF8.self)
        #expect(text.contains("\"needs_review\" : true"))
        #expect(!text.contains("needsReview"))
        let back = try ResultsWriter.jsonDecoder().decode([AssessmentResult].self, from: once)
        #expect(back.map(\.id) == ["b", "a"])
        #expect(back[1].rank == 2)
    }
}

@Suite("results.json schema")
struct ResultsSchemaTests {
    @Test func writtenResultsValidateAndBrokenOnesDoNot() throws {
        let schema = JSONSchemaCheck.repositoryRoot.appendingPathComponent("docs/results.schema.json")
        let good = try ResultsWriter.json([ResultsWriterTests.result("a", athlete: "Zoë", score: 9.1, club: "TV"),
                                           ResultsWriterTests.result("b", athlete: "李娜", score: 8.7)])
        #expect(try JSONSchemaCheck.problems(json: good, schema: schema) == nil)
        var broken = try JSONSerialization.jsonObject(with: good) as! [[String: Any]]
        broken[0]["penalties"] = [["item": "fall", "deduction": 0.2]]
        let problems = try JSONSchemaCheck.problems(json: JSONSerialization.data(withJSONObject: broken), schema: schema)
        #expect(problems != nil)
    }
}
