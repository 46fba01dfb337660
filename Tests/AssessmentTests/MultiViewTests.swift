import Foundation
import Neural
import Testing
@testable import Assessment

@Suite("Multi-view fusion")
struct MultiViewTests {
    static func twoViews(_ e: TrainingExample, seed: UInt64) -> TrainingExample {
        // a second "camera": the same signal, a little less noise in some channels, one clip longer
        let rng = RandomSource(seed: seed)
        let t = e.tokens
        let extra = [Float]((0..<(t.cellCount * t.width)).map { _ in rng.normal(std: 0.1) })
        let side = ClipTokens(clipCount: t.clipCount + 1, cellCount: t.cellCount, width: t.width,
                              values: t.values.map { $0 * 0.9 + rng.normal(std: 0.05) } + extra)
        return TrainingExample(id: e.id, athlete: e.athlete, views: [t, side], targets: e.targets)
    }

    @Test func concatenationFusesViewsAndDuplicatesASingleView() throws {
        var c = ToyRoutines.configuration()
        c.viewFusion = .concatenation
        c.views = 2
        let model = AssessmentModel(configuration: c, task: ToyRoutines.task, seed: 4)
        #expect(model.parameter(named: "view_fuse.weight")?.shape == [c.width, 2 * c.width])
        let e = Self.twoViews(ToyRoutines.make(count: 1, seed: 6)[0], seed: 1)
        let both = try model(e.views)
        #expect(both.layers.count == 2 * c.layers)  // each view through the decoder
        #expect(both.queryCount == c.queryCount(forClips: e.tokens.clipCount))  // trimmed to the shorter view
        // the single-view test setting: the one view is duplicated
        let one = try model([e.views[0]])
        let dup = try model([e.views[0], e.views[0]])
        #expect(one.weightScore.headTotals[0].scalar == dup.weightScore.headTotals[0].scalar)
        #expect(one.weightScore.headTotals[0].scalar != both.weightScore.headTotals[0].scalar)
    }

    @Test func batchStrategyAveragesViewsAtInference() throws {
        var c = ToyRoutines.configuration()
        c.viewFusion = .batch
        let network = AssessmentModel(configuration: c, task: ToyRoutines.task, seed: 4)
        let model = TrainedModel(network: network, scoreScale: ScoreScale(mean: 10, std: 0.5),
                                 difficultyScale: ScoreScale(mean: 0.6, std: 0.2), featureVersion: "toy")
        let e = Self.twoViews(ToyRoutines.make(count: 1, seed: 6)[0], seed: 1)
        let t = e.tokens.clipCount
        let a = try model.predict([e.views[0]]), b = try model.predict([e.views[1].trimmed(toClips: t)])
        let both = try model.predict(e.views)
        #expect(abs(both.score - (a.score + b.score) / 2) < 1e-4)
        #expect(abs(both.queries.map(\.contribution).reduce(0, +) - both.score) < 1e-4)
    }

    @Test func batchStrategyTrainsOnEitherView() throws {
        var c = ToyRoutines.configuration()
        c.viewFusion = .batch
        var options = Trainer.Options()
        options.epochs = 2
        options.validationFraction = 0
        let examples = ToyRoutines.make(count: 4, seed: 7).enumerated().map { Self.twoViews($1, seed: UInt64($0)) }
        let model = try Trainer(configuration: c, task: ToyRoutines.task, options: options, featureVersion: "toy").train(examples)
        #expect(try model.predict(examples[0].views).score.isFinite)
    }
}
