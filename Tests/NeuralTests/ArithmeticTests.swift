import Testing
@testable import Neural

@Suite("Elementwise arithmetic and broadcasting")
struct ArithmeticTests {
    /// Shape pairs covering every broadcast path: same, scalar, bias row, and general strides.
    static let shapePairs: [([Int], [Int])] = [
        ([2, 3], [2, 3]), ([2, 3], []), ([], [2, 3]), ([4, 3], [3]), ([3], [4, 3]),
        ([3, 1], [1, 4]), ([2, 3, 4], [3, 1]), ([2, 1, 4], [2, 3, 1]),
    ]

    @Test("broadcast values match an explicit loop", arguments: shapePairs)
    func broadcastValues(_ shapes: ([Int], [Int])) {
        let a = randomTensor(shapes.0, seed: 1), b = randomTensor(shapes.1, seed: 2, low: 0.5, high: 2)
        let plan = BroadcastPlan(a.shape, b.shape)
        // Reference: index arithmetic written out independently.
        let rank = plan.outShape.count
        let pa = [Int](repeating: 1, count: rank - a.rank) + a.shape
        let pb = [Int](repeating: 1, count: rank - b.rank) + b.shape
        var expectedSum = [Float](), expectedQuotient = [Float]()
        for i in 0..<plan.count {
            var rest = i, ia = 0, ib = 0, strideA = 1, strideB = 1
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                let coordinate = rest % plan.outShape[axis]
                rest /= plan.outShape[axis]
                ia += (pa[axis] == 1 ? 0 : coordinate) * strideA
                ib += (pb[axis] == 1 ? 0 : coordinate) * strideB
                strideA *= pa[axis]
                strideB *= pb[axis]
            }
            expectedSum.append(a.data[ia] + b.data[ib])
            expectedQuotient.append(a.data[ia] / b.data[ib])
        }
        expectClose((a + b).data, expectedSum)
        expectClose((a / b).data, expectedQuotient)
    }

    @Test("add gradients", arguments: shapePairs)
    func addGradients(_ shapes: ([Int], [Int])) {
        expectGradients([randomTensor(shapes.0, seed: 3), randomTensor(shapes.1, seed: 4)]) { $0[0] + $0[1] }
    }

    @Test("sub gradients", arguments: shapePairs)
    func subGradients(_ shapes: ([Int], [Int])) {
        expectGradients([randomTensor(shapes.0, seed: 5), randomTensor(shapes.1, seed: 6)]) { $0[0] - $0[1] }
    }

    @Test("mul gradients", arguments: shapePairs)
    func mulGradients(_ shapes: ([Int], [Int])) {
        expectGradients([randomTensor(shapes.0, seed: 7), randomTensor(shapes.1, seed: 8)]) { $0[0] * $0[1] }
    }

    @Test("div gradients", arguments: shapePairs)
    func divGradients(_ shapes: ([Int], [Int])) {
        expectGradients([randomTensor(shapes.0, seed: 9), randomTensor(shapes.1, seed: 10, low: 0.5, high: 2)]) {
            $0[0] / $0[1]
        }
    }

    @Test func scalarOperationGradients() {
        expectGradients([randomTensor([3, 2], seed: 11)]) { ($0[0] * 2.5 + 1) / 4 }
        expectGradients([randomTensor([3, 2], seed: 12)]) { 3 - (-$0[0]) - 0.5 }
    }

    @Test func scalarOperationValues() {
        let x = Tensor(shape: [3], data: [1, -2, 4])
        expectClose((2 * x + 1).data, [3, -3, 9])
        expectClose((1 - x).data, [0, 3, -3])
        expectClose((x / 2).data, [0.5, -1, 2])
    }

    @Test func gradientsAccumulateAcrossUses() {
        // y = x·x + x: dy/dx = 2x + 1, the shared input receives both contributions.
        let x = Tensor(shape: [2], data: [3, -1], requiresGrad: true)
        (x * x + x).sum().backward()
        expectClose(x.grad ?? [], [7, -1])
    }

    @Test func separateBackwardPassesThroughASharedSubgraphAdd() {
        let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
        let shared = x * x  // dshared/dx = 2x
        shared.sum().backward()  // 2x
        shared.scaled(by: 3).sum().backward()  // 6x
        expectClose(x.grad ?? [], [8, 16])
        #expect(shared.grad == nil, "op results release their gradient once propagated")
    }

    @Test func noGradientsAreRecordedWhenDisabled() {
        let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
        let y = Graph.withoutGradients { x * x }
        #expect(!y.requiresGrad)
        #expect(y.backwardFn == nil)
        #expect((x * x).requiresGrad)
    }
}
