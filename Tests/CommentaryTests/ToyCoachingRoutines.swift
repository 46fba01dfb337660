import Assessment
import Foundation
import Neural
import RoutineCore
@testable import Commentary

/// Small synthetic routines with commentary, for the joint-training and evaluation tests: each
/// penalty (three floor-rubric items) stamps its signature on the tokens of the clips it
/// covers, and the ground-truth commentary is what a coach following the rubric would write
/// about the true penalties (the grounded templates on the labels), as the synthetic dataset's
/// is — so the text is learnable from the tokens.
enum ToyCoachingRoutines {
    static let items = ["head_down", "bent_knees", "fall"]
    static let cells = 4, width = 8

    static func task(_ rubric: Rubric) -> ScoringTask {
        ScoringTask(rubricID: "floor-toy", baseScore: 10,
                    penaltyItems: items.map { .init(id: $0, deductions: rubric.penalty($0)!.deductions) }, elementNames: ["roll", "jump"])
    }

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

    /// The trainer's options for these routines: batches of 4, a high learning rate, every
    /// epoch run (no early stop).
    static func trainerOptions(epochs: Int, validationFraction: Double = 0) -> Trainer.Options {
        var options = Trainer.Options()
        options.epochs = epochs
        options.batchSize = 4
        options.learningRate = 1e-2
        options.patience = 0
        options.validationFraction = validationFraction
        return options
    }

    static func generatorConfiguration() -> CommentaryConfiguration {
        var c = CommentaryConfiguration(width: 32)
        c.reasonerLayers = 1
        c.heads = 2
        c.sentenceWidth = 32
        c.wordWidth = 32
        c.hiddenSize = 64
        c.dropout = 0
        c.captionWeight = 0.5
        c.alignmentWeight = 0.5
        c.minimumWordCount = 1
        return c
    }

    /// Routines with their labels (commentary keyed by id).
    static func make(count: Int, seed: UInt64, rubric: Rubric, templates: CommentaryTemplates)
        throws -> (examples: [TrainingExample], labels: [String: CommentaryLabel]) {
        let rng = RandomSource(seed: seed)
        let clip = 8.0 / 15.0
        let task = task(rubric)
        var examples: [TrainingExample] = [], labels: [String: CommentaryLabel] = [:]
        for index in 0..<count {
            let clips = 12 + rng.nextInt(below: 8)
            var values = (0..<(clips * cells * width)).map { _ in rng.normal(std: 0.1) }
            func stamp(_ range: ClosedRange<Int>, channel: Int, strength: Float) {
                for t in range { for g in 0..<cells { values[(t * cells + g) * width + channel] += strength } }
            }
            let half = clips / 2
            stamp(0...(half - 1), channel: 0, strength: 1)
            stamp(half...(clips - 1), channel: 1, strength: 1)
            var penalties: [(item: String, deduction: Double, start: Double, end: Double)] = []
            for (i, id) in items.enumerated() where rng.nextFloat() < 0.45 {
                let allowed = rubric.penalty(id)!.deductions
                let d = allowed[rng.nextInt(below: allowed.count)]
                let start = rng.nextInt(below: clips - 2)
                stamp(start...(start + 1), channel: 3 + i, strength: Float(1 + 2 * d))
                penalties.append((id, d, Double(start) * clip, Double(start + 2) * clip))
            }
            let execution = 10 - penalties.reduce(0) { $0 + $1.deduction }
            let targets = try RoutineTargets(
                task: task, clipDuration: clip, clipCount: clips, score: execution + 1, difficulty: 1, execution: execution, level: 1,
                penalties: penalties,
                elements: [("roll", "tuck", "forward", 2, 0, Double(half) * clip), ("jump", "straight", "none", 0, Double(half) * clip, Double(clips) * clip)])
            let id = String(format: "r%03d", index)
            examples.append(TrainingExample(id: id, athlete: "a\(index / 2)",
                                            tokens: ClipTokens(clipCount: clips, cellCount: cells, width: width, values: values), targets: targets))
            let truth = try Fixtures.prediction(rubric: rubric, score: execution + 1, penalties: penalties)
            let table = KeypointTable(prediction: truth, rubric: rubric, routineID: id)
            var keypoints: [BodyDimension: Annotation.Keypoint] = [:]
            for e in table.entries {
                keypoints[e.dimension] = .init(strength: e.strength, weakness: e.weaknesses.isEmpty ? nil : e.weaknesses.map(\.phrase).joined(separator: " "))
            }
            labels[id] = CommentaryLabel(paragraph: templates.paragraph(table: table, routineID: id), keypoints: keypoints)
        }
        return (examples, labels)
    }
}
