/// Fully connected layer `y = x·Wᵀ + b`, laid out as PyTorch's `nn.Linear` so weights interchange.
public final class Linear: Module {
    /// [out, in]
    public let weight: Tensor
    /// [out]
    public let bias: Tensor?

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    /// Initialised as PyTorch does: U(−1/√in, 1/√in) for weight and bias.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: RandomSource) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = .randomUniform([outFeatures, inFeatures], low: -bound, high: bound, rng: rng, requiresGrad: true)
        self.bias = bias ? .randomUniform([outFeatures], low: -bound, high: bound, rng: rng, requiresGrad: true) : nil
    }

    // […, in] → […, out]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.affine(x, weight: weight, bias: bias)
    }

    public func parameters() -> [NamedParameter] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
