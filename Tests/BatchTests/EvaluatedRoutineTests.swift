import Foundation
import Testing
@testable import Assessment
@testable import Batch

@Suite("evaluate --predictions")
struct EvaluatedRoutineTests {
    @Test func oneLinePerRoutineWithTruthBesidePrediction() throws {
        let task = ScoringTask(rubricID: "toy", baseScore: 10, penaltyItems: [.init(id: "fall", deductions: [1.0])], elementNames: [])
        let tokens = ClipTokens(clipCount: 4, cellCount: 1, width: 1, values: [0, 0, 0, 0], pose: nil, poseWidth: 0)
        let targets = RoutineTargets(score: 9.5, difficulty: 0.5, execution: 9.0,
                                     penalties: [.init(item: 0, severity: 0, clips: 1...2, start: 0.6, end: 1.5)], elements: [], level: 1)
        let example = TrainingExample(id: "r7", athlete: "Zoë", views: [tokens], targets: targets)
        let prediction = RoutinePrediction(
            score: 9.4, scoreLow: 9.0, scoreHigh: 9.8, difficulty: 0.4, executionFromDeductions: 9.0, ledgerDisagreement: 0,
            expectedDeduction: 0.9, queries: [],
            penalties: [.init(item: "fall", probability: 0.55, deduction: 1.0, start: 0.5, end: 1.6, needsReview: true, query: 0)],
            elements: [], selfAttention: [], crossAttention: [], spatialAttention: [], clipDuration: 0.5, exemplars: [])
        let line = try EvaluatedRoutine.jsonLines([EvaluatedRoutine(example: example, prediction: prediction, task: task)])
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["id"] as? String == "r7" && json["score"] as? Double == 9.5 && json["predicted_score"] as? Double == 9.4)
        #expect(json["expected_deduction"] as? Double == 0.9 && json["predicted_execution"] as? Double == 9.0)
        let truth = try #require(json["penalties"] as? [[String: Any]]), predicted = try #require(json["predicted_penalties"] as? [[String: Any]])
        #expect(truth.count == 1 && truth[0]["item"] as? String == "fall" && truth[0]["deduction"] as? Double == 1.0 && truth[0]["needs_review"] == nil)
        #expect(predicted.count == 1 && predicted[0]["needs_review"] as? Bool == true)
    }
}
