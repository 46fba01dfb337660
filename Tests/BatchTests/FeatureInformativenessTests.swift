import Assessment
import Features
import Foundation
import RoutineCore
import Synth
import Testing
import TestSupport
@testable import Batch

/// Issue 5: are the tokens informative before any network sees them? A ridge regression in
/// closed form from mean-pooled tokens to the final score, fitted on the training athletes of
/// 200 synthetic routines and scored on the held-out athletes. Rendering and extracting 200
/// routines takes minutes in a release build and far longer in a debug one, so it runs with
/// `make acceptance` (ROUTINE_ACCEPTANCE=1, release), not in `make test`.
@Suite("Feature informativeness", .enabled(if: ProcessInfo.processInfo.environment["ROUTINE_ACCEPTANCE"] != nil))
struct FeatureInformativenessTests {
    @Test func ridgeOnMeanPooledTokensRanksHeldOutAthletes() throws {
        let dir = try TemporaryDirectory("ridge")
        var rubrics: [String: Rubric] = [:]
        for e in ["floor", "beam", "vault"] { rubrics[e] = try TemplateLocator.rubric(event: e, templates: Fixture.templates) }
        var o = SynthJob.Options(out: dir.url.appendingPathComponent("data"), count: 200, seed: 5)
        o.width = 384
        o.height = 216
        let dataset = try SynthJob(options: o, rubrics: rubrics).run()
        let data = try TrainingData(folder: dataset.folder, rubrics: rubrics, cache: FeatureCache(folder: dir.url.appendingPathComponent("cache")))
        let train = try data.examples(split: "train"), test = try data.examples(split: "test")
        #expect(Set(train.map(\.athlete)).isDisjoint(with: test.map(\.athlete)) && train.count + test.count == 200)
        // λ fixed beforehand at the number of standardised features (each feature's variance is 1).
        let x = train.map { Self.pooled($0.views[0]) }
        let ridge = RidgeRegression(train: x, targets: train.map(\.targets.score), lambda: Double(x[0].count))
        let predicted = test.map { ridge.predict(Self.pooled($0.views[0])) }
        let rho = Metrics.spearman(predicted, test.map(\.targets.score))
        print("ridge ρ on \(test.count) held-out routines: \(rho)")
        #expect(rho >= 0.5, "ridge ρ on \(test.count) held-out routines: \(rho)")
    }

    /// Mean over clips of the T × G × D tokens: G·D values.
    static func pooled(_ t: ClipTokens) -> [Double] {
        let n = t.cellCount * t.width
        var out = [Double](repeating: 0, count: n)
        for c in 0..<t.clipCount { for i in 0..<n { out[i] += Double(t.values[c * n + i]) / Double(t.clipCount) } }
        return out
    }
}

/// Ridge regression on standardised features in its dual closed form,
/// w = Xᵀ(XXᵀ + λI)⁻¹(y − ȳ), solved by Cholesky (fewer routines than features).
struct RidgeRegression {
    let mean: [Double], scale: [Double], rows: [[Double]], alpha: [Double], intercept: Double

    init(train: [[Double]], targets: [Double], lambda: Double) {
        let n = train.count, d = train[0].count
        mean = (0..<d).map { j in train.reduce(0) { $0 + $1[j] } / Double(n) }
        let m = mean
        scale = (0..<d).map { j in
            let v = train.reduce(0) { $0 + ($1[j] - m[j]) * ($1[j] - m[j]) } / Double(n)
            return v > 1e-12 ? v.squareRoot() : 1
        }
        let s = scale
        let rows = train.map { r in (0..<d).map { (r[$0] - m[$0]) / s[$0] } }
        self.rows = rows
        let yMean = targets.reduce(0, +) / Double(n)
        intercept = yMean
        var k = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var dot = 0.0
                for f in 0..<d { dot += rows[i][f] * rows[j][f] }
                k[i][j] = dot + (i == j ? lambda : 0)
                k[j][i] = k[i][j]
            }
        }
        // Cholesky K = LLᵀ, then forward and back substitution.
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = k[i][j]
                for p in 0..<j { sum -= l[i][p] * l[j][p] }
                l[i][j] = i == j ? sum.squareRoot() : sum / l[j][j]
            }
        }
        var z = targets.map { $0 - yMean }
        for i in 0..<n {
            for p in 0..<i { z[i] -= l[i][p] * z[p] }
            z[i] /= l[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for p in (i + 1)..<n { z[i] -= l[p][i] * z[p] }
            z[i] /= l[i][i]
        }
        alpha = z
    }

    func predict(_ x: [Double]) -> Double {
        let z = (0..<x.count).map { (x[$0] - mean[$0]) / scale[$0] }
        var y = intercept
        for (r, a) in zip(rows, alpha) {
            var dot = 0.0
            for f in 0..<z.count { dot += r[f] * z[f] }
            y += a * dot
        }
        return y
    }
}
