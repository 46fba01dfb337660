import Foundation

/// Gradient-descent optimisers: `step()` and `zeroGrad()` are shared; each optimiser supplies only
/// its update rule.
public protocol Optimizer: AnyObject {
    /// The tensors being trained, in a fixed order (state is kept per index).
    var parameters: [Tensor] { get }
    /// The step size, set each step by a ``LearningRateSchedule`` if one is used.
    var learningRate: Float { get set }
    /// Called once at the start of every `step()` (step counters, bias corrections).
    func beginStep()
    /// Updates parameter number `index` in place from its gradient.
    func update(_ index: Int, value: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>)
}

extension Optimizer {
    /// Applies one update to every parameter that has a gradient.
    public func step() {
        beginStep()
        for (i, p) in parameters.enumerated() where p.grad != nil {
            p.data.withUnsafeMutableBufferPointer { value in
                p.grad!.withUnsafeBufferPointer { gradient in
                    update(i, value: value, gradient: gradient)
                }
            }
        }
    }

    /// Zero-fills every parameter's gradient in place.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}

/// Stochastic gradient descent with momentum and (coupled, L2) weight decay, as PyTorch's `SGD`:
/// g ← g + λ·p;  v ← μ·v + g;  p ← p − lr·v.
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity: [[Float]]

    public init(_ parameters: [Tensor], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        velocity = parameters.map { [Float](repeating: 0, count: momentum > 0 ? $0.count : 0) }
    }

    public func beginStep() {}

    public func update(_ index: Int, value: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>) {
        let (lr, mu, decay) = (learningRate, momentum, weightDecay)
        if mu == 0 {
            for i in 0..<value.count { value[i] -= lr * (gradient[i] + decay * value[i]) }
            return
        }
        velocity[index].withUnsafeMutableBufferPointer { v in
            for i in 0..<value.count {
                v[i] = mu * v[i] + gradient[i] + decay * value[i]
                value[i] -= lr * v[i]
            }
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's `AdamW`:
/// p ← p − lr·λ·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr·m̂ / (√v̂ + ε).
/// Weight decay applies to matrices only (rank ≥ 2); biases and norm scales are not decayed.
public final class AdamW: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    public private(set) var stepCount = 0
    private var firstMoment: [[Float]]
    private var secondMoment: [[Float]]
    private var correction1: Float = 1, correction2: Float = 1

    public init(
        _ parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoment = parameters.map { [Float](repeating: 0, count: $0.count) }
        secondMoment = parameters.map { [Float](repeating: 0, count: $0.count) }
    }

    public func beginStep() {
        stepCount += 1
        correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(stepCount)))
        correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(stepCount)))
    }

    public func update(_ index: Int, value: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>) {
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        let decay = parameters[index].rank >= 2 ? weightDecay : 0
        let stepSize = lr / correction1
        let rootCorrection2 = correction2.squareRoot()
        firstMoment[index].withUnsafeMutableBufferPointer { m in
            secondMoment[index].withUnsafeMutableBufferPointer { v in
                for i in 0..<value.count {
                    let g = gradient[i]
                    value[i] -= lr * decay * value[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    value[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
                }
            }
        }
    }
}

/// Scales all gradients together so that their joint L2 norm is at most `maxNorm`; returns the
/// norm before clipping (PyTorch's `clip_grad_norm_`).
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var squares: Double = 0
    for p in parameters {
        guard let g = p.grad else { continue }
        for v in g { squares += Double(v) * Double(v) }
    }
    let norm = Float(squares.squareRoot())
    if norm > maxNorm && norm > 0 {
        let scale = maxNorm / (norm + 1e-6)
        for p in parameters where p.grad != nil {
            p.grad!.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count { g[i] *= scale }
            }
        }
    }
    return norm
}
