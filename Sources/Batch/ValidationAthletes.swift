import Assessment
import Foundation

/// The training split's athletes that `routine train` held out for validation (early stopping,
/// calibration, the commentary gate), found again from the model's notes: decoding rules and
/// thresholds can then be compared on routines the model never fitted without opening the test
/// split (`routine evaluate --split validation`).
public enum ValidationAthletes {
    /// The split name `routine evaluate` accepts for them.
    public static let splitName = "validation"

    /// The training split divided as the trainer of `model` divided it: the routines it fitted
    /// and the held-out ones. Models written before the trainer recorded its seed and fraction
    /// used the defaults (seed 1, 15 %).
    public static func split(_ train: [TrainingExample], model: TrainedModel) -> (fitted: [TrainingExample], heldOut: [TrainingExample]) {
        let seed = model.notes["seed"].flatMap(UInt64.init) ?? 1
        let fraction = model.notes["validation_fraction"].flatMap(Double.init) ?? Trainer.Options().validationFraction
        return Trainer.validationSplit(train, fraction: fraction, seed: seed)
    }
}
