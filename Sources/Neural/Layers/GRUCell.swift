/// One step of a gated recurrent unit, laid out as PyTorch's `nn.GRUCell` (gates r, z, n):
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
public final class GRUCell: Module {
    /// [3H, I]
    public let weightIH: Tensor
    /// [3H, H]
    public let weightHH: Tensor
    /// [3H]
    public let biasIH: Tensor
    /// [3H]
    public let biasHH: Tensor

    public var hiddenSize: Int { weightHH.shape[1] }
    public var inputSize: Int { weightIH.shape[1] }

    /// Initialised as PyTorch does: U(−1/√H, 1/√H).
    public init(inputSize: Int, hiddenSize: Int, rng: RandomSource) {
        let bound = 1 / Float(hiddenSize).squareRoot()
        weightIH = .randomUniform([3 * hiddenSize, inputSize], low: -bound, high: bound, rng: rng, requiresGrad: true)
        weightHH = .randomUniform([3 * hiddenSize, hiddenSize], low: -bound, high: bound, rng: rng, requiresGrad: true)
        biasIH = .randomUniform([3 * hiddenSize], low: -bound, high: bound, rng: rng, requiresGrad: true)
        biasHH = .randomUniform([3 * hiddenSize], low: -bound, high: bound, rng: rng, requiresGrad: true)
    }

    // x [N, I], h [N, H] → [N, H]
    public func callAsFunction(_ x: Tensor, hidden h: Tensor) -> Tensor {
        let size = hiddenSize
        let gi = Tensor.affine(x, weight: weightIH, bias: biasIH)  // [N, 3H]
        let gh = Tensor.affine(h, weight: weightHH, bias: biasHH)  // [N, 3H]
        func gate(_ t: Tensor, _ i: Int) -> Tensor { t.slice(axis: -1, (i * size)..<((i + 1) * size)) }
        let r = (gate(gi, 0) + gate(gh, 0)).sigmoid()
        let z = (gate(gi, 1) + gate(gh, 1)).sigmoid()
        let n = (gate(gi, 2) + r * gate(gh, 2)).tanh()
        return n + z * (h - n)
    }

    /// A zero initial state [N, H].
    public func initialState(batch: Int = 1) -> Tensor { .zeros([batch, hiddenSize]) }

    public func parameters() -> [NamedParameter] {
        [("weight_ih", weightIH), ("weight_hh", weightHH), ("bias_ih", biasIH), ("bias_hh", biasHH)]
    }
}
