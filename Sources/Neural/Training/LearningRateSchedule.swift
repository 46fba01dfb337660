import Foundation

/// Learning rate per step: linear warm-up from 0 to `peak`, then constant, linear or cosine
/// decay to `floor` at `totalSteps`.
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Decay: String, Sendable, Equatable {
        case constant, linear, cosine
    }

    public var peak: Float
    public var warmupSteps: Int
    public var totalSteps: Int
    public var decay: Decay
    public var floor: Float

    public init(peak: Float, warmupSteps: Int = 0, totalSteps: Int, decay: Decay = .cosine, floor: Float = 0) {
        precondition(warmupSteps >= 0 && totalSteps >= warmupSteps, "warm-up \(warmupSteps) exceeds \(totalSteps) steps")
        self.peak = peak
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
        self.decay = decay
        self.floor = floor
    }

    /// The rate for step `step` (0-based).
    public func rate(atStep step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = totalSteps - warmupSteps
        let progress = span > 0 ? Swift.min(1, Float(step - warmupSteps) / Float(span)) : 1
        switch decay {
        case .constant:
            return peak
        case .linear:
            return floor + (peak - floor) * (1 - progress)
        case .cosine:
            return floor + (peak - floor) * 0.5 * (1 + Float(Foundation.cos(Double.pi * Double(progress))))
        }
    }

    /// Sets the optimiser's rate for step `step`.
    public func apply(to optimizer: Optimizer, step: Int) {
        optimizer.learningRate = rate(atStep: step)
    }
}
