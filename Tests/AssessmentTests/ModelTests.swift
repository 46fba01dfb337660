import Foundation
import Neural
import Testing
@testable import Assessment

@Suite("Assessment model")
struct ModelTests {
    @Test func queryCountFollowsRoutineLength() {
        let c = ModelConfiguration(tokenWidth: 8, cellCount: 4)
        #expect(c.queryCount(forClips: 4) == c.minQueries)
        #expect(c.queryCount(forClips: 22) == 11)  // a 12 s routine: one query per 2 clips
        #expect(c.queryCount(forClips: 225) == c.maxQueries)  // 120 s, capped
    }

    @Test func forwardShapesAndDecomposition() throws {
        let model = AssessmentModel(configuration: ToyRoutines.configuration(), task: ToyRoutines.task, seed: 3)
        let example = ToyRoutines.make(count: 1, seed: 5)[0]
        let out = try model(example.tokens)
        let t = example.tokens.clipCount
        let k = ToyRoutines.configuration().queryCount(forClips: t)
        #expect(out.queryCount == k)
        #expect(out.spatialWeights.shape == [t, ToyRoutines.cells])
        #expect(out.layers.count == 2)
        #expect(out.layers[0].selfAttention.weights.shape == [2, k, k])
        #expect(out.layers[0].crossAttention.weights.shape == [2, k, t])
        #expect(out.penalties.occurrence.shape == [k, 3])
        #expect(out.penalties.severity.shape == [k, 6])
        #expect(out.penalties.clipOccurrence.shape == [t, 3])
        #expect(out.penalties.clipSeverity.shape == [t, 6])
        let w = out.weightScore.weights.data
        #expect(abs(w.reduce(0, +) - 1) < 1e-5)
        // eq. 4: the routine score is Σ wₖ sₖ
        let s = out.weightScore.headScores[0].data
        #expect(abs(zip(w, s).map(*).reduce(0, +) - out.weightScore.headTotals[0].scalar) < 1e-5)
        for row in out.spatialWeights.rows { #expect(abs(row.reduce(0, +) - 1) < 1e-5) }
    }

    @Test func contributionsAddUpToTheScore() throws {
        let network = AssessmentModel(configuration: ToyRoutines.configuration(), task: ToyRoutines.task, seed: 3)
        let model = TrainedModel(network: network, scoreScale: ScoreScale(mean: 10, std: 0.5),
                                 difficultyScale: ScoreScale(mean: 0.6, std: 0.2), featureVersion: "toy")
        let p = try model.predict(ToyRoutines.make(count: 1, seed: 5)[0].tokens)
        // with one score head the contributions sum exactly to the score; with an ensemble the
        // score is the heads' mean, and the queries show the mean head
        #expect(abs(p.queries.map(\.contribution).reduce(0, +) - p.score) < 1e-3)
        #expect(p.scoreLow < p.score && p.score < p.scoreHigh)
        #expect(p.penalties.map(\.item) == ["bent_knees", "fall", "hop"])
        for q in p.queries { #expect(q.start < q.end) }
    }

    @Test func wrongTokenShapeIsAClearError() throws {
        let model = AssessmentModel(configuration: ToyRoutines.configuration(), task: ToyRoutines.task, seed: 3)
        let tokens = ClipTokens(clipCount: 3, cellCount: 2, width: 8, values: [Float](repeating: 0, count: 48))
        #expect(throws: AssessmentError.self) { try model(tokens) }
    }

    @Test func attentionLossDirections() throws {
        var c = ToyRoutines.configuration()
        let model = AssessmentModel(configuration: c, task: ToyRoutines.task, seed: 3)
        let out = try model(ToyRoutines.make(count: 1, seed: 5)[0].tokens)
        let paper = AttentionLoss.total(out.layers, direction: .paper)!.scalar
        let code = AttentionLoss.total(out.layers, direction: .code)!.scalar
        #expect(paper >= 0 && code >= 0)
        #expect(paper != code)
        // by hand for layer 0: KL(softmax(SSᵀ) ‖ softmax(CCᵀ))
        let s = out.layers[0].selfAttention.output, cc = out.layers[0].crossAttention.output
        let ls = Graph.withoutGradients { s.matmul(s, transposeB: true).softmax(axis: -1) }.rows
        let lc = Graph.withoutGradients { cc.matmul(cc, transposeB: true).softmax(axis: -1) }.rows
        var kl = 0.0
        for i in ls.indices { for j in ls[i].indices { kl += Double(ls[i][j]) * log(Double(ls[i][j]) / Double(lc[i][j])) } }
        kl /= Double(ls.count)
        let layer0 = AttentionLoss.total([out.layers[0]], direction: .paper)!.scalar
        #expect(abs(Double(layer0) - kl) < 1e-3 * Swift.max(1, kl))
        c.attentionLossDirection = .code
        _ = c
    }
}
