import Testing
@testable import Neural

@Suite("Matrix products")
struct MatMulTests {
    /// Reference product of stored matrices with optional transposes.
    static func reference(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, tA: Bool, tB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]) }
                c[i * n + j] = s
            }
        }
        return c
    }

    @Test("2-D products in all transpose combinations", arguments: [(false, false), (false, true), (true, false), (true, true)])
    func twoDimensional(_ flags: (Bool, Bool)) {
        let (m, k, n) = (3, 4, 5)
        let a = randomTensor(flags.0 ? [k, m] : [m, k], seed: 31)
        let b = randomTensor(flags.1 ? [n, k] : [k, n], seed: 32)
        let c = a.matmul(b, transposeA: flags.0, transposeB: flags.1)
        #expect(c.shape == [m, n])
        expectClose(c.data, Self.reference(a.data, b.data, m: m, k: k, n: n, tA: flags.0, tB: flags.1))
        expectGradients([a, b]) { $0[0].matmul($0[1], transposeA: flags.0, transposeB: flags.1) }
    }

    @Test("batched products", arguments: [(false, false), (false, true), (true, false), (true, true)])
    func batched(_ flags: (Bool, Bool)) {
        let (m, k, n) = (2, 3, 4)
        let a = randomTensor([2, 2] + (flags.0 ? [k, m] : [m, k]), seed: 33)
        let b = randomTensor([2, 2] + (flags.1 ? [n, k] : [k, n]), seed: 34)
        let c = a.matmul(b, transposeA: flags.0, transposeB: flags.1)
        #expect(c.shape == [2, 2, m, n])
        for item in 0..<4 {
            let ai = Array(a.data[(item * m * k)..<((item + 1) * m * k)])
            let bi = Array(b.data[(item * k * n)..<((item + 1) * k * n)])
            let ci = Array(c.data[(item * m * n)..<((item + 1) * m * n)])
            expectClose(ci, Self.reference(ai, bi, m: m, k: k, n: n, tA: flags.0, tB: flags.1))
        }
        expectGradients([a, b]) { $0[0].matmul($0[1], transposeA: flags.0, transposeB: flags.1) }
    }

    @Test func sharedMatrixAcrossBatch() {
        let a = randomTensor([3, 2, 4], seed: 35), w = randomTensor([4, 5], seed: 36)
        let c = a.matmul(w)
        #expect(c.shape == [3, 2, 5])
        expectClose(c.data, Self.reference(a.data, w.data, m: 6, k: 4, n: 5, tA: false, tB: false))
        expectGradients([a, w]) { $0[0].matmul($0[1]) }
        expectGradients([a, randomTensor([5, 4], seed: 37)]) { $0[0].matmul($0[1], transposeB: true) }
        // Shared left matrix, batched right: the shared gradient sums over the batch.
        expectGradients([randomTensor([2, 4], seed: 38), randomTensor([3, 4, 5], seed: 39)]) { $0[0].matmul($0[1]) }
        expectGradients([randomTensor([4, 2], seed: 40), randomTensor([3, 4, 5], seed: 41)]) {
            $0[0].matmul($0[1], transposeA: true)
        }
    }

    @Test func affineMatchesMatmulPlusBias() {
        let x = randomTensor([2, 3, 4], seed: 42), w = randomTensor([5, 4], seed: 43), b = randomTensor([5], seed: 44)
        let y = Tensor.affine(x, weight: w, bias: b)
        #expect(y.shape == [2, 3, 5])
        expectClose(y.data, (x.matmul(w, transposeB: true) + b).data)
        expectGradients([x, w, b]) { Tensor.affine($0[0], weight: $0[1], bias: $0[2]) }
        expectGradients([randomTensor([3, 4], seed: 45), w]) { Tensor.affine($0[0], weight: $0[1], bias: nil) }
    }

    @Test func emptyShapes() {
        let empty = Tensor.zeros([0, 3]).matmul(Tensor.ones([3, 2]))
        #expect(empty.shape == [0, 2] && empty.count == 0)
        let noInner = Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3]))
        #expect(noInner.shape == [2, 3] && noInner.data == [Float](repeating: 0, count: 6))
        let bias = Tensor(shape: [2], data: [1, 2])
        #expect(Tensor.affine(Tensor.zeros([3, 0]), weight: Tensor.zeros([2, 0]), bias: bias).data == [1, 2, 1, 2, 1, 2])
        #expect(Tensor.affine(Tensor.zeros([0, 4]), weight: Tensor.zeros([2, 4]), bias: nil).shape == [0, 2])
    }

    /// Inside `onCallingThreadOnly` OpenBLAS uses one thread and a product still comes out
    /// right; afterwards the thread count is what it was (the report's setting does not leak
    /// into training in the same process).
    @Test func callingThreadOnlyIsScopedAndKeepsResults() {
        let before = BLAS.threadCount
        let (a, b) = ((0..<12).map { Float($0) }, (0..<12).map { Float($0 % 5) - 2 })
        let product = BLAS.onCallingThreadOnly { () -> (Int, [Float]) in
            var c = [Float](repeating: 0, count: 9)
            BLAS.gemm(transposeA: false, transposeB: false, m: 3, n: 3, k: 4, a: a, lda: 4, b: b, ldb: 3, beta: 0, c: &c, ldc: 3)
            return (BLAS.threadCount, c)
        }
        #expect(product.0 == 1)
        #expect(product.1 == Self.reference(a, b, m: 3, k: 4, n: 3, tA: false, tB: false))
        #expect(BLAS.threadCount == before)
    }
}
