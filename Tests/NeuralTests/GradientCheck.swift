import Testing
@testable import Neural

/// Outcome of comparing backpropagated gradients with central differences.
struct GradientCheckResult: CustomStringConvertible {
    /// Largest |analytic − numeric| over all checked elements.
    var maxDifference: Float = 0
    /// Largest |analytic − numeric| / max(1, |analytic|, |numeric|).
    var maxRelativeError: Float = 0
    /// Where the largest relative error occurred.
    var worst = (input: 0, index: 0, analytic: Float(0), numeric: Float(0))
    /// Number of elements compared.
    var checked = 0

    var description: String {
        "max |analytic − numeric| = \(maxDifference), max relative error = \(maxRelativeError) "
            + "(input \(worst.input)[\(worst.index)]: analytic \(worst.analytic), numeric \(worst.numeric); \(checked) elements)"
    }
}

/// Checks ∂L/∂inputs for L = Σ w ⊙ f(inputs) with fixed random weights w, comparing
/// backpropagation against central differences (f evaluated in Float, L summed in Double).
func checkGradients(
    _ inputs: [Tensor], epsilon: Float = 1e-2, seed: UInt64 = 99, _ f: ([Tensor]) -> Tensor
) -> GradientCheckResult {
    for x in inputs {
        x.requiresGrad = true
        x.grad = nil
    }
    let output = f(inputs)
    let rng = RandomSource(seed: seed)
    let weights = (0..<output.count).map { _ in rng.uniform(-1, 1) }
    (output * Tensor(shape: output.shape, data: weights)).sum().backward()
    let analytic = inputs.map { $0.grad ?? [Float](repeating: 0, count: $0.count) }

    func loss() -> Double {
        Graph.withoutGradients {
            let y = f(inputs)
            var total: Double = 0
            for (v, w) in zip(y.data, weights) { total += Double(v) * Double(w) }
            return total
        }
    }

    var result = GradientCheckResult()
    for (n, x) in inputs.enumerated() {
        for i in 0..<x.count {
            let saved = x.data[i]
            x.data[i] = saved + epsilon
            let plus = loss()
            x.data[i] = saved - epsilon
            let minus = loss()
            x.data[i] = saved
            let numeric = Float((plus - minus) / (2 * Double(epsilon)))
            let a = analytic[n][i]
            let difference = abs(a - numeric)
            let relative = difference / max(1, abs(a), abs(numeric))
            result.maxDifference = max(result.maxDifference, difference)
            if relative > result.maxRelativeError {
                result.maxRelativeError = relative
                result.worst = (n, i, a, numeric)
            }
            result.checked += 1
        }
    }
    return result
}

/// Expects the gradient check of `f` to pass at float32 tolerance.
func expectGradients(
    _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    let result = checkGradients(inputs, epsilon: epsilon, f)
    #expect(result.checked > 0, "nothing was checked", sourceLocation: sourceLocation)
    #expect(result.maxRelativeError < tolerance, "\(result)", sourceLocation: sourceLocation)
}

/// A seeded random tensor for tests; `awayFromZero` keeps |x| ≥ 0.2 (for kinks at 0).
func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1, awayFromZero: Bool = false) -> Tensor {
    let rng = RandomSource(seed: seed)
    let values = (0..<Tensor.count(of: shape)).map { _ -> Float in
        var v = rng.uniform(low, high)
        if awayFromZero && abs(v) < 0.2 { v += v < 0 ? -0.2 : 0.2 }
        return v
    }
    return Tensor(shape: shape, data: values)
}

/// Expects two float arrays to agree elementwise within `tolerance`.
func expectClose(
    _ a: [Float], _ b: [Float], tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.count == b.count, "counts differ: \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "max difference \(worst): \(a.prefix(8)) vs \(b.prefix(8))", sourceLocation: sourceLocation)
}
