/// A stack of `Linear` layers with an activation (and optional dropout) between them; none after
/// the last layer. Parameters are named `layers.0.weight`, `layers.0.bias`, …
public final class MLP: Module {
    public let layers: [Linear]
    public let activation: Activation
    public let dropout: Float

    /// `sizes` = [input, hidden…, output], at least two entries.
    public init(_ sizes: [Int], activation: Activation = .relu, dropout: Float = 0, rng: RandomSource) {
        precondition(sizes.count >= 2, "an MLP needs input and output sizes, got \(sizes)")
        layers = zip(sizes, sizes.dropFirst()).map { Linear($0, $1, rng: rng) }
        self.activation = activation
        self.dropout = dropout
    }

    // […, sizes.first] → […, sizes.last]; dropout only when `rng` is given (training).
    public func callAsFunction(_ x: Tensor, rng: RandomSource? = nil) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 {
                h = activation(h).dropout(dropout, rng: rng)
            }
        }
        return h
    }

    public func parameters() -> [NamedParameter] { namedParameters(of: layers, prefixedBy: "layers") }
}
