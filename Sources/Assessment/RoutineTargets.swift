/// Ground truth for one routine, in the model's units (clips, class indices); made from an
/// annotation and a ``ScoringTask`` by ``init(task:clipDuration:clipCount:score:difficulty:penalties:elements:level:)``.
public struct RoutineTargets: Sendable, Equatable {
    /// A labelled penalty: item index, severity class and the clips it covers.
    public struct Penalty: Sendable, Equatable {
        public var item: Int
        public var severity: Int
        public var clips: ClosedRange<Int>
        public var start: Double
        public var end: Double
    }

    /// A labelled element: class indices of its factorised attributes and the clips it covers.
    public struct Element: Sendable, Equatable {
        public var name: Int
        public var shape: Int
        public var rotation: Int
        public var halfRotations: Int
        public var clips: ClosedRange<Int>
    }

    public var score: Double
    public var difficulty: Double
    public var execution: Double
    public var penalties: [Penalty]
    public var elements: [Element]
    public var level: Int

    /// Whether the routine has a labelled penalty of item `item` (index in the task's items).
    public func has(item: Int) -> Bool { penalties.contains { $0.item == item } }

    /// Per item: 1 when the routine has that penalty.
    public func occurrence(itemCount: Int) -> [Float] {
        var y = [Float](repeating: 0, count: itemCount)
        for p in penalties { y[p.item] = 1 }
        return y
    }

    /// Per item: the severity class of its largest labelled deduction, or nil.
    public func severity(itemCount: Int) -> [Int?] {
        var s = [Int?](repeating: nil, count: itemCount)
        for p in penalties { s[p.item] = Swift.max(s[p.item] ?? -1, p.severity) }
        return s
    }

    public init(score: Double, difficulty: Double, execution: Double, penalties: [Penalty], elements: [Element], level: Int) {
        self.score = score
        self.difficulty = difficulty
        self.execution = execution
        self.penalties = penalties
        self.elements = elements
        self.level = level
    }

    /// Builds targets from labels in seconds. Items or elements unknown to `task` are errors.
    public init(
        task: ScoringTask, clipDuration: Double, clipCount: Int, score: Double, difficulty: Double, execution: Double,
        level: Int, penalties: [(item: String, deduction: Double, start: Double, end: Double)],
        elements: [(name: String, shape: String, rotation: String, halfRotations: Int, start: Double, end: Double)]
    ) throws {
        func clips(_ start: Double, _ end: Double) -> ClosedRange<Int> {
            let last = Swift.max(clipCount - 1, 0)
            let a = Swift.min(last, Swift.max(0, Int((start / clipDuration).rounded(.down))))
            let b = Swift.min(last, Swift.max(a, Int((end / clipDuration).rounded(.up)) - 1))
            return a...b
        }
        self.score = score
        self.difficulty = difficulty
        self.execution = execution
        self.level = level
        self.penalties = try penalties.map { p in
            guard let i = task.penaltyIndex(p.item) else { throw AssessmentError.unknownLabel("penalty item '\(p.item)'", rubric: task.rubricID) }
            return Penalty(item: i, severity: task.severityClass(item: i, deduction: p.deduction), clips: clips(p.start, p.end),
                           start: p.start, end: p.end)
        }
        self.elements = try elements.map { e in
            guard let n = task.elementNames.firstIndex(of: e.name) else { throw AssessmentError.unknownLabel("element '\(e.name)'", rubric: task.rubricID) }
            guard let s = task.shapes.firstIndex(of: e.shape) else { throw AssessmentError.unknownLabel("shape '\(e.shape)'", rubric: task.rubricID) }
            guard let r = task.rotations.firstIndex(of: e.rotation) else { throw AssessmentError.unknownLabel("rotation '\(e.rotation)'", rubric: task.rubricID) }
            return Element(name: n, shape: s, rotation: r, halfRotations: Swift.min(Swift.max(e.halfRotations, 0), task.maxHalfRotations),
                           clips: clips(e.start, e.end))
        }
    }
}
