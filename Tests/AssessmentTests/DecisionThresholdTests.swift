import Testing
@testable import Assessment

@Suite("Penalty decision thresholds")
struct DecisionThresholdTests {
    /// Hand-computed: positives 0.8 and 0.6, negatives 0.7, 0.2, 0.1. Matthews correlation:
    /// 0 at 0.10 (every routine called), 2/√12 ≈ 0.577 at 0.15–0.20, 4/6 ≈ 0.667 from 0.25
    /// to 0.60, 1/6 at 0.65–0.70, 3/√24 ≈ 0.612 at 0.75–0.80; best and lowest: 0.25.
    @Test func theThresholdOfBestCorrelation() {
        #expect(Trainer.decisionThreshold(probabilities: [0.8, 0.6, 0.7, 0.2, 0.1], labels: [true, true, false, false, false]) == 0.25)
    }

    /// The one positive (0.30) sits under two negatives (0.35, 0.40): the best correlation
    /// (5/√105 ≈ 0.49, at 0.10–0.30) calls three routines of which one has the fault, and every
    /// threshold up to 0.40 calls more wrong than right; from 0.45 nothing is called, so 0.45.
    @Test func aThresholdWhereMostCallsAreWrongIsNotTaken() {
        let probabilities = [0.30, 0.35, 0.40, 0.05, 0.05, 0.05, 0.05, 0.05]
        let labels = [true, false, false, false, false, false, false, false]
        #expect(Trainer.decisionThreshold(probabilities: probabilities, labels: labels) == 0.45)
    }
}
