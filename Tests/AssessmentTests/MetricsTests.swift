import Testing
@testable import Assessment

@Suite("Metrics against hand-computed values")
struct MetricsTests {
    @Test func averageRanksShareTies() {
        #expect(Metrics.averageRanks([3, 1, 3]) == [2.5, 1, 2.5])
        #expect(Metrics.averageRanks([5, 5, 5, 1]) == [3, 3, 3, 1])
    }

    @Test func spearmanWithTies() {
        // ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5
        let rho = Metrics.spearman([1, 2, 2, 3], [1, 3, 2, 4])
        #expect(abs(rho - 4.5 / (4.5 * 5.0).squareRoot()) < 1e-12)
        #expect(abs(rho - 0.9486832980505138) < 1e-12)  // scipy.stats.spearmanr
        #expect(Metrics.spearman([1, 2, 3], [30, 20, 10]) == -1)
        #expect(Metrics.spearman([1, 1, 1], [1, 2, 3]) == 0)
    }

    @Test func relativeL2AsThePapersDefineIt() {
        // range 4; errors 0, 1, 2 → (0 + 1/16 + 4/16) / 3
        #expect(abs(Metrics.relativeL2([1, 2, 3], [1, 3, 5]) - 5.0 / 48.0) < 1e-12)
        #expect(Metrics.meanAbsoluteError([1, 2, 3], [1, 3, 5]) == 1)
    }

    @Test func temporalIoU() {
        #expect(abs(Metrics.temporalIoU((0, 2), (1, 3)) - 1.0 / 3.0) < 1e-12)
        #expect(Metrics.temporalIoU((0, 1), (2, 3)) == 0)
        #expect(Metrics.temporalIoU((1, 2), (1, 2)) == 1)
    }

    @Test func detectionCounts() {
        var c = Metrics.Counts()
        c.truePositives = 3
        c.falsePositives = 1
        c.falseNegatives = 2
        #expect(c.precision == 0.75)
        #expect(c.recall == 0.6)
        #expect(abs(c.f1 - 6.0 / 9.0) < 1e-12)
    }

    @Test func querySpanHoldsHalfTheMass() {
        #expect(QuerySpan.clips(of: [0, 0.1, 0.6, 0.2, 0.1]) == 2...2)
        #expect(QuerySpan.clips(of: [0.1, 0.2, 0.25, 0.3, 0.15]) == 2...3)
        let s = QuerySpan.seconds(2...3, clipDuration: 0.5)
        #expect(s.start == 1 && s.end == 2)
    }

    @Test func penaltySpanGrowsOverNeighboursNearThePeak() {
        #expect(PenaltySpan.clips(of: [0.05, 0.1, 0.9, 0.6, 0.3, 0.8]) == 2...3)
        #expect(PenaltySpan.clips(of: [0.7, 0.5, 0.1]) == 0...1)
        #expect(PenaltySpan.clips(of: []) == 0...0)
    }

    @Test func penaltyInstancesTakeEachSeparatePeakAboveTheThreshold() {
        let row: [Float] = [0.05, 0.9, 0.6, 0.1, 0.2, 0.7, 0.3, 0.55, 0.1]
        let found = PenaltySpan.instances(of: row, threshold: 0.5)
        #expect(found.map(\.peak) == [1, 5, 7])
        // 0.3 at clip 6 is over half of 0.55, but it touches the span taken at clip 5
        #expect(found.map(\.clips) == [1...2, 5...5, 7...7])
        // a shoulder of the same peak is not a second occurrence
        #expect(PenaltySpan.instances(of: [0.1, 0.9, 0.8, 0.7, 0.1], threshold: 0.5).map(\.clips) == [1...3])
        // under the threshold: the strongest peak only, so its probability can still be read
        #expect(PenaltySpan.instances(of: [0.2, 0.4, 0.1], threshold: 0.5).map(\.clips) == [0...1])
        #expect(PenaltySpan.instances(of: [], threshold: 0.5).isEmpty)
    }

    @Test func rocAUC() {
        #expect(Metrics.rocAUC([0.1, 0.4, 0.35, 0.8], [false, false, true, true]) == 0.75)
        #expect(Metrics.rocAUC([0.5, 0.5], [false, true]) == 0.5)
        #expect(Metrics.rocAUC([0.1, 0.2], [true, true]) == nil)
    }

    @Test func diagonality() {
        let identity: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
        #expect(AttentionLoss.diagonality(identity) == 1)
        let uniform = [[Float]](repeating: [0.25, 0.25, 0.25, 0.25], count: 4)
        // rows 0 and 3 hold 2 of 4 cells in the band, rows 1 and 2 hold 3
        #expect(abs(AttentionLoss.diagonality(uniform) - (0.5 + 0.75 + 0.75 + 0.5) / 4) < 1e-9)
    }
}
