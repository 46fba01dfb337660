/// Layer normalisation over the last axis with learned scale and shift (PyTorch `nn.LayerNorm`).
public final class LayerNorm: Module {
    /// γ, [width], initialised to 1.
    public let weight: Tensor
    /// β, [width], initialised to 0.
    public let bias: Tensor
    public let epsilon: Float

    public init(_ width: Int, epsilon: Float = 1e-5) {
        weight = .ones([width], requiresGrad: true)
        bias = .zeros([width], requiresGrad: true)
        self.epsilon = epsilon
    }

    // […, width] → […, width]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.layerNorm(gamma: weight, beta: bias, epsilon: epsilon)
    }

    public func parameters() -> [NamedParameter] { [("weight", weight), ("bias", bias)] }
}
