import Foundation

/// The baselines of DESIGN.md §Model, trained on the same split with the same seed as the full
/// model and evaluated on the same test routines, for `routine train --ablation`: one table like
/// the papers' ablations (Interpretable-AQA Table 3, LucidAction Table 4).
public enum Ablation {
    public enum Variant: String, CaseIterable, Sendable {
        case full = "full model"
        case meanPool = "mean-pool + MLP (C3D-AVG-like)"
        case noAttentionLoss = "decoder, no attention loss, default init"
        case attentionLossCodeDirection = "attention loss KL(L_C‖L_S) (authors' code)"
        case noPenaltyHeads = "without penalty heads"
        case noAuxiliaryTasks = "without auxiliary tasks"
        case direct = "direct regression"
        case contrastive = "contrastive regression (3 exemplars)"

        /// The configuration of this variant, derived from the full model's.
        public func configuration(from full: ModelConfiguration) -> ModelConfiguration {
            var c = full
            switch self {
            case .full: break
            case .meanPool:
                c.useDecoder = false
                c.attentionLossWeight = 0
                c.localisationLossWeight = 0
            case .noAttentionLoss:
                c.attentionLossWeight = 0
                c.queryInitVariance = nil
            case .attentionLossCodeDirection:
                c.attentionLossDirection = .code
            case .noPenaltyHeads:
                c.usePenaltyHeads = false
            case .noAuxiliaryTasks:
                c.usePenaltyHeads = false
                c.useElementHead = false
                c.difficultyLossWeight = 0
            case .direct:
                c.exemplars = 0
            case .contrastive:
                c.exemplars = Swift.max(c.exemplars, 3)
            }
            return c
        }
    }

    public struct Row: Sendable {
        public var variant: String
        public var evaluation: Evaluation
        public var seconds: Double

        public init(variant: String, evaluation: Evaluation, seconds: Double) {
            self.variant = variant
            self.evaluation = evaluation
            self.seconds = seconds
        }
    }

    /// Trains every variant on `train`, evaluates on `test`: one network per row (an ensemble
    /// would compare the ensemble, not the component; and the contrastive row cannot be one).
    public static func run(
        variants: [Variant] = Variant.allCases, train: [TrainingExample], test: [TrainingExample],
        configuration: ModelConfiguration, task: ScoringTask, options: Trainer.Options, featureVersion: String,
        progress: (String, Trainer.EpochReport) -> Void = { _, _ in }
    ) throws -> [Row] {
        var options = options
        options.members = 1
        return try variants.map { variant in
            let started = Date()
            let trainer = Trainer(configuration: variant.configuration(from: configuration), task: task, options: options,
                                  featureVersion: featureVersion)
            let model = try trainer.train(train) { progress(variant.rawValue, $0) }
            let predictions = try test.map { try model.predict($0.views) }
            return Row(variant: variant.rawValue, evaluation: Evaluation(predictions: predictions, targets: test.map(\.targets), task: task),
                       seconds: Date().timeIntervalSince(started))
        }
    }

    /// A plain-text table: ρ, R-ℓ2 (×100), MAE, penalty micro-F1, localisation, element accuracy,
    /// diagonality of the self-attention.
    public static func table(_ rows: [Row]) -> String {
        let header = ["model", "ρ", "R-ℓ2×100", "MAE", "pen F1", "loc", "elem acc", "diag"]
        let body = rows.map { r -> [String] in
            let e = r.evaluation
            return [r.variant, f(e.spearman), f(e.rl2x100), f(e.mae), f(e.penaltyMicroF1), f(e.localization), f(e.elementAccuracy),
                    f(e.selfAttentionDiagonality)]
        }
        return TextTable.render(header: header, rows: body)
    }

    static func f(_ x: Double) -> String { String(format: "%.3f", x) }
}
