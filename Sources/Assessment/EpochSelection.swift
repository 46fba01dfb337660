/// Which epoch's weights a training run keeps, and when it stops early.
///
/// An epoch is judged by its validation figure averaged over a centred window of epochs, not
/// by its own figure alone: on ~40 validation routines one epoch's ρ swings by ±0.05, so the
/// single best epoch was often a lucky one early in the run (the full model of the features-4
/// ablation kept epoch 14 and scored 0.68 on the test athletes while variants that ran past
/// epoch 25 scored 0.80–0.83). The window is cut at the run's ends; with a curriculum only
/// epochs that saw every level are averaged and can be kept. Patience counts the epochs run
/// since the kept one.
public struct EpochSelection: Sendable {
    /// Epochs averaged per judgement (odd; 1 judges every epoch by its own figure).
    public let window: Int
    /// Epochs after the kept one before the run stops (0: never stops early).
    public let patience: Int
    /// The kept epoch (1-based) and its smoothed figure.
    public private(set) var kept: (epoch: Int, figure: Double)?
    private var figures: [Double] = []
    private var eligible: [Bool] = []
    /// Epochs already judged (their windows complete, or cut by the end of the run).
    private var judged = 0

    public init(window: Int, patience: Int) {
        precondition(window >= 1 && window % 2 == 1, "the selection window must be odd")
        self.window = window
        self.patience = patience
    }

    var half: Int { window / 2 }

    /// The epochs run so far.
    public var epochs: Int { figures.count }

    /// The mean figure over `epoch`'s window among the eligible epochs run so far.
    public func smoothed(_ epoch: Int) -> Double {
        let range = Swift.max(1, epoch - half)...Swift.min(figures.count, epoch + half)
        let values = range.filter { eligible[$0 - 1] }.map { figures[$0 - 1] }
        return values.isEmpty ? -.infinity : values.reduce(0, +) / Double(values.count)
    }

    /// Records the next epoch's validation figure (higher is better; a non-finite one counts as
    /// the worst); returns the epoch that becomes the kept one, if any — an earlier epoch
    /// whose window this figure completes.
    public mutating func record(_ figure: Double, eligible isEligible: Bool) -> Int? {
        figures.append(figure.isFinite ? figure : -.infinity)
        eligible.append(isEligible)
        return judge(through: figures.count - half)
    }

    /// At the end of the run: judges the last epochs on their cut windows; returns the epoch
    /// that becomes the kept one, if any.
    public mutating func finish() -> Int? { judge(through: figures.count) }

    /// Whether the run stops after the epochs recorded so far.
    public var shouldStop: Bool {
        guard patience > 0, let kept else { return false }
        return figures.count - kept.epoch >= patience
    }

    private mutating func judge(through last: Int) -> Int? {
        var newlyKept: Int?
        while judged < last {
            judged += 1
            guard eligible[judged - 1] else { continue }
            let s = smoothed(judged)
            if kept == nil || s > kept!.figure {
                kept = (judged, s)
                newlyKept = judged
            }
        }
        return newlyKept
    }
}
