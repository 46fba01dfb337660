import Assessment
import Foundation
import Neural
import RoutineCore
import Testing
@testable import Commentary

/// The generator trained with the assessment model by the real trainer, then the evaluation
/// entry point, the quality gate and the report rule on held-out toy routines.
struct JointTrainingTests {
    /// A commentary decoder that does not shape the encoder leaves the assessment network as it
    /// trains alone, bit for bit: its dropout has its own random stream and its gradients are
    /// clipped on their own. (Sharing them, a change to the commentary's vocabulary moved the
    /// bundled model's test F1 by 0.03.)
    @Test func aCommentaryThatDoesNotShapeTheEncoderLeavesTheScoreModelUnchanged() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let (train, labels) = try ToyCoachingRoutines.make(count: 12, seed: 5, rubric: rubric, templates: templates)
        let options = ToyCoachingRoutines.trainerOptions(epochs: 4)
        func weights(_ auxiliary: [AuxiliaryObjective]) throws -> [[Float]] {
            var trainer = Trainer(configuration: ToyCoachingRoutines.configuration(), task: ToyCoachingRoutines.task(rubric), options: options,
                                  featureVersion: "toy", auxiliary: auxiliary)
            trainer.auxiliary = auxiliary
            return try trainer.train(train) { _ in }.network.parameterTensors.map(\.data)
        }
        var configuration = ToyCoachingRoutines.generatorConfiguration()
        configuration.shapesEncoder = false
        let alone = try weights([])
        let generator = try CommentaryGenerator(configuration: configuration, training: labels, rubric: rubric)
        let withCommentary = try weights([generator])
        let same = withCommentary == alone  // a Bool, so a failure does not print every weight
        #expect(same, "the assessment network's weights changed with the commentary trained beside it")
        configuration.shapesEncoder = true
        let shaping = try CommentaryGenerator(configuration: configuration, training: labels, rubric: rubric)
        let shaped = try weights([shaping]) != alone
        #expect(shaped, "a decoder that shapes the encoder does change it")
    }

    @Test func trainsJointlyEvaluatesAndNeverReportsAContradiction() throws {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let (train, trainLabels) = try ToyCoachingRoutines.make(count: 16, seed: 5, rubric: rubric, templates: templates)
        let (test, testLabels) = try ToyCoachingRoutines.make(count: 6, seed: 6, rubric: rubric, templates: templates)
        let labels = trainLabels.merging(testLabels.map { ("t" + $0.key, $0.value) }) { a, _ in a }
        let testExamples = test.map { TrainingExample(id: "t" + $0.id, athlete: "t" + $0.athlete, views: $0.views, targets: $0.targets) }

        let generator = try CommentaryGenerator(configuration: ToyCoachingRoutines.generatorConfiguration(), training: trainLabels, rubric: rubric)
        let options = ToyCoachingRoutines.trainerOptions(epochs: 15)
        var trainer = Trainer(configuration: ToyCoachingRoutines.configuration(), task: ToyCoachingRoutines.task(rubric), options: options,
                              featureVersion: "toy", auxiliary: [generator])
        trainer.auxiliary = [generator]
        var commentaryLoss: [Double] = []
        let started = Date()
        let model = try trainer.train(train) { commentaryLoss.append($0.parts.auxiliary) }
        print("joint training: \(String(format: "%.1f", Date().timeIntervalSince(started))) s, commentary loss \(commentaryLoss.map { String(format: "%.2f", $0) })")
        #expect(commentaryLoss.last! < 0.6 * commentaryLoss.first!)

        let composer = CommentaryComposer(rubric: rubric, templates: templates, generator: generator)
        #expect(composer.learnedUnavailableReason?.contains("never evaluated") == true)
        let evaluation = try CommentaryEvaluation.run(model: model, composer: composer, training: train, test: testExamples, labels: labels)
        let json = String(decoding: try JSONEncoder().encode(evaluation), as: UTF8.self)
        print("commentary evaluation: \(json)")
        for key in ["\"learned\"", "\"grounded\"", "\"retrieval\"", "\"bleu1\"", "\"bleu4\"", "\"meteor\"", "\"rouge_l\"", "\"cider_d\"", "\"mention\"", "\"agreement\""] {
            #expect(json.contains(key))
        }
        let learned = try #require(evaluation.learned)
        // 60 optimiser steps do not make a good writer (the small-data figures are the lead's
        // evaluation on the synthetic split); here the learned row must exist and be scored.
        #expect(learned.count == 6)
        // The grounded text is the ground truth's own wording, read through the model's penalties.
        #expect(evaluation.grounded.agreement >= 0.8)
        // Whatever the learned decoder writes, the report rule keeps contradictions out.
        #expect(evaluation.reportContradictions == 0)
        // The checked beam search refuses contradicting sentences as it writes them.
        #expect(evaluation.learnedContradictions == 0)

        // Several events: each routine read and written with its own rubric.
        let beam = try Fixtures.rubric("beam")
        let events = Dictionary(uniqueKeysWithValues: testExamples.enumerated().map { ($1.id, $0 % 2 == 0 ? "floor" : "beam") })
        let byEvent = try CommentaryEvaluation.run(
            model: model, composers: ["floor": composer, "beam": CommentaryComposer(rubric: beam, templates: templates, generator: generator)],
            eventOf: events, training: train, test: testExamples, labels: labels)
        #expect(byEvent.grounded.count == 6 && byEvent.reportContradictions == 0)
        #expect(byEvent.retrieval.ciderD == evaluation.retrieval.ciderD)
        #expect {
            try CommentaryEvaluation.run(model: model, composers: ["floor": composer], eventOf: events, training: train, test: testExamples, labels: labels)
        } throws: { "\($0)".contains("no rubric for event 'beam'") }

        let gate = try CommentaryEvaluation.gate(model: model, generator: generator, rubric: rubric, templates: templates,
                                                 training: train, heldOut: testExamples, labels: labels, routines: "toy test routines")
        #expect(gate.learned == learned && gate.minimumCiderD == evaluation.retrieval.ciderD)
        generator.gate = gate
        let gated = try CommentaryEvaluation.run(model: model, composer: composer, training: train, test: testExamples, labels: labels)
        #expect(gated.reportContradictions == 0)
        #expect(gated.reportLearned == (gate.passed ? 6 - gated.learnedContradictions! : 0))
    }
}
