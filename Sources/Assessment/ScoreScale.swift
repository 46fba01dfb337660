/// Affine normalisation of a regression target, fitted on the training split and stored with
/// the model: the network works in z = (y − mean) / std.
public struct ScoreScale: Codable, Equatable, Sendable {
    public var mean: Double
    public var std: Double

    public init(mean: Double, std: Double) {
        self.mean = mean
        self.std = std > 1e-6 ? std : 1
    }

    /// Fitted to `values` (std of a single value or of equal values falls back to 1).
    public init(fitting values: [Double]) {
        let n = Double(Swift.max(values.count, 1))
        let m = values.reduce(0, +) / n
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n
        self.init(mean: m, std: v.squareRoot())
    }

    public func normalise(_ y: Double) -> Float { Float((y - mean) / std) }
    public func denormalise(_ z: Float) -> Double { Double(z) * std + mean }
}
