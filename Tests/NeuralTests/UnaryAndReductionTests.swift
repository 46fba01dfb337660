import Foundation
import Testing
@testable import Neural

@Suite("Elementwise functions and reductions")
struct UnaryAndReductionTests {
    @Test func elementwiseGradients() {
        let x = randomTensor([3, 4], seed: 21, low: -2, high: 2)
        let positive = randomTensor([3, 4], seed: 22, low: 0.3, high: 3)
        let kinked = randomTensor([3, 4], seed: 23, awayFromZero: true)
        expectGradients([x]) { $0[0].exp() }
        expectGradients([positive], epsilon: 5e-3) { $0[0].log() }
        expectGradients([positive], epsilon: 5e-3) { $0[0].sqrt() }
        expectGradients([kinked]) { $0[0].abs() }
        expectGradients([kinked]) { $0[0].relu() }
        expectGradients([x]) { $0[0].squared() }
        expectGradients([x]) { $0[0].gelu() }
        expectGradients([x]) { $0[0].tanh() }
        expectGradients([x]) { $0[0].sigmoid() }
        expectGradients([x]) { $0[0].softplus() }
    }

    @Test func elementwiseValues() {
        let x = Tensor(shape: [4], data: [-1, 0, 1, 2])
        expectClose(x.relu().data, [0, 0, 1, 2])
        expectClose(x.gelu().data, [-0.158_655_25, 0, 0.841_344_7, 1.954_499_7])
        expectClose(x.sigmoid().data, [0.268_941_4, 0.5, 0.731_058_6, 0.880_797])
        // log(1 + e^x): torch.nn.functional.softplus
        expectClose(x.softplus().data, [0.313_261_7, 0.693_147_2, 1.313_261_7, 2.126_928])
        expectClose(Tensor(shape: [2], data: [-100, 100]).softplus().data, [0, 100])
        expectClose(x.tanh().data, [-0.761_594_2, 0, 0.761_594_2, 0.964_027_6])
        // Sigmoid must not overflow at extreme inputs.
        let extreme = Tensor(shape: [2], data: [-200, 200]).sigmoid().data
        #expect(extreme[0] >= 0 && extreme[0] < 1e-30 && extreme[1] == 1)
    }

    @Test func sumAndMeanValues() {
        let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        expectClose(x.sum(axis: 0).data, [5, 7, 9])
        expectClose(x.sum(axis: 1).data, [6, 15])
        #expect(x.sum(axis: 1, keepingDims: true).shape == [2, 1])
        #expect(x.sum().scalar == 21)
        expectClose(x.mean(axis: -1).data, [2, 5])
        #expect(x.mean(axes: [0, 1]).scalar == 3.5)
        #expect(x.mean().scalar == 3.5)
    }

    @Test func reductionGradients() {
        let x = randomTensor([2, 3, 4], seed: 24)
        expectGradients([x]) { $0[0].sum(axis: 0) }
        expectGradients([x]) { $0[0].sum(axis: 1, keepingDims: true) }
        expectGradients([x]) { $0[0].sum(axis: -1) }
        expectGradients([x]) { $0[0].sum(axes: [0, 2]) }
        expectGradients([x]) { $0[0].sum() }
        expectGradients([x]) { $0[0].mean(axis: 1) }
        expectGradients([x]) { $0[0].mean(axes: [1, 2], keepingDims: true) }
        expectGradients([x]) { $0[0].mean() }
    }
}
