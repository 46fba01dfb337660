import Assessment
import Commentary
import Foundation

/// `routine train`: trains the assessment model on a dataset's training split (validation
/// athletes held out inside it), reports each epoch, writes the model file; with `ablation`,
/// trains the baselines on the same split and seed and prints their table on the test split.
public struct TrainingJob {
    public var configuration: ModelConfiguration
    public var task: ScoringTask
    public var options: Trainer.Options
    public var featureVersion: String
    public var auxiliary: [AuxiliaryObjective] = []
    /// When set, the learned commentary generator trains jointly with the model (DESIGN.md's
    /// total loss) and is written beside it with its quality gate.
    public var commentary: CommentaryJob?

    public init(configuration: ModelConfiguration, task: ScoringTask, options: Trainer.Options, featureVersion: String) {
        self.configuration = configuration
        self.task = task
        self.options = options
        self.featureVersion = featureVersion
    }

    /// One progress line per epoch (what `routine train` prints on stderr).
    public static func describe(_ r: Trainer.EpochReport, epochs: Int) -> String {
        let p = r.parts
        var parts = String(format: "score %.3f", p.score)
        if p.penalty > 0 { parts += String(format: "  penalty %.3f", p.penalty) }
        if p.localisation > 0 { parts += String(format: "  loc %.3f", p.localisation) }
        if p.element > 0 { parts += String(format: "  element %.3f", p.element) }
        if p.deduction > 0 { parts += String(format: "  deduction %.3f", p.deduction) }
        if p.pose > 0 { parts += String(format: "  pose %.3f", p.pose) }
        if p.attention > 0 { parts += String(format: "  attention %.4f", p.attention) }
        if p.contrastive > 0 { parts += String(format: "  contrastive %.3f", p.contrastive) }
        if p.auxiliary > 0 { parts += String(format: "  commentary %.3f", p.auxiliary) }
        let levels = r.levels.lowerBound == r.levels.upperBound ? "level \(r.levels.lowerBound)" : "levels \(r.levels.lowerBound)–\(r.levels.upperBound)"
        let penalty = r.validationPenaltyAUC.map { String(format: "  pen AUC %.3f  span hit %.3f", $0, r.validationSpanHit ?? 0) } ?? ""
        let member = r.member > 0 ? "member \(r.member + 1): " : ""
        return member + String(format: "epoch %3d/%d  loss %.3f (%@)  val ρ %.3f  MAE %.3f%@  %@  %.1f s%@",
                      r.epoch, epochs, p.total, parts, r.validationSpearman, r.validationMAE, penalty, levels, r.seconds, r.kept.map { "  * keeps epoch \($0)" } ?? "")
    }

    /// Trains the model and writes it to `modelURL`; returns it.
    public func train(_ examples: [TrainingExample], modelURL: URL, log: (String) -> Void) throws -> TrainedModel {
        var trainer = Trainer(configuration: configuration, task: task, options: options, featureVersion: featureVersion)
        trainer.auxiliary = auxiliary
        let generator = try commentary?.generator(for: examples, options: options, width: configuration.width)
        if let generator {
            trainer.auxiliary.append(generator)
            log("commentary decoder trains jointly (\(generator.labels.count) paragraphs, \(generator.vocabulary.size) words)")
        }
        let athletes = Set(examples.map(\.athlete)).count
        log("training on \(examples.count) routines of \(athletes) athletes (\(Int(options.validationFraction * 100))% of the athletes held out for validation)")
        let model = try trainer.train(examples) { log(Self.describe($0, epochs: options.epochs)) }
        try ModelFile.write(model, to: modelURL)
        log("wrote \(modelURL.path) (best epoch \(model.notes["best_epoch"] ?? "?"), validation ρ \(model.notes["validation_spearman"] ?? "?"))")
        if let generator, let commentary {
            let gate = try commentary.finish(generator, model: model, examples: examples, options: options, modelURL: modelURL, log: log)
            log(CommentaryJob.describe(gate))
            log("wrote \(CommentaryModelFile.url(besideModel: modelURL).path)")
        }
        return model
    }

    /// The ablation table on `test`, every variant trained on `train` with the same seed.
    public func ablation(train: [TrainingExample], test: [TrainingExample], log: (String) -> Void) throws -> [Ablation.Row] {
        // Direct regression is the full model itself unless the full model is contrastive.
        let variants = Ablation.Variant.allCases.filter { $0 != .direct || configuration.exemplars > 0 }
        return try Ablation.run(variants: variants, train: train, test: test, configuration: configuration, task: task, options: options,
                         featureVersion: featureVersion) { variant, report in
            if report.isBest || report.epoch % 10 == 0 { log("[\(variant)] " + Self.describe(report, epochs: options.epochs)) }
        }
    }
}
