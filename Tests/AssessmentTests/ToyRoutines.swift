import Neural
@testable import Assessment

/// Small synthetic token sequences with exact labels, for the model's unit tests: each penalty
/// adds its item's signature to the clips it covers (stronger for larger deductions), each
/// element its own signature, on top of seeded noise — so the labels are learnable from the
/// tokens, as they are from real features of the synthetic videos.
enum ToyRoutines {
    static let task = ScoringTask(
        rubricID: "toy@1", baseScore: 10,
        penaltyItems: [.init(id: "bent_knees", deductions: [0.1, 0.3, 0.5]), .init(id: "fall", deductions: [1.0]),
                       .init(id: "hop", deductions: [0.1, 0.3])],
        elementNames: ["roll", "jump", "leap"])

    static let cells = 4, width = 8

    static func configuration() -> ModelConfiguration {
        var c = ModelConfiguration(tokenWidth: width, cellCount: cells)
        c.width = 32
        c.feedForwardWidth = 64
        c.heads = 2
        c.dropout = 0
        c.queryTableSize = 8
        c.scoreHeads = 3
        return c
    }

    static func make(count: Int, seed: UInt64) -> [TrainingExample] {
        let rng = RandomSource(seed: seed)
        let clip = 8.0 / 15.0
        return (0..<count).map { index in
            let clips = 12 + rng.nextInt(below: 12)
            var values = (0..<(clips * cells * width)).map { _ in rng.normal(std: 0.1) }
            func stamp(_ range: ClosedRange<Int>, channel: Int, strength: Float) {
                for t in range { for g in 0..<cells { values[(t * cells + g) * width + channel] += strength } }
            }
            // Elements: three segments.
            var elements: [(name: String, shape: String, rotation: String, halfRotations: Int, start: Double, end: Double)] = []
            let third = clips / 3
            var difficulty = 0.0
            for s in 0..<3 {
                let e = rng.nextInt(below: 3)
                let range = (s * third)...(s == 2 ? clips - 1 : (s + 1) * third - 1)
                stamp(range, channel: e, strength: 1)
                difficulty += [0.1, 0.2, 0.3][e]
                elements.append((task.elementNames[e], ["tuck", "straight", "straddle"][e], ["forward", "none", "none"][e],
                                 e == 0 ? 2 : 0, Double(range.lowerBound) * clip, Double(range.upperBound + 1) * clip))
            }
            var penalties: [(item: String, deduction: Double, start: Double, end: Double)] = []
            for (i, item) in task.penaltyItems.enumerated() where rng.nextFloat() < 0.5 {
                let d = item.deductions[rng.nextInt(below: item.deductions.count)]
                let start = rng.nextInt(below: clips - 2)
                let range = start...(start + 1)
                stamp(range, channel: 3 + i, strength: Float(1 + 2 * d))
                penalties.append((item.id, d, Double(range.lowerBound) * clip, Double(range.upperBound + 1) * clip))
            }
            let execution = 10 - penalties.reduce(0) { $0 + $1.deduction }
            let targets = try! RoutineTargets(
                task: task, clipDuration: clip, clipCount: clips, score: execution + difficulty, difficulty: difficulty,
                execution: execution, level: 1 + index % 2, penalties: penalties, elements: elements)
            return TrainingExample(id: "r\(index)", athlete: "a\(index / 2)",
                                   tokens: ClipTokens(clipCount: clips, cellCount: cells, width: width, values: values), targets: targets)
        }
    }
}
