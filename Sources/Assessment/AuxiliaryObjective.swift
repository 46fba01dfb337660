import Neural

/// A task trained jointly with the assessment model on its shared representation (the
/// commentary generator of MTL-AQA §4 / TechCoach §4.4–4.5 is one): it owns its own parameters
/// and adds a loss computed from the model's memory and query features for each routine.
/// The trainer optimises its parameters together with the model's and keeps them at the best
/// validation epoch too.
public protocol AuxiliaryObjective: AnyObject {
    /// Parameters trained with the model.
    var module: Module { get }
    /// Weight of this loss in the total (DESIGN.md: λ for caption NLL and alignment).
    var weight: Float { get }
    /// The loss for one routine; nil when the routine has no labels for this task.
    /// memory [T, d], queryFeatures [K, d].
    func loss(memory: Tensor, queryFeatures: Tensor, example: TrainingExample, rng: RandomSource?) -> Tensor?
}
