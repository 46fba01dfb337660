import Foundation

/// Elementwise functions: exp, log, sqrt, abs, relu, gelu, tanh, sigmoid.
extension Tensor {
    /// Applies `forward` elementwise; the backward pass multiplies the incoming gradient by
    /// `derivative(x, y)` where y = forward(x).
    @inline(__always)
    func unary(_ forward: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let x = self
        let n = count
        let out = x.data.withUnsafeBufferPointer { px in
            [Float](unsafeUninitializedCapacity: n) { buf, initialized in
                for i in 0..<n { buf[i] = forward(px[i]) }
                initialized = n
            }
        }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.data.withUnsafeBufferPointer { px in
                    y.data.withUnsafeBufferPointer { py in
                        x.withGrad { dx in
                            for i in 0..<n { dx[i] += g[i] * derivative(px[i], py[i]) }
                        }
                    }
                }
            }
        }
    }

    /// eˣ.
    public func exp() -> Tensor { unary({ Foundation.exp($0) }, derivative: { _, y in y }) }

    /// Natural logarithm.
    public func log() -> Tensor { unary({ Foundation.log($0) }, derivative: { x, _ in 1 / x }) }

    /// Square root.
    public func sqrt() -> Tensor { unary({ $0.squareRoot() }, derivative: { _, y in 0.5 / y }) }

    /// |x| (subgradient 0 at 0).
    public func abs() -> Tensor {
        unary({ Swift.abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
    }

    /// x².
    public func squared() -> Tensor { unary({ $0 * $0 }, derivative: { x, _ in 2 * x }) }

    /// max(x, 0).
    public func relu() -> Tensor { unary({ Swift.max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 }) }

    /// Exact GELU, x·Φ(x) with the normal CDF Φ (PyTorch's default `gelu`).
    public func gelu() -> Tensor {
        unary(
            { x in 0.5 * x * (1 + Foundation.erf(x * 0.707_106_77)) },
            derivative: { x, _ in
                let cdf = 0.5 * (1 + Foundation.erf(x * 0.707_106_77))
                let pdf = Foundation.exp(-0.5 * x * x) * 0.398_942_28
                return cdf + x * pdf
            })
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unary({ Foundation.tanh($0) }, derivative: { _, y in 1 - y * y }) }

    /// softplus(x) = log(1 + eˣ), a smooth positive output; computed without overflow.
    public func softplus() -> Tensor {
        unary({ x in Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))) }, derivative: { x, _ in Tensor.sigmoid(x) })
    }

    /// Logistic sigmoid 1 / (1 + e⁻ˣ), computed without overflow for large |x|.
    public func sigmoid() -> Tensor { unary(Tensor.sigmoid, derivative: { _, y in y * (1 - y) }) }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
