import Foundation
import Testing
@testable import Neural

@Suite("Losses")
struct LossTests {
    @Test func regressionLosses() {
        let p = Tensor(shape: [2, 2], data: [1, 2, 3, 4]), t = Tensor(shape: [2, 2], data: [0, 2, 5, 3])
        #expect(Loss.mse(p, t).scalar == Float(1 + 0 + 4 + 1) / 4)
        #expect(Loss.l1(p, t).scalar == Float(1 + 0 + 2 + 1) / 4)
        let target = randomTensor([3, 2], seed: 1)
        expectGradients([randomTensor([3, 2], seed: 2)]) { Loss.mse($0[0], target) }
        expectGradients([randomTensor([3, 2], seed: 3, low: 2, high: 3)]) { Loss.l1($0[0], target) }
    }

    @Test func binaryCrossEntropy() {
        let logits = Tensor(shape: [3], data: [0, 2, -100]), targets = Tensor(shape: [3], data: [1, 0, 0])
        let expected: Double = (Foundation.log(2.0) + (2 + Foundation.log1p(Foundation.exp(-2.0)))) / 3
        #expect(abs(Loss.binaryCrossEntropyWithLogits(logits, targets: targets).scalar - Float(expected)) < 1e-6)
        #expect(Loss.binaryCrossEntropyWithLogits(Tensor(shape: [1], data: [500]), targets: Tensor(shape: [1], data: [0])).scalar == 500)
        let soft = randomTensor([2, 3], seed: 4, low: 0, high: 1)
        expectGradients([randomTensor([2, 3], seed: 5, low: -3, high: 3)]) {
            Loss.binaryCrossEntropyWithLogits($0[0], targets: soft)
        }
    }

    @Test func crossEntropyWithIgnoreIndex() {
        let logits = Tensor(shape: [3, 3], data: [1, 2, 3, 0, 0, 0, 5, 1, 1])
        let loss = Loss.crossEntropy(logits, targets: [2, -100, 0])
        let e = { (x: Double) -> Double in Foundation.exp(x) }
        let row0 = -Foundation.log(e(3) / (e(1) + e(2) + e(3)))
        let row2 = -Foundation.log(e(5) / (e(5) + 2 * e(1)))
        #expect(abs(loss.scalar - Float((row0 + row2) / 2)) < 1e-5)
        #expect(Loss.crossEntropy(logits, targets: [-1, -1, -1], ignoreIndex: -1).scalar == 0)
        let x = randomTensor([4, 5], seed: 6, low: -2, high: 2)
        expectGradients([x]) { Loss.crossEntropy($0[0], targets: [3, 0, -100, 4]) }
        x.requiresGrad = true
        x.grad = nil
        Loss.crossEntropy(x, targets: [3, 0, -100, 4]).backward()
        #expect(x.grad![10..<15].allSatisfy { $0 == 0 }, "ignored row receives no gradient")
        expectGradients([randomTensor([2, 2, 3], seed: 7)]) { Loss.crossEntropy($0[0], targets: [0, 1, 2, 1]) }
    }

    @Test func klDivergenceBetweenRowSoftmaxes() {
        let p = randomTensor([3, 4], seed: 8, low: -2, high: 2), q = randomTensor([3, 4], seed: 9, low: -2, high: 2)
        var expected: Double = 0
        for r in 0..<3 {
            let pr = p.rows[r].map { Double(Foundation.exp($0)) }, qr = q.rows[r].map { Double(Foundation.exp($0)) }
            let (sp, sq) = (pr.reduce(0, +), qr.reduce(0, +))
            for j in 0..<4 { expected += pr[j] / sp * Foundation.log((pr[j] / sp) / (qr[j] / sq)) }
        }
        #expect(abs(Double(Loss.klDivergence(pLogits: p, qLogits: q).scalar) - expected / 3) < 1e-5)
        #expect(abs(Loss.klDivergence(pLogits: p, qLogits: p + 3).scalar) < 1e-6, "shift-invariant, zero for equal rows")
        expectGradients([p, q]) { Loss.klDivergence(pLogits: $0[0], qLogits: $0[1]) }
        // The attention loss: KL(softmax(A_S A_Sᵀ) ‖ softmax(A_C A_Cᵀ)) with A [K, d].
        expectGradients([randomTensor([3, 4], seed: 10), randomTensor([3, 4], seed: 11)]) {
            Loss.klDivergence(pLogits: $0[0].matmul($0[0], transposeB: true), qLogits: $0[1].matmul($0[1], transposeB: true))
        }
    }

    @Test func alignmentDistances() {
        let a = Tensor(shape: [2, 2], data: [1, 0, 0, 2]), b = Tensor(shape: [2, 2], data: [2, 0, 1, 0])
        #expect(abs(Loss.cosineDistance(a, b).scalar - 0.5) < 1e-6)  // rows: cos 1 and cos 0
        #expect(abs(Loss.l2Distance(a, b).scalar - Float((1 + 5.0.squareRoot()) / 2)) < 1e-4)
        expectGradients([randomTensor([3, 4], seed: 12), randomTensor([3, 4], seed: 13)]) { Loss.cosineDistance($0[0], $0[1]) }
        expectGradients([randomTensor([3, 4], seed: 14), randomTensor([3, 4], seed: 15)]) { Loss.l2Distance($0[0], $0[1]) }
    }
}
