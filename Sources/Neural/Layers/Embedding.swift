/// A learned lookup table from token ids to vectors (PyTorch `nn.Embedding`).
public final class Embedding: Module {
    /// [vocabulary, width], initialised N(0, std²) (N(0, 1) by default).
    public let weight: Tensor

    public init(vocabulary: Int, width: Int, rng: RandomSource, std: Float = 1) {
        weight = .randomNormal([vocabulary, width], std: std, rng: rng, requiresGrad: true)
    }

    // ids [N] → [N, width]; with `shape` S (Π S = N) → [S…, width]
    public func callAsFunction(_ ids: [Int], shape: [Int]? = nil) -> Tensor {
        weight.embeddingLookup(ids, indexShape: shape)
    }

    public func parameters() -> [NamedParameter] { [("weight", weight)] }
}
