import Foundation
import Testing
@testable import Neural

@Suite("Optimisers and schedules")
struct OptimizerTests {
    @Test func sgdWithMomentumMatchesUpdateRule() {
        let p = Tensor(shape: [2], data: [1, -2], requiresGrad: true)
        let sgd = SGD([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        p.grad = [0.5, 1]
        sgd.step()
        // v = g + λp; p -= lr·v
        expectClose(p.data, [1 - 0.1 * (0.5 + 0.01), -2 - 0.1 * (1 - 0.02)], tolerance: 1e-6)
        let v1: [Float] = [0.5 + 0.01, 1 - 0.02]
        let before = p.data
        sgd.step()  // same gradient again: v = 0.9·v + g + λp
        let v2 = (0..<2).map { 0.9 * v1[$0] + p.grad![$0] + 0.01 * before[$0] }
        expectClose(p.data, (0..<2).map { before[$0] - 0.1 * v2[$0] }, tolerance: 1e-6)
        sgd.zeroGrad()
        #expect(p.grad == [0, 0])
    }

    @Test func adamWMatchesUpdateRule() {
        let w = Tensor(shape: [1, 2], data: [1, -1], requiresGrad: true)
        let b = Tensor(shape: [1], data: [0.5], requiresGrad: true)
        let adam = AdamW([w, b], learningRate: 0.01, weightDecay: 0.1)
        w.grad = [0.2, -0.4]
        b.grad = [1]
        adam.step()
        // First step: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) after decoupled decay.
        let decayed: [Float] = [1 - 0.01 * 0.1 * 1, -1 + 0.01 * 0.1 * 1]
        expectClose(w.data, [decayed[0] - 0.01, decayed[1] + 0.01], tolerance: 1e-6)
        expectClose(b.data, [0.5 - 0.01], tolerance: 1e-6)  // vectors are not decayed
        #expect(adam.stepCount == 1)
    }

    @Test func adamWMinimisesAQuadratic() {
        let x = Tensor(shape: [3], data: [3, -2, 1], requiresGrad: true)
        let adam = AdamW([x], learningRate: 0.1, weightDecay: 0)
        for _ in 0..<300 {
            adam.zeroGrad()
            (x - Tensor(shape: [3], data: [1, 1, 1])).squared().sum().backward()
            adam.step()
        }
        expectClose(x.data, [1, 1, 1], tolerance: 1e-2)
    }

    @Test func gradientClipping() {
        let a = Tensor(shape: [2], data: [0, 0]), b = Tensor(shape: [1], data: [0])
        a.grad = [3, 0]
        b.grad = [4]
        #expect(clipGradientNorm([a, b], maxNorm: 1) == 5)
        let clipped = (a.grad! + b.grad!).map { Double($0) }
        #expect(abs(clipped.map { $0 * $0 }.reduce(0, +).squareRoot() - 1) < 1e-5)
        #expect(clipGradientNorm([a, b], maxNorm: 10) < 1.0001)
        expectClose(a.grad!, [0.6, 0], tolerance: 1e-5)
    }

    @Test func schedules() {
        let linear = LearningRateSchedule(peak: 1, warmupSteps: 4, totalSteps: 14, decay: .linear, floor: 0.1)
        expectClose((0..<4).map { linear.rate(atStep: $0) }, [0.25, 0.5, 0.75, 1])
        #expect(abs(linear.rate(atStep: 9) - 0.55) < 1e-6)
        #expect(linear.rate(atStep: 14) == 0.1 && linear.rate(atStep: 100) == 0.1)
        let cosine = LearningRateSchedule(peak: 2, warmupSteps: 0, totalSteps: 10, decay: .cosine)
        #expect(cosine.rate(atStep: 0) == 2)
        #expect(abs(cosine.rate(atStep: 5) - 1) < 1e-6)
        #expect(abs(cosine.rate(atStep: 10)) < 1e-6)
        let constant = LearningRateSchedule(peak: 0.3, warmupSteps: 2, totalSteps: 5, decay: .constant)
        #expect(constant.rate(atStep: 0) == 0.15 && constant.rate(atStep: 4) == 0.3)
        let sgd = SGD([], learningRate: 0)
        cosine.apply(to: sgd, step: 5)
        #expect(abs(sgd.learningRate - 1) < 1e-6)
    }
}
