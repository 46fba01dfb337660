import Neural

/// Mixes each clip with its ±radius neighbours (a width-(2r+1) temporal convolution written as
/// one linear layer over shifted copies, zero-padded at the ends), so a memory token sees the
/// motion around it – a landing step or a wobble spans more than one clip.
public final class TemporalContext: Module {
    public let radius: Int
    public let mix: Linear
    public let norm: LayerNorm

    public init(width: Int, radius: Int, rng: RandomSource) {
        self.radius = radius
        mix = Linear(width * (2 * radius + 1), width, rng: rng)
        norm = LayerNorm(width)
    }

    // [T, d] → [T, d]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard radius > 0 else { return norm(x) }
        let (t, d) = (x.shape[0], x.shape[1])
        var shifted: [Tensor] = []
        for offset in -radius...radius {
            shifted.append(Self.shift(x, by: offset, length: t, width: d))
        }
        let stacked = Tensor.concat(shifted, axis: 1)  // [T, (2r+1)d]
        return norm(x + mix(stacked).gelu())
    }

    /// Row t of the result is row t+offset of x, or zeros outside [0, T).
    static func shift(_ x: Tensor, by offset: Int, length t: Int, width d: Int) -> Tensor {
        if offset == 0 { return x }
        let n = Swift.min(abs(offset), t)
        let pad = Tensor.zeros([n, d])
        if n == t { return Tensor.zeros([t, d]) }
        if offset > 0 {
            return Tensor.concat([x.slice(axis: 0, n..<t), pad], axis: 0)
        } else {
            return Tensor.concat([pad, x.slice(axis: 0, 0..<(t - n))], axis: 0)
        }
    }

    public func parameters() -> [NamedParameter] {
        mix.parameters(prefixedBy: "mix") + norm.parameters(prefixedBy: "norm")
    }
}
