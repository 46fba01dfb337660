import Assessment
import Foundation
import Neural
import RoutineCore
import Testing
@testable import Commentary

/// The caption decoder's fault tokens: the penalties to cite are read from the penalty
/// predictions, not guessed from the video a second time.
struct FaultTokenTests {
    static let items: [ScoringTask.PenaltyItem] = [.init(id: "head_down", deductions: [0.1, 0.3]), .init(id: "bent_knees", deductions: [0.1, 0.3, 0.5])]

    /// Four routines with the same video and different faults.
    static let cases: [(id: String, paragraph: String, faults: [FaultMention])] = [
        ("clean", "A clean routine. The feet are pointed.", []),
        ("head", "At 0:01.5, the head drops.", [FaultMention(item: 0, severity: 0)]),
        ("knees", "At 0:04.2, the knees bend a little.", [FaultMention(item: 1, severity: 0)]),
        ("both", "At 0:01.5, the head drops. At 0:04.2, the knees are clearly bent.",
         [FaultMention(item: 0, severity: 0), FaultMention(item: 1, severity: 2)]),
    ]

    static func trained(items: [ScoringTask.PenaltyItem]?) throws -> (CommentaryGenerator, memory: Tensor, queries: Tensor) {
        var c = LearnedGeneratorTests.configuration()
        c.penaltyItems = items
        let labels = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, CommentaryLabel(paragraph: $0.paragraph, keypoints: [:])) })
        let generator = try CommentaryGenerator(configuration: c, training: labels, rubric: nil)
        let rng = RandomSource(seed: 5)
        let memory = Tensor.randomNormal([8, 16], rng: rng), queries = Tensor.randomNormal([4, 16], rng: rng)
        let optimizer = AdamW(generator.module.parameterTensors, learningRate: 1e-2, weightDecay: 0)
        for _ in 0..<400 {
            optimizer.zeroGrad()
            for example in cases {
                generator.loss(memory: memory, queryFeatures: queries, label: labels[example.id]!, faults: example.faults, rng: nil).backward()
            }
            optimizer.step()
        }
        return (generator, memory, queries)
    }

    @Test func theFaultsGivenDecideWhatIsCited() throws {
        let (generator, memory, queries) = try Self.trained(items: Self.items)
        #expect(generator.network.decoder.parameters().map(\.name).contains("fault_item.weight"))
        for example in Self.cases {
            let draft = generator.write(memory: memory, queryFeatures: queries, faults: example.faults, beamWidth: 1)
            #expect(draft.tokens == Vocabulary.tokens(example.paragraph), "\(example.id): \(draft.tokens)")
        }
    }

    @Test func withoutItemsTheSameVideoGetsTheSameText() throws {
        // The control: a decoder without fault embeddings cannot tell these routines apart.
        let (generator, memory, queries) = try Self.trained(items: nil)
        #expect(!generator.network.decoder.parameters().map(\.name).contains { $0.hasPrefix("fault_") })
        let texts = Set(Self.cases.map { generator.write(memory: memory, queryFeatures: queries, faults: $0.faults, beamWidth: 1).tokens })
        #expect(texts.count == 1)
    }

    @Test func predictedDeductionsBecomeFaultsInTimeOrderWithTheirSeverity() throws {
        let rubric = try Fixtures.rubric("floor")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("bent_knees", 0.5, 6.0, 6.4), ("head_down", 0.1, 1.0, 1.4),
                                                                            ("flexed_feet", 0.1, 3.0, 3.2)])
        // flexed_feet is not among the items: left out.
        #expect(FaultMention.predicted(prediction, items: Self.items) == [FaultMention(item: 0, severity: 0), FaultMention(item: 1, severity: 2)])
        var c = LearnedGeneratorTests.configuration()
        c.penaltyItems = Self.items
        let generator = try CommentaryGenerator(configuration: c, training: ["r": CommentaryLabel(paragraph: "Good.", keypoints: [:])], rubric: nil)
        #expect(generator.faults(prediction).count == 2)
        let plain = try CommentaryGenerator(configuration: LearnedGeneratorTests.configuration(),
                                            training: ["r": CommentaryLabel(paragraph: "Good.", keypoints: [:])], rubric: nil)
        #expect(plain.faults(prediction).isEmpty)
    }

    @Test func labelledPenaltiesAreReadInTimeOrder() throws {
        let task = ScoringTask(rubricID: "toy", baseScore: 10, penaltyItems: Self.items, elementNames: [])
        let targets = try RoutineTargets(task: task, clipDuration: 0.5, clipCount: 20, score: 9, difficulty: 1, execution: 8, level: 1,
                                         penalties: [("bent_knees", 0.5, 6.0, 6.4), ("head_down", 0.3, 1.0, 1.4)], elements: [])
        #expect(FaultMention.labelled(targets) == [FaultMention(item: 0, severity: 1), FaultMention(item: 1, severity: 2)])
    }
}
