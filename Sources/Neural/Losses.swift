import Foundation

/// Training losses. Each returns a scalar tensor, averaged as documented, ready for `backward()`.
public enum Loss {
    /// Mean squared error, mean over all elements.
    public static func mse(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        (prediction - target).squared().mean()
    }

    /// Mean absolute error, mean over all elements.
    public static func l1(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        (prediction - target).abs().mean()
    }

    /// Binary cross-entropy on logits, mean over all elements:
    /// max(x, 0) − x·y + log(1 + e^(−|x|)), stable for any x. `targets` in [0, 1], same shape.
    public static func binaryCrossEntropyWithLogits(_ logits: Tensor, targets: Tensor) -> Tensor {
        precondition(logits.shape == targets.shape, "logits \(logits.shape) and targets \(targets.shape) differ")
        let n = logits.count
        var total: Double = 0
        logits.data.withUnsafeBufferPointer { x in
            targets.data.withUnsafeBufferPointer { y in
                for i in 0..<n {
                    total += Double(Swift.max(x[i], 0) - x[i] * y[i] + Foundation.log1p(Foundation.exp(-Swift.abs(x[i]))))
                }
            }
        }
        return Tensor.result(shape: [], data: [Float(total / Double(Swift.max(n, 1)))], parents: [logits]) { out in
            // ∂/∂x = (σ(x) − y) / n
            let g = out.withIncomingGrad { $0[0] } / Float(Swift.max(n, 1))
            logits.data.withUnsafeBufferPointer { x in
                targets.data.withUnsafeBufferPointer { y in
                    logits.withGrad { dx in
                        for i in 0..<n { dx[i] += g * (Tensor.sigmoid(x[i]) - y[i]) }
                    }
                }
            }
        }
    }

    /// Cross-entropy on logits `[N, C]` (or `[…, C]`, leading axes flattened) against class ids,
    /// mean over the rows whose target is not `ignoreIndex` (0 when every row is ignored).
    public static func crossEntropy(_ logits: Tensor, targets: [Int], ignoreIndex: Int = -100) -> Tensor {
        let classes = logits.shape[logits.rank - 1]
        let rows = logits.count / Swift.max(classes, 1)
        precondition(targets.count == rows, "\(targets.count) targets for \(rows) rows of logits \(logits.shape)")
        for t in targets where t != ignoreIndex {
            precondition(t >= 0 && t < classes, "target \(t) out of range 0..<\(classes)")
        }
        let logProbabilities = Graph.withoutGradients { logits.logSoftmax(axis: -1) }
        let valid = targets.filter { $0 != ignoreIndex }.count
        var total: Double = 0
        for (r, t) in targets.enumerated() where t != ignoreIndex {
            total -= Double(logProbabilities.data[r * classes + t])
        }
        let value = valid > 0 ? Float(total / Double(valid)) : 0
        return Tensor.result(shape: [], data: [value], parents: [logits]) { out in
            guard valid > 0 else { return }
            // ∂/∂x = (softmax(x) − onehot(t)) / valid, zero on ignored rows.
            let g = out.withIncomingGrad { $0[0] } / Float(valid)
            logProbabilities.data.withUnsafeBufferPointer { logP in
                logits.withGrad { dx in
                    for (r, t) in targets.enumerated() where t != ignoreIndex {
                        for c in 0..<classes {
                            dx[r * classes + c] += g * (Foundation.exp(logP[r * classes + c]) - (c == t ? 1 : 0))
                        }
                    }
                }
            }
        }
    }

    /// KL(P ‖ Q) between row distributions P = softmax(pLogits), Q = softmax(qLogits) along the
    /// last axis, summed over each row and averaged over rows. Gradients flow into both sides.
    /// For the attention loss: `klDivergence(A_S·A_Sᵀ, A_C·A_Cᵀ)` with A = attention outputs [K, d].
    public static func klDivergence(pLogits: Tensor, qLogits: Tensor) -> Tensor {
        precondition(pLogits.shape == qLogits.shape, "KL between shapes \(pLogits.shape) and \(qLogits.shape)")
        let logP = pLogits.logSoftmax(axis: -1)
        let logQ = qLogits.logSoftmax(axis: -1)
        let rows = pLogits.count / Swift.max(pLogits.shape[pLogits.rank - 1], 1)
        return (logP.exp() * (logP - logQ)).sum().scaled(by: 1 / Float(Swift.max(rows, 1)))
    }

    /// 1 − cos(a, b) along the last axis, averaged over rows.
    public static func cosineDistance(_ a: Tensor, _ b: Tensor, epsilon: Float = 1e-8) -> Tensor {
        let dot = (a * b).sum(axis: -1)
        let norms = (a.squared().sum(axis: -1) * b.squared().sum(axis: -1)).adding(epsilon).sqrt()
        return (1 - dot / norms).mean()
    }

    /// Euclidean distance ‖a − b‖₂ along the last axis, averaged over rows (ε inside the root
    /// keeps the gradient finite at a = b).
    public static func l2Distance(_ a: Tensor, _ b: Tensor, epsilon: Float = 1e-8) -> Tensor {
        (a - b).squared().sum(axis: -1).adding(epsilon).sqrt().mean()
    }
}
