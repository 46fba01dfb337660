import Assessment
import Foundation
import Neural

/// The learned generator's second stage, after the joint training: the assessment model stays
/// at the epoch its trainer kept, each routine's memory and query features are computed once,
/// and the keypoint reasoner and caption decoder train on alone until their caption loss on the
/// validation athletes stops falling.
///
/// Why: the joint run (MTL-AQA §4's total loss) keeps the epoch where the score and penalties
/// were best and stops soon after, well before a word-level decoder has converged (its
/// per-token loss is still falling steeply then), and its weight in the total loss is small so
/// it does not pull the score away. The encoder is frozen here, so the score, penalties and
/// calibration the trainer chose are unchanged.
public struct CaptionRefinement: Sendable {
    /// At most this many epochs; 0 skips the stage.
    public var epochs = 40
    /// Epochs without a lower validation loss before stopping.
    public var patience = 5
    public var learningRate: Float = 1e-3
    public var batchSize = 8
    public var clipNorm: Float = 1
    public var seed: UInt64 = 1

    public init() {}

    /// One epoch: mean training loss (caption + alignment, weighted as in the joint run) and
    /// mean validation caption loss per token (nil without validation routines).
    public struct EpochReport: Sendable {
        public var epoch: Int
        public var trainingLoss: Double
        public var validationLoss: Double?
        public var kept: Bool
    }

    /// Trains `generator` on the routines of `fit` it has labels for, keeps the weights of the
    /// epoch with the lowest caption loss on the `validation` routines (their commentary in
    /// `validationLabels`, which the generator never holds; the last epoch without any), and
    /// returns that epoch (0: the joint run's weights were best).
    @discardableResult
    public func run(_ generator: CommentaryGenerator, model: TrainedModel, fit: [TrainingExample], validation: [TrainingExample],
                    validationLabels: [String: CommentaryLabel], progress: (EpochReport) -> Void = { _ in }) throws -> Int {
        guard epochs > 0 else { return 0 }
        struct Routine { let memory: Tensor, queries: Tensor, label: CommentaryLabel, faults: [FaultMention] }
        func routines(_ examples: [TrainingExample], labels: [String: CommentaryLabel]) throws -> [Routine] {
            try examples.compactMap { e in
                guard let label = labels[e.id] else { return nil }
                let f = try CommentaryGenerator.features(model, views: e.views)
                return Routine(memory: f.memory, queries: f.queryFeatures, label: label, faults: FaultMention.labelled(e.targets))
            }
        }
        let train = try routines(fit, labels: generator.labels), held = try routines(validation, labels: validationLabels)
        guard !train.isEmpty else { return 0 }
        let parameters = generator.module.parameterTensors
        let optimizer = AdamW(parameters, learningRate: learningRate, weightDecay: 0.01)
        let rng = RandomSource(seed: seed)

        func validationLoss() -> Double? {
            guard !held.isEmpty else { return nil }
            return Graph.withoutGradients {
                held.reduce(0.0) { total, r in
                    let keypoints = generator.network.reasoner(r.memory)
                    let loss = generator.captionLoss(keypoints: keypoints, queryFeatures: r.queries, faults: r.faults, paragraph: r.label.paragraph, rng: nil)
                    return total + Double(loss.scalar)
                } / Double(held.count)
            }
        }
        var best = (epoch: 0, loss: validationLoss() ?? .infinity, weights: parameters.map(\.data))
        for epoch in 1...epochs {
            let order = rng.permutation(train.count)
            var total = 0.0
            var index = 0
            while index < order.count {
                let batch = order[index..<Swift.min(index + batchSize, order.count)]
                index += batchSize
                optimizer.zeroGrad()
                for i in batch {
                    let r = train[i]
                    let loss = generator.loss(memory: r.memory, queryFeatures: r.queries, label: r.label, faults: r.faults, rng: rng)
                    total += Double(loss.scalar)
                    loss.scaled(by: 1 / Float(batch.count)).backward()
                }
                _ = clipGradientNorm(parameters, maxNorm: clipNorm)
                optimizer.step()
            }
            let held = validationLoss()
            let better = held.map { $0 < best.loss } ?? true
            if better { best = (epoch, held ?? 0, parameters.map(\.data)) }
            progress(EpochReport(epoch: epoch, trainingLoss: total / Double(train.count), validationLoss: held, kept: better))
            if epoch - best.epoch >= patience { break }
        }
        for (p, w) in zip(parameters, best.weights) { p.assign(w) }
        return best.epoch
    }
}
