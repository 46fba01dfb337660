import Foundation
import RoutineCore

/// Which faults an athlete makes in an element and how big they are: each applicable rubric
/// item occurs with a rate that grows as the athlete's skill falls, with a severity drawn from
/// the item's deductions (larger ones rarer for skilled athletes). Severities map to visible
/// magnitudes in ``Execution``.
public struct FaultModel: Sendable {
    /// Base chance per element that the item occurs, for an athlete of middling skill.
    public var rates: [String: Double] = [
        "head_down": 0.10, "body_line": 0.14, "balance_wobble": 0.30, "bent_arms": 0.22, "hands_down": 0.07,
        "bent_knees": 0.14, "legs_apart": 0.14, "short_split": 0.45, "low_jump": 0.12, "flexed_feet": 0.10,
        "landing_steps": 0.18, "hop": 0.10, "fall": 0.06, "hesitation": 0.10,
    ]
    /// Multiplies every rate (1: the default mix).
    public var scale = 1.0

    public init() {}

    static let landingItems: Set<String> = ["landing_steps", "hop", "hands_down", "fall"]

    /// Draws the faults of one element: (item, deduction) pairs and the execution showing them.
    public func draw(element: String, athlete: Athlete, rubric: Rubric, rng: inout SynthRandom) -> ([String: Double], Execution) {
        var faults: [String: Double] = [:]
        var e = Execution()
        let skillFactor = 0.35 + 1.3 * (1 - athlete.skill)
        var landingChosen = false
        for item in ElementLibrary.possibleFaults(element) {
            guard let rubricItem = rubric.penalty(item) else { continue }
            let p = (rates[item] ?? 0.1) * scale * skillFactor
            guard rng.chance(p) else { continue }
            if Self.landingItems.contains(item) {
                if landingChosen { continue }
                landingChosen = true
            }
            let options = rubricItem.deductions
            // Larger deductions are rarer, more so for skilled athletes.
            let weights = options.indices.map { pow(0.55 + 0.3 * (1 - athlete.skill), Double($0)) }
            var u = rng.uniform(0, weights.reduce(0, +))
            var index = 0
            for (i, w) in weights.enumerated() { if u < w { index = i; break }; u -= w; index = i }
            let deduction = options[index]
            faults[item] = deduction
            apply(item, deduction: deduction, to: &e, rng: &rng)
        }
        return (faults, e)
    }

    /// Sets the visible magnitude of `item` at `deduction`.
    public func apply(_ item: String, deduction d: Double, to e: inout Execution, rng: inout SynthRandom) {
        func by(_ small: Double, _ medium: Double, _ large: Double) -> Double { d < 0.2 ? small : (d < 0.4 ? medium : large) }
        switch item {
        case "bent_knees": e.kneeBend = by(20, 38, 58)
        case "bent_arms": e.elbowBend = by(20, 38, 58)
        case "legs_apart": e.legGap = by(11, 24, 24)
        case "flexed_feet": e.footFlex = by(40, 75, 75)
        case "short_split": e.splitShort = by(28, 55, 80)
        case "body_line": e.bodyLine = by(16, 32, 48) * (rng.chance(0.5) ? 1 : -1)
        case "balance_wobble": e.wobble = by(6, 12, 20)
        case "low_jump": e.heightFactor = by(0.65, 0.4, 0.4)
        case "head_down": e.headDrop = by(28, 55, 55)
        case "landing_steps": e.landing = .steps(d < 0.2 ? 1 : (d < 0.4 ? 2 : 3))
        case "hop": e.landing = .hop(by(0.07, 0.16, 0.16))
        case "hands_down": e.landing = .handsDown
        case "fall": e.landing = .fall
        default: break
        }
    }

    /// Pause of a hesitation before an element (seconds).
    public static func hesitationPause(_ deduction: Double) -> Double { deduction < 0.2 ? 0.9 : 1.8 }
}
