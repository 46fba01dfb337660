import Testing
@testable import Neural

@Suite("Shape operations")
struct ShapeOpsTests {
    @Test func reshapeSharesValuesAndInfersExtent() {
        let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        let y = x.reshaped([3, -1])
        #expect(y.shape == [3, 2])
        #expect(y.data == x.data)
        expectGradients([randomTensor([2, 6], seed: 51)]) { $0[0].reshaped([3, 4]) * $0[0].reshaped([3, 4]) }
    }

    @Test func permuteValues() {
        let x = Tensor(shape: [2, 3, 4], data: (0..<24).map(Float.init))
        let y = x.permuted([2, 0, 1])
        #expect(y.shape == [4, 2, 3])
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
            #expect(y.data[(k * 2 + i) * 3 + j] == x.data[(i * 3 + j) * 4 + k])
        } } }
        let t = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]).transposed()
        #expect(t.shape == [3, 2] && t.data == [1, 4, 2, 5, 3, 6])
        let heads = x.permuted([1, 0, 2])  // innermost axis kept: copied in runs
        #expect(heads.data[4..<8] == x.data[12..<16])
    }

    @Test func permuteGradients() {
        let x = randomTensor([2, 3, 4], seed: 52)
        expectGradients([x]) { $0[0].permuted([2, 0, 1]) }
        expectGradients([x]) { $0[0].permuted([1, 0, 2]) }
        expectGradients([x]) { $0[0].transposed() }
        expectGradients([randomTensor([2, 3, 2, 2], seed: 53)]) { $0[0].permuted([0, 2, 1, 3]) }
    }

    @Test func concatAndStack() {
        let a = Tensor(shape: [2, 2], data: [1, 2, 3, 4]), b = Tensor(shape: [2, 1], data: [5, 6])
        let c = Tensor.concat([a, b], axis: 1)
        #expect(c.shape == [2, 3] && c.data == [1, 2, 5, 3, 4, 6])
        let r = Tensor.concat([a, b.transposed()], axis: 0)
        #expect(r.shape == [3, 2] && r.data == [1, 2, 3, 4, 5, 6])
        let s = Tensor.stack([a, a], axis: 1)
        #expect(s.shape == [2, 2, 2] && s.data == [1, 2, 1, 2, 3, 4, 3, 4])
        expectGradients([randomTensor([2, 3], seed: 54), randomTensor([2, 2], seed: 55)]) {
            Tensor.concat([$0[0], $0[1], $0[0]], axis: -1)
        }
        expectGradients([randomTensor([2, 3], seed: 56), randomTensor([1, 3], seed: 57)]) {
            Tensor.concat([$0[0], $0[1]], axis: 0)
        }
        expectGradients([randomTensor([2, 3], seed: 58), randomTensor([2, 3], seed: 59)]) {
            Tensor.stack([$0[0], $0[1]], axis: 0)
        }
    }

    @Test func sliceAndGather() {
        let x = Tensor(shape: [3, 4], data: (0..<12).map(Float.init))
        let s = x.slice(axis: 1, 1..<3)
        #expect(s.shape == [3, 2] && s.data == [1, 2, 5, 6, 9, 10])
        let g = x.gather([2, 0, 2], axis: 0)
        #expect(g.shape == [3, 4] && g.data == [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
        let y = randomTensor([3, 4], seed: 60)
        expectGradients([y]) { $0[0].slice(axis: 1, 1..<3) }
        expectGradients([y]) { $0[0].slice(axis: 0, 2..<3) }
        expectGradients([y]) { $0[0].gather([2, 0, 2, 1], axis: 0) }  // repeats scatter-add
        expectGradients([y]) { $0[0].gather([3, 3, 0], axis: 1) }
    }

    @Test func embeddingLookup() {
        let table = randomTensor([5, 3], seed: 61)
        let e = table.embeddingLookup([4, 1, 1, 0], indexShape: [2, 2])
        #expect(e.shape == [2, 2, 3])
        #expect(Array(e.data[0..<3]) == Array(table.data[12..<15]))
        expectGradients([table]) { $0[0].embeddingLookup([4, 1, 1, 0], indexShape: [2, 2]) }
    }
}
