import Foundation
import Neural
import Testing
@testable import Assessment

/// `train --pose-target`: the network learns the pose stream from the tokens as a training
/// target and reads no pose at inference.
@Suite("Pose as a training target")
struct PoseTargetTests {
    static let poseWidth = 3

    /// Toy routines whose pose stream is a function of the tokens (the element and penalty
    /// channels) plus noise, as joint angles follow what the video shows.
    static func examples(count: Int, seed: UInt64) -> [TrainingExample] {
        let rng = RandomSource(seed: seed &+ 100)
        return ToyRoutines.make(count: count, seed: seed).map { e in
            let t = e.tokens, w = ToyRoutines.width
            var pose = [Float]()
            for clip in 0..<t.clipCount {
                let cell = t.values[(clip * t.cellCount) * w ..< (clip * t.cellCount + 1) * w]
                let c = Array(cell)
                pose += [2 * c[0] - c[1], c[3] + 0.5 * c[4], 3 * c[2]].map { $0 + rng.normal(std: 0.05) }
            }
            let tokens = ClipTokens(clipCount: t.clipCount, cellCount: t.cellCount, width: w, values: t.values, pose: pose, poseWidth: poseWidth)
            return TrainingExample(id: e.id, athlete: e.athlete, tokens: tokens, targets: e.targets)
        }
    }

    static func train(_ examples: [TrainingExample], poseTarget: Bool, epochs: Int) throws -> (TrainedModel, [Trainer.EpochReport]) {
        var c = ToyRoutines.configuration()
        if poseTarget { c.poseTargetWidth = poseWidth }
        var reports: [Trainer.EpochReport] = []
        let model = try TrainingTests.trainTiny(examples, epochs: epochs, configuration: c) { reports.append($0) }
        return (model, reports)
    }

    @Test func theNetworkLearnsThePoseAndReadsNoneAtInference() throws {
        let examples = Self.examples(count: 16, seed: 31)
        let (model, reports) = try Self.train(examples, poseTarget: true, epochs: 40)
        // standardised units: predicting the mean costs about 1 per value
        let first = reports.first!.parts.pose, last = reports.last!.parts.pose
        #expect(first > 0.5 && last < 0.35 * first, "pose loss \(first) → \(last)")
        #expect(model.network.poseTarget != nil && model.configuration.poseWidth == 0)
        // inference ignores the pose stream: the same prediction without it, before and after a save
        try TrainingTests.reloaded(model) { (loaded: TrainedModel, _: URL) throws in
            #expect(loaded.configuration.poseTargetWidth == Self.poseWidth)
            for e in examples.prefix(4) {
                let bare = ClipTokens(clipCount: e.tokens.clipCount, cellCount: e.tokens.cellCount, width: e.tokens.width, values: e.tokens.values)
                #expect(try loaded.predict(bare) == model.predict(e.tokens))
            }
        }
    }

    @Test func withoutPoseFilesTheTargetIsAClearError() throws {
        let examples = ToyRoutines.make(count: 4, seed: 32)
        #expect(throws: AssessmentError.self) { try Self.train(examples, poseTarget: true, epochs: 1) }
    }
}
