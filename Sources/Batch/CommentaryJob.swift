import Assessment
import Commentary
import Foundation
import RoutineCore

/// The commentary side of `routine train`, `evaluate` and `report` (issue 7): the labels a
/// dataset carries, the learned generator trained jointly with the score as an auxiliary
/// objective, its quality gate measured on the validation athletes and stored in its file
/// beside the model, and the three evaluation rows (learned, grounded, retrieval).
public struct CommentaryJob {
    public var data: TrainingData
    public var templates: CommentaryTemplates
    /// Let the commentary losses train the assessment model's encoder too
    /// (``CommentaryConfiguration/shapesEncoder``).
    public var shapesEncoder = true
    /// The decoder-only stage after the joint training (``CaptionRefinement``).
    public var refinement = CaptionRefinement()

    /// `templatesFolder` holds `commentary/LANG/` (the shipped Templates by default).
    public init(data: TrainingData, templatesFolder: URL, language: String = "en") throws {
        self.data = data
        templates = try CommentaryTemplates(templates: templatesFolder, language: language)
    }

    /// Ground-truth commentary by routine id (routines without one are left out).
    public var labels: [String: CommentaryLabel] {
        Dictionary(uniqueKeysWithValues: data.dataset.annotations.compactMap { a in a.commentary.map { (a.id, CommentaryLabel($0)) } })
    }

    /// Event by routine id: a dataset mixes floor, beam and vault, and each routine is written
    /// and read with its own rubric.
    public var eventOf: [String: String] {
        Dictionary(uniqueKeysWithValues: data.dataset.annotations.map { ($0.id, $0.event) })
    }

    /// One composer per event of the dataset, sharing `generator`.
    public func composers(generator: CommentaryGenerator?) -> [String: CommentaryComposer] {
        data.rubrics.mapValues { CommentaryComposer(rubric: $0, templates: templates, generator: generator) }
    }

    /// A generator to train jointly with the model on `examples` (the training split): its
    /// vocabulary and labels come from the routines the trainer fits, never from its validation
    /// athletes, which judge the gate. Nil when those routines have no commentary.
    public func generator(for examples: [TrainingExample], options: Trainer.Options, width: Int) throws -> CommentaryGenerator? {
        let (fit, _) = Trainer.validationSplit(examples, fraction: options.validationFraction, seed: options.seed)
        let all = labels
        let fitLabels = Dictionary(uniqueKeysWithValues: fit.compactMap { e in all[e.id].map { (e.id, $0) } })
        guard !fitLabels.isEmpty else { return nil }
        var configuration = CommentaryConfiguration(width: width)
        configuration.seed = options.seed
        configuration.shapesEncoder = shapesEncoder
        configuration.penaltyItems = try data.task.penaltyItems
        // Keypoint texts start from the dimension names and the praise of the dataset's first rubric.
        let rubric = data.rubrics[eventOf[fit.first!.id] ?? ""] ?? data.rubrics.values.sorted { $0.event < $1.event }.first
        let wording = data.rubrics.values.sorted { $0.event < $1.event }.flatMap(\.wording)
        return try CommentaryGenerator(configuration: configuration, training: fitLabels, rubric: rubric, wording: wording)
    }

    /// Refines the jointly trained generator on the fixed model (``CaptionRefinement``),
    /// measures it on the validation athletes of `examples` (the gate) and writes it beside the
    /// model; returns the gate.
    public func finish(_ generator: CommentaryGenerator, model: TrainedModel, examples: [TrainingExample], options: Trainer.Options,
                       modelURL: URL, log: (String) -> Void = { _ in }) throws -> CommentaryGate? {
        let (fit, validation) = Trainer.validationSplit(examples, fraction: options.validationFraction, seed: options.seed)
        let labels = self.labels
        var refinement = self.refinement
        refinement.seed = options.seed
        if refinement.epochs > 0 {
            let started = Date()
            let kept = try refinement.run(generator, model: model, fit: fit, validation: validation, validationLabels: labels) { r in
                log(String(format: "caption epoch %3d/%d  loss %.3f  val caption loss %@%@", r.epoch, refinement.epochs, r.trainingLoss,
                           r.validationLoss.map { String(format: "%.3f", $0) } ?? "n/a", r.kept ? "  * keeps" : ""))
            }
            log(String(format: "commentary decoder refined on the fixed model: kept caption epoch %d (%.0f s)", kept, Date().timeIntervalSince(started)))
        }
        if validation.contains(where: { labels[$0.id] != nil }) {
            generator.gate = try CommentaryEvaluation.gate(model: model, generator: generator, rubrics: data.rubrics, eventOf: eventOf,
                                                           templates: templates, training: fit, heldOut: validation, labels: labels)
        }
        try CommentaryModelFile.write(generator, featureVersion: model.featureVersion, to: CommentaryModelFile.url(besideModel: modelURL))
        return generator.gate
    }

    /// The commentary rows of `routine evaluate`: the model's generator (when its file exists
    /// beside it), the grounded templates and the retrieval baseline drawing from `train`.
    public func evaluate(model: TrainedModel, modelURL: URL, train: [TrainingExample], test: [TrainingExample]) throws -> CommentaryEvaluation {
        let generator = try Self.generator(besideModel: modelURL, model: model)
        return try CommentaryEvaluation.run(model: model, composers: composers(generator: generator), eventOf: eventOf,
                                            training: train, test: test, labels: labels)
    }

    /// The generator trained with the model at `modelURL`, nil when it has none.
    public static func generator(besideModel modelURL: URL, model: TrainedModel) throws -> CommentaryGenerator? {
        let url = CommentaryModelFile.url(besideModel: modelURL)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try CommentaryModelFile.read(url, width: model.configuration.width, featureVersion: model.featureVersion)
    }

    /// One line on a gate for the training log.
    public static func describe(_ gate: CommentaryGate?) -> String {
        guard let gate else { return "commentary decoder: no validation routine with commentary, so no quality gate (reports use the templates)" }
        return String(format: "commentary decoder on %@: CIDEr-D %.3f (retrieval %.3f), agreement %.2f (needs %.2f) → %@", gate.routines,
                      gate.learned.ciderD, gate.minimumCiderD, gate.learned.agreement, gate.minimumAgreement,
                      gate.passed ? "reports use the learned paragraph" : "reports use the templates")
    }
}
