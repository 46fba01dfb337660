import Testing
@testable import Assessment

/// `Evaluation` on hand-made predictions, figures worked out by hand.
@Suite("Evaluation figures")
struct EvaluationTests {
    static let task = ToyRoutines.task  // items bent_knees [0.1, 0.3, 0.5], fall [1.0], hop [0.1, 0.3]

    static func prediction(difficulty: Double, penalties: [(String, Double, Double, Double)]) -> RoutinePrediction {
        let total = penalties.reduce(0) { $0 + $1.1 }
        return RoutinePrediction(
            score: 0, scoreLow: 0, scoreHigh: 0, difficulty: difficulty, executionFromDeductions: 10 - total, ledgerDisagreement: 0, expectedDeduction: nil,
            queries: [], penalties: penalties.map { .init(item: $0.0, probability: $0.1 > 0 ? 0.9 : 0.2, deduction: $0.1,
                                                          start: $0.2, end: $0.3, needsReview: false, query: 0) },
            elements: [], selfAttention: [], crossAttention: [], spatialAttention: [], clipDuration: 0.5, exemplars: [])
    }

    static func penalty(_ item: Int, _ severity: Int, _ start: Double, _ end: Double) -> RoutineTargets.Penalty {
        .init(item: item, severity: severity, clips: Int(start / 0.5)...Int(end / 0.5), start: start, end: end)
    }

    @Test func eachOccurrenceLocalisesOneLabelledPenalty() {
        let predictions = [
            // two bent-knee occurrences, both found; the fall found at the wrong time; hop under its threshold
            Self.prediction(difficulty: 2.0, penalties: [("bent_knees", 0.1, 1.0, 1.6), ("bent_knees", 0.3, 4.2, 4.8),
                                                         ("fall", 1.0, 2.0, 3.0), ("hop", 0, 1.0, 2.0)]),
            // one predicted span over two labelled bent-knee faults: it localises only one of them
            Self.prediction(difficulty: 1.5, penalties: [("bent_knees", 0.1, 1.0, 2.0)]),
        ]
        let targets = [
            RoutineTargets(score: 11, difficulty: 2.2, execution: 8.8,
                           penalties: [Self.penalty(0, 0, 1.0, 1.5), Self.penalty(0, 1, 4.0, 4.6), Self.penalty(1, 0, 6.0, 7.0)],
                           elements: [], level: 1),
            RoutineTargets(score: 10.5, difficulty: 1.0, execution: 9.5,
                           penalties: [Self.penalty(0, 0, 1.0, 1.5), Self.penalty(0, 0, 1.6, 2.0)], elements: [], level: 1),
        ]
        let e = Evaluation(predictions: predictions, targets: targets, task: Self.task)
        // tIoU: 0.5/0.6, 0.4/0.8 and 0 in the first routine; 0.5/1.0 (and 0.4/1.0, same span) in the second
        #expect(abs(e.localization - 3.0 / 5.0) < 1e-12)
        // per (routine, item): bent_knees TP twice, fall TP once, hop nothing → micro-F1 1
        #expect(e.penaltyMicroF1 == 1)
        // ledger: 2.0 + 8.6 = 10.6 against 11, 1.5 + 9.9 = 11.4 against 10.5 → ranks reversed
        #expect(e.ledgerSpearman == -1)
        #expect(abs(e.executionMAE - (0.2 + 0.4) / 2) < 1e-9)
        #expect(abs(e.difficultyMAE - (0.2 + 0.5) / 2) < 1e-9)
    }

    /// Per item, the ROC AUC of the routine-level probability (Mann–Whitney, ties count half).
    @Test func eachItemRanksItsRoutinesByProbability() {
        func routine(_ knees: Double, _ fall: Double) -> RoutinePrediction {
            var p = Self.prediction(difficulty: 1, penalties: [("bent_knees", 0, 0, 0), ("fall", 0, 0, 0), ("hop", 0, 0, 0)])
            p.penalties[0].probability = knees
            p.penalties[1].probability = fall
            return p
        }
        let predictions = [routine(0.9, 0.5), routine(0.4, 0.5), routine(0.6, 0.2), routine(0.1, 0.5)]
        func target(_ items: [Int]) -> RoutineTargets {
            RoutineTargets(score: 10, difficulty: 1, execution: 9, penalties: items.map { Self.penalty($0, 0, 1.0, 1.5) }, elements: [], level: 1)
        }
        let targets = [target([0]), target([0, 1]), target([]), target([1])]
        let e = Evaluation(predictions: predictions, targets: targets, task: Self.task)
        // bent_knees: positives 0.9, 0.4 against negatives 0.6, 0.1 → pairs won 2 + 1 of 4
        #expect(e.penaltyItems[0].rocAUC == 0.75)
        // fall: positives 0.5, 0.5 against negatives 0.5, 0.2 → 0.5 + 1 + 0.5 + 1 of 4
        #expect(e.penaltyItems[1].rocAUC == 0.75)
        // hop: no routine has it
        #expect(e.penaltyItems[2].rocAUC == nil)
    }
}
