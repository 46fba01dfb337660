import Neural

/// The decoder's learnable queries (Interpretable long-term AQA §3). A table of S vectors,
/// Gaussian-initialised with a configurable variance; a routine with K queries reads them by
/// linear interpolation over normalised time, so query k of a 6 s routine and of a 120 s one
/// play the same part of the routine and the number of queries can follow the length.
/// Positional encoding (sinusoidal) goes on the queries only, as the paper recommends.
public final class QueryBank: Module {
    /// [S, d]
    public let table: Tensor

    public init(size: Int, width: Int, variance: Float?, rng: RandomSource) {
        let std = (variance ?? 1).squareRoot()
        table = Tensor.randomNormal([size, width], std: std, rng: rng, requiresGrad: true)
    }

    /// [S, d] → [K, d]
    public func queries(count k: Int) -> Tensor {
        Tensor(shape: [k, table.shape[0]], data: Self.interpolation(count: k, size: table.shape[0])).matmul(table)
    }

    /// Rows of a [K, S] matrix that linearly interpolate S samples at K evenly spaced points.
    static func interpolation(count k: Int, size s: Int) -> [Float] {
        var m = [Float](repeating: 0, count: k * s)
        for i in 0..<k {
            let u = k == 1 ? 0 : Float(i) * Float(s - 1) / Float(k - 1)
            let lo = Swift.min(Int(u), s - 1)
            let hi = Swift.min(lo + 1, s - 1)
            let f = u - Float(lo)
            m[i * s + lo] += 1 - f
            m[i * s + hi] += f
        }
        return m
    }

    public func parameters() -> [NamedParameter] { [("table", table)] }
}
