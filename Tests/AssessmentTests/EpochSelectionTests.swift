import Testing
@testable import Assessment

@Suite("Epoch selection")
struct EpochSelectionTests {
    @Test func aLuckyEpochLosesToASteadyStretch() {
        // Figures 0.3 0.9 0.4 0.6 0.7 0.65, windows of 3 cut at the ends:
        // epoch 1: (0.3+0.9)/2 = 0.6; 2: 1.6/3 = 0.533; 3: 1.9/3 = 0.633; 4: 1.7/3 = 0.567;
        // 5: 1.95/3 = 0.65; 6: (0.7+0.65)/2 = 0.675. Each judgement waits for its window.
        var s = EpochSelection(window: 3, patience: 0)
        #expect(s.record(0.3, eligible: true) == nil)
        #expect(s.record(0.9, eligible: true) == 1)
        #expect(s.record(0.4, eligible: true) == nil)
        #expect(s.record(0.6, eligible: true) == 3)
        #expect(s.record(0.7, eligible: true) == nil)
        #expect(s.record(0.65, eligible: true) == 5)
        #expect(abs(s.smoothed(2) - 1.6 / 3) < 1e-12)
        #expect(s.finish() == 6)
        #expect(s.kept?.epoch == 6)
        #expect(abs(s.kept!.figure - 0.675) < 1e-12)
        #expect(!s.shouldStop)
        // Judged on its own figure, epoch 2 would have been kept.
        var single = EpochSelection(window: 1, patience: 0)
        for f in [0.3, 0.9, 0.4, 0.6, 0.7, 0.65] { _ = single.record(f, eligible: true) }
        #expect(single.finish() == nil)
        #expect(single.kept?.epoch == 2)
    }

    @Test func patienceCountsEpochsSinceTheKeptOne() {
        var s = EpochSelection(window: 1, patience: 2)
        _ = s.record(0.5, eligible: true)
        _ = s.record(0.4, eligible: true)
        #expect(!s.shouldStop)
        _ = s.record(0.45, eligible: true)
        #expect(s.shouldStop)
        #expect(s.kept?.epoch == 1)
    }

    @Test func onlyEligibleEpochsAreAveragedAndKept() {
        // A curriculum's first epochs (not all levels yet) neither count nor can be kept:
        // epoch 3 is judged on (0.2 + 0.3) / 2, not on the 0.9 of epoch 2.
        var s = EpochSelection(window: 3, patience: 0)
        #expect(s.record(0.9, eligible: false) == nil)
        #expect(s.record(0.9, eligible: false) == nil)
        #expect(s.record(0.2, eligible: true) == nil)
        #expect(s.record(0.3, eligible: true) == 3)
        #expect(abs(s.smoothed(3) - 0.25) < 1e-12)
        #expect(s.finish() == nil)
        #expect(s.kept?.epoch == 3)
    }

    @Test func aNonFiniteFigureCountsAsTheWorst() {
        var s = EpochSelection(window: 1, patience: 0)
        #expect(s.record(.nan, eligible: true) == 1)
        #expect(s.record(0.1, eligible: true) == 2)
        #expect(s.record(.nan, eligible: true) == nil)
        #expect(s.kept?.epoch == 2)
    }
}
