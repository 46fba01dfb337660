import Foundation
import RoutineCore

/// One generated routine: who, what, the motion, and the exact labels.
public struct SyntheticRoutine: Sendable {
    public struct ElementLabel: Sendable {
        public var id: String
        public var start: Double
        public var end: Double
    }

    public struct PenaltyLabel: Sendable {
        public var item: String
        public var deduction: Double
        public var start: Double
        public var end: Double
        public var count: Int?
    }

    public var id: String
    public var athlete: Athlete
    public var event: String
    public var level: Int
    public var timeline: RoutineTimeline
    public var elements: [ElementLabel]
    public var penalties: [PenaltyLabel]
    public var sleeves: Bool
    public var scene: GymScene
    /// Camera drift: amplitude in pixels and zoom, and phase (0 amplitude: static camera).
    public var drift: (amplitude: Double, zoom: Double, phase: Double)
    public var duration: Double { timeline.duration }

    public var deductions: Double { penalties.reduce(0) { $0 + $1.deduction } }
}
