import Foundation
import Testing
@testable import Neural

@Suite("Softmax, layer norm, dropout")
struct SoftmaxNormDropoutTests {
    @Test func softmaxIsStableAndNormalised() {
        let x = Tensor(shape: [2, 3], data: [1000, 1001, 1002, -1000, 0, 1000])
        let y = x.softmax()
        #expect(y.data.allSatisfy { $0.isFinite })
        expectClose(y.sum(axis: 1).data, [1, 1])
        expectClose(Array(y.data[0..<3]), [0.090_030_57, 0.244_728_48, 0.665_240_94])
        let logY = x.logSoftmax()
        #expect(logY.data.allSatisfy { $0.isFinite })
        expectClose(logY.data.map { Foundation.exp($0) }, y.data)
        // Along a middle axis.
        let z = randomTensor([2, 3, 2], seed: 71).softmax(axis: 1)
        expectClose(z.sum(axis: 1).data, [1, 1, 1, 1])
    }

    @Test func softmaxGradients() {
        let x = randomTensor([3, 4], seed: 72, low: -3, high: 3)
        expectGradients([x]) { $0[0].softmax() }
        expectGradients([x]) { $0[0].logSoftmax() }
        let cube = randomTensor([2, 3, 2], seed: 73, low: -2, high: 2)
        expectGradients([cube]) { $0[0].softmax(axis: 1) }
        expectGradients([cube]) { $0[0].logSoftmax(axis: 0) }
    }

    @Test func layerNormNormalises() {
        let x = randomTensor([3, 8], seed: 74, low: -5, high: 9)
        let y = x.layerNorm(gamma: .ones([8]), beta: .zeros([8]))
        for row in y.rows {
            let mean = row.reduce(0, +) / 8
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
            #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-3)
        }
    }

    @Test func layerNormGradients() {
        expectGradients([randomTensor([2, 3, 5], seed: 75), randomTensor([5], seed: 76), randomTensor([5], seed: 77)]) {
            $0[0].layerNorm(gamma: $0[1], beta: $0[2])
        }
    }

    @Test func dropoutIsSeededAndScaled() {
        let x = Tensor.ones([1000])
        let a = x.dropout(0.25, rng: RandomSource(seed: 3)).data
        let b = x.dropout(0.25, rng: RandomSource(seed: 3)).data
        #expect(a == b)
        #expect(a.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
        let dropped = a.filter { $0 == 0 }.count
        #expect(dropped > 180 && dropped < 320, "dropped \(dropped) of 1000 at p = 0.25")
        #expect(x.dropout(0.25, rng: nil) === x)
        expectGradients([randomTensor([4, 5], seed: 78)]) { $0[0].dropout(0.4, rng: RandomSource(seed: 9)) }
    }
}
