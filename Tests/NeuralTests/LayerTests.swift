import Foundation
import Testing
@testable import Neural

@Suite("Layers")
struct LayerTests {
    @Test func linearAndLayerNormGradients() {
        let rng = RandomSource(seed: 1)
        let linear = Linear(4, 3, rng: rng)
        let x = randomTensor([2, 5, 4], seed: 2)
        #expect(linear(x).shape == [2, 5, 3])
        expectGradients([x] + linear.parameterTensors) { _ in linear(x) }
        let norm = LayerNorm(4)
        norm.weight.assign([1.5, -0.5, 2, 1])
        norm.bias.assign([0.1, 0.2, -0.3, 0])
        expectGradients([x] + norm.parameterTensors) { _ in norm(x) }
        #expect(linear.parameters().map(\.name) == ["weight", "bias"])
    }

    @Test func embeddingAndMLP() {
        let rng = RandomSource(seed: 3)
        let embedding = Embedding(vocabulary: 6, width: 3, rng: rng)
        #expect(embedding([5, 0, 5]).shape == [3, 3])
        expectGradients(embedding.parameterTensors) { _ in embedding([5, 0, 5, 2], shape: [2, 2]) }
        for activation in Activation.allCases where activation != .relu {
            let mlp = MLP([3, 5, 2], activation: activation, rng: rng)
            expectGradients([randomTensor([4, 3], seed: 4)] + mlp.parameterTensors) { mlp($0[0]) }
        }
        let relu = MLP([3, 5, 2], activation: .relu, dropout: 0.3, rng: rng)
        expectGradients([randomTensor([4, 3], seed: 5, awayFromZero: true)] + relu.parameterTensors) {
            relu($0[0], rng: RandomSource(seed: 6))
        }
        #expect(relu.parameters().map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
    }

    /// Attention written out with loops, per head, for one unbatched call.
    static func referenceAttention(_ mha: MultiHeadAttention, _ q: Tensor, _ kv: Tensor, mask: Tensor?) -> (out: [Float], weights: [Float]) {
        let (nq, nk, d, h) = (q.shape[0], kv.shape[0], mha.width, mha.headCount)
        let dh = d / h
        func project(_ x: Tensor, _ l: Linear) -> [Float] {
            var y = [Float](repeating: 0, count: x.shape[0] * d)
            for r in 0..<x.shape[0] { for o in 0..<d {
                var s = l.bias!.data[o]
                for i in 0..<d { s += x.data[r * d + i] * l.weight.data[o * d + i] }
                y[r * d + o] = s
            } }
            return y
        }
        let (qp, kp, vp) = (project(q, mha.wq), project(kv, mha.wk), project(kv, mha.wv))
        var weights = [Float](repeating: 0, count: h * nq * nk)
        var context = [Float](repeating: 0, count: nq * d)
        for head in 0..<h {
            for i in 0..<nq {
                var scores = (0..<nk).map { j -> Float in
                    var s: Float = 0
                    for c in 0..<dh { s += qp[i * d + head * dh + c] * kp[j * d + head * dh + c] }
                    return s / Float(dh).squareRoot() + (mask?.data[i * nk + j] ?? 0)
                }
                let m = scores.max()!
                scores = scores.map { Foundation.exp($0 - m) }
                let total = scores.reduce(0, +)
                for j in 0..<nk {
                    let w = scores[j] / total
                    weights[(head * nq + i) * nk + j] = w
                    for c in 0..<dh { context[i * d + head * dh + c] += w * vp[j * d + head * dh + c] }
                }
            }
        }
        let out = project(Tensor(shape: [nq, d], data: context), mha.wo)
        return (out, weights)
    }

    @Test func attentionMatchesReference() {
        let mha = MultiHeadAttention(width: 6, heads: 2, rng: RandomSource(seed: 7))
        let q = randomTensor([3, 6], seed: 8), kv = randomTensor([4, 6], seed: 9)
        let mask = MultiHeadAttention.keyMask(queries: 3, keep: [true, false, true, true])
        let result = mha(query: q, key: kv, value: kv, mask: mask)
        let reference = Self.referenceAttention(mha, q, kv, mask: mask)
        #expect(result.output.shape == [3, 6] && result.weights.shape == [2, 3, 4])
        expectClose(result.output.data, reference.out, tolerance: 1e-5)
        expectClose(result.weights.data, reference.weights, tolerance: 1e-6)
        // Masked key gets no weight; rows are distributions; plain rows average the heads.
        #expect(result.weights.data.enumerated().allSatisfy { $0.offset % 4 != 1 || $0.element < 1e-12 })
        let rows = result.meanWeightRows
        #expect(rows.count == 3 && rows.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-5 })
        expectClose(rows[0], (0..<4).map { (result.weights.data[$0] + result.weights.data[12 + $0]) / 2 })
        #expect(result.weightRows(head: 1)[2] == Array(result.weights.data[20..<24]))
    }

    @Test func attentionBatchedMatchesUnbatched() {
        let mha = MultiHeadAttention(width: 4, heads: 2, rng: RandomSource(seed: 10))
        let q = randomTensor([2, 3, 4], seed: 11), kv = randomTensor([2, 5, 4], seed: 12)
        let batched = mha(query: q, key: kv, value: kv)
        #expect(batched.weights.shape == [2, 2, 3, 5])
        for b in 0..<2 {
            let single = mha(query: q.slice(axis: 0, b..<(b + 1)).reshaped([3, 4]),
                             key: kv.slice(axis: 0, b..<(b + 1)).reshaped([5, 4]),
                             value: kv.slice(axis: 0, b..<(b + 1)).reshaped([5, 4]))
            expectClose(Array(batched.output.data[(b * 12)..<((b + 1) * 12)]), single.output.data)
            expectClose(Array(batched.weights.data[(b * 30)..<((b + 1) * 30)]), single.weights.data)
        }
    }

    @Test func attentionGradients() {
        let mha = MultiHeadAttention(width: 4, heads: 2, dropout: 0.2, rng: RandomSource(seed: 13))
        let q = randomTensor([3, 4], seed: 14), kv = randomTensor([5, 4], seed: 15)
        let causal = MultiHeadAttention.causalMask(3)
        // Through the output (with dropout and a mask) and through the weights themselves.
        expectGradients([q, kv] + mha.parameterTensors) {
            mha(query: $0[0], key: $0[1], value: $0[1], rng: RandomSource(seed: 16)).output
        }
        expectGradients([q] + mha.parameterTensors) {
            let r = mha(query: $0[0], key: $0[0], value: $0[0], mask: causal)
            return Tensor.concat([r.output.reshaped([-1]), r.meanWeights.reshaped([-1])], axis: 0)
        }
        let batchedQ = randomTensor([2, 3, 4], seed: 17), batchedKV = randomTensor([2, 2, 4], seed: 18)
        expectGradients([batchedQ, batchedKV]) { mha(query: $0[0], key: $0[1], value: $0[1]).output }
        #expect(MultiHeadAttention.causalMask(3).data == [0, -1e9, -1e9, 0, 0, -1e9, 0, 0, 0])
    }

    @Test func decoderLayerGradients() {
        for residual in [false, true] {
            let layer = TransformerDecoderLayer(width: 4, heads: 2, feedForwardWidth: 6, dropout: 0.1, activation: .gelu,
                                                selfAttentionResidual: residual, rng: RandomSource(seed: 19))
            let queries = randomTensor([3, 4], seed: 20), memory = randomTensor([5, 4], seed: 21)
            let position = Tensor.sinusoidalPositions(length: 3, width: 4)
            expectGradients([queries, memory] + layer.parameterTensors) {
                layer($0[0], memory: $0[1], queryPosition: position, rng: RandomSource(seed: 22)).output
            }
            // The attention-loss path: gradients through A_S and A_C.
            expectGradients([queries, memory]) {
                let r = layer($0[0], memory: $0[1], queryPosition: position)
                return Tensor.concat([r.selfAttention.output, r.crossAttention.output], axis: 0)
            }
        }
    }

    @Test func decoderExposesAttentionAndNames() {
        let decoder = TransformerDecoder(layerCount: 2, width: 8, heads: 4, feedForwardWidth: 16, rng: RandomSource(seed: 23))
        let memory = randomTensor([7, 8], seed: 24)
        let queries = randomTensor([3, 8], seed: 25)
        let mask = MultiHeadAttention.keyMask(queries: 3, keep: [true, true, true, true, true, false, false])
        let result = decoder(queries, memory: memory, memoryMask: mask)
        #expect(result.output.shape == [3, 8] && result.layers.count == 2)
        for layer in result.layers {
            #expect(layer.selfAttention.weights.shape == [4, 3, 3])
            #expect(layer.crossAttention.weights.shape == [4, 3, 7])
            #expect(layer.crossAttention.meanWeightRows.allSatisfy { $0[5] < 1e-12 && $0[6] < 1e-12 })
        }
        let names = decoder.parameters().map(\.name)
        #expect(names.contains("layers.0.cross.wq.weight"))
        #expect(names.contains("layers.1.self.wo.bias"))
        #expect(names.contains("layers.1.ffn.layers.1.weight"))
        #expect(names.contains("norm.bias"))
        #expect(Set(names).count == names.count)
        expectGradients([queries, memory]) { decoder($0[0], memory: $0[1], memoryMask: mask).output }
    }

    @Test func initialisationIsSeeded() {
        let a = TransformerDecoder(layerCount: 1, width: 4, heads: 2, feedForwardWidth: 8, rng: RandomSource(seed: 5))
        let b = TransformerDecoder(layerCount: 1, width: 4, heads: 2, feedForwardWidth: 8, rng: RandomSource(seed: 5))
        let c = TransformerDecoder(layerCount: 1, width: 4, heads: 2, feedForwardWidth: 8, rng: RandomSource(seed: 6))
        #expect(a.parameterTensors.map(\.data) == b.parameterTensors.map(\.data))
        #expect(a.parameterTensors.map(\.data) != c.parameterTensors.map(\.data))
    }

    @Test func gruCellMatchesFormulaAndGradients() {
        let cell = GRUCell(inputSize: 3, hiddenSize: 2, rng: RandomSource(seed: 26))
        let x = randomTensor([1, 3], seed: 27), h = randomTensor([1, 2], seed: 28)
        let out = cell(x, hidden: h)
        // Gate order r, z, n as PyTorch.
        func row(_ w: Tensor, _ b: Tensor, _ v: [Float], _ r: Int) -> Float {
            let n = v.count
            return b.data[r] + (0..<n).reduce(Float(0)) { $0 + w.data[r * n + $1] * v[$1] }
        }
        let sig = { (v: Float) in 1 / (1 + Foundation.exp(-v)) }
        for j in 0..<2 {
            let r = sig(row(cell.weightIH, cell.biasIH, x.data, j) + row(cell.weightHH, cell.biasHH, h.data, j))
            let z = sig(row(cell.weightIH, cell.biasIH, x.data, 2 + j) + row(cell.weightHH, cell.biasHH, h.data, 2 + j))
            let n = Foundation.tanh(row(cell.weightIH, cell.biasIH, x.data, 4 + j) + r * row(cell.weightHH, cell.biasHH, h.data, 4 + j))
            #expect(abs(out.data[j] - ((1 - z) * n + z * h.data[j])) < 1e-6)
        }
        // Three unrolled steps over a batch of 2.
        let xs = randomTensor([3, 2, 3], seed: 29)
        expectGradients([xs] + cell.parameterTensors) { inputs in
            var state = cell.initialState(batch: 2)
            for t in 0..<3 { state = cell(inputs[0].slice(axis: 0, t..<(t + 1)).reshaped([2, 3]), hidden: state) }
            return state
        }
        #expect(cell.parameters().map(\.name) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
    }

    @Test func sinusoidalPositions() {
        let p = Tensor.sinusoidalPositions(length: 3, width: 4)
        expectClose(p.rows[0], [0, 1, 0, 1])
        expectClose(p.rows[2], [Foundation.sin(2), Foundation.cos(2), Foundation.sin(0.02), Foundation.cos(0.02)])
    }
}
