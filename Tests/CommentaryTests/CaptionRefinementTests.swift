import Assessment
import Foundation
import Neural
import RoutineCore
import Testing
@testable import Commentary

/// The decoder-only stage after the joint training, on the toy coaching routines.
struct CaptionRefinementTests {
    static func jointlyTrained() throws -> (TrainedModel, CommentaryGenerator, fit: [TrainingExample], validation: [TrainingExample],
                                            labels: [String: CommentaryLabel]) {
        let rubric = try Fixtures.rubric("floor")
        let templates = try CommentaryTemplates(templates: Fixtures.templates, language: "en")
        let (examples, labels) = try ToyCoachingRoutines.make(count: 24, seed: 8, rubric: rubric, templates: templates)
        var c = ToyCoachingRoutines.generatorConfiguration()
        c.penaltyItems = ToyCoachingRoutines.task(rubric).penaltyItems
        let options = ToyCoachingRoutines.trainerOptions(epochs: 4, validationFraction: 0.25)
        let (fit, validation) = Trainer.validationSplit(examples, fraction: options.validationFraction, seed: options.seed)
        // As `routine train` makes it: the generator holds only the fitted routines' commentary.
        let fitted = Set(fit.map(\.id))
        let generator = try CommentaryGenerator(configuration: c, training: labels.filter { fitted.contains($0.key) }, rubric: rubric)
        let trainer = Trainer(configuration: ToyCoachingRoutines.configuration(), task: ToyCoachingRoutines.task(rubric), options: options,
                              featureVersion: "toy", auxiliary: [generator])
        let model = try trainer.train(examples)
        return (model, generator, fit, validation, labels)
    }

    @Test func lowersTheHeldOutCaptionLossAndLeavesTheModelAlone() throws {
        let (model, generator, fit, validation, labels) = try Self.jointlyTrained()
        let modelBefore = model.network.parameters().map(\.tensor.data)
        var refinement = CaptionRefinement()
        refinement.epochs = 12
        refinement.patience = 3
        refinement.learningRate = 5e-3
        var reports: [CaptionRefinement.EpochReport] = []
        let kept = try refinement.run(generator, model: model, fit: fit, validation: validation, validationLabels: labels) { reports.append($0) }
        print("caption refinement: kept \(kept), validation loss \(reports.map { String(format: "%.2f", $0.validationLoss ?? -1) })")
        #expect(!reports.isEmpty && reports.allSatisfy { $0.validationLoss != nil })
        #expect(kept > 0, "four joint epochs leave the decoder far from converged")
        // The weights kept are the kept epoch's: their held-out loss is that epoch's figure.
        let keptLoss = try #require(reports.first { $0.epoch == kept }?.validationLoss)
        #expect(reports.allSatisfy { $0.validationLoss! >= keptLoss })
        #expect(reports.filter(\.kept).last?.epoch == kept)
        // The assessment model is frozen: score, penalties and calibration stay as trained.
        #expect(model.network.parameters().map(\.tensor.data) == modelBefore)
    }

    @Test func isDeterministic() throws {
        var weights: [[[Float]]] = []
        for _ in 0..<2 {
            let (model, generator, fit, validation, labels) = try Self.jointlyTrained()
            var refinement = CaptionRefinement()
            refinement.epochs = 3
            try refinement.run(generator, model: model, fit: fit, validation: validation, validationLabels: labels)
            weights.append(generator.network.parameters().map(\.tensor.data))
        }
        #expect(weights[0] == weights[1])
    }
}
