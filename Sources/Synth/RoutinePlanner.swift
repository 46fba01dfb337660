import Foundation
import RoutineCore

/// Plans a routine: the elements for the event and level (2–6 with transitions, 6–20 s, or
/// 60–120 s when long), the faults of each, the path on the floor, mat or beam, and the labels.
public struct RoutinePlanner: Sendable {
    public var rubric: Rubric
    public var faults = FaultModel()
    public var long = false

    public init(rubric: Rubric, long: Bool = false) {
        self.rubric = rubric
        self.long = long
    }

    /// Half-length of the usable path for the event (metres either side of the centre).
    var bounds: Double { rubric.event == "beam" ? 2.1 : 3.0 }
    var surface: Double { rubric.event == "beam" ? 1.25 : 0 }
    var travelScale: Double { rubric.event == "beam" ? 0.55 : 1 }

    /// A routine for `athlete` at `level`; `perfect` makes a fault-free execution of `only`
    /// (the exemplars).
    public func plan(id: String, athlete: Athlete, level: Int, rng: inout SynthRandom, only: String? = nil, perfect: Bool = false) -> SyntheticRoutine {
        // A routine longer than the limit is planned again with one element fewer (same draws).
        let limit = long ? 120.0 : 20.0
        var maxElements = long ? 40 : 6
        while true {
            var attempt = rng
            let routine = plan(id: id, athlete: athlete, level: level, rng: &attempt, only: only, perfect: perfect, maxElements: maxElements)
            if routine.duration <= limit || maxElements <= 2 || only != nil {
                rng = attempt
                return routine
            }
            maxElements -= 1
        }
    }

    func plan(id: String, athlete: Athlete, level: Int, rng: inout SynthRandom, only: String?, perfect: Bool, maxElements: Int) -> SyntheticRoutine {
        var timeline = RoutineTimeline(athlete: athlete, surface: surface)
        var elements: [SyntheticRoutine.ElementLabel] = []
        var penalties: [SyntheticRoutine.PenaltyLabel] = []
        let event = rubric.event
        let pool = rubric.elements.filter { $0.level <= level }.map(\.id)
        let top = rubric.elements(level: level).map(\.id)

        // The element list.
        var chosen: [String]
        if let only {
            chosen = [only]
        } else if event == "vault" {
            chosen = [rng.pick(top)]
        } else {
            let count = Swift.min(maxElements, long ? rng.int(22...40) : rng.int(2...6))
            chosen = [rng.pick(top)]
            while chosen.count < count {
                let next = rng.pick(pool)
                if next != chosen.last { chosen.append(next) }
            }
            // The level's element is not always first.
            let k = rng.int(0...(chosen.count - 1))
            chosen.swapAt(0, k)
        }

        // Start: the salute.
        var salute = BodyPose.armsUp
        salute.ankle = [90, 90]
        var opening = Motion(keys: [Key(0, .stand), Key(0.45, salute), Key(0.8, .stand)])
        opening.keys.append(Key(rng.uniform(0.9, 1.3), .stand))
        var x = event == "vault" ? -9.05 : rng.uniform(-bounds * 0.8, -bounds * 0.2)
        var direction = 1.0
        timeline.segments = []
        timeline.append(opening, direction: 1)
        timeline.segments[0].origin = Vector3(x, 0, 0)

        for (n, id) in chosen.enumerated() {
            // Transition: steps and/or a pause, turning round when the path would leave the mat.
            if n > 0 {
                if !perfect, rubric.penalty("hesitation") != nil,
                   rng.chance((faults.rates["hesitation"] ?? 0.1) * faults.scale * (0.35 + 1.3 * (1 - athlete.skill))) {
                    let d = rubric.penalty("hesitation")!.deductions[rng.chance(0.7) ? 0 : min(1, rubric.penalty("hesitation")!.deductions.count - 1)]
                    let pause = FaultModel.hesitationPause(d)
                    let start = timeline.duration
                    var still = BodyPose.stand
                    still.shoulderFlex = [15, 15]
                    timeline.append(Motion(keys: [Key(0, .stand), Key(0.3, still), Key(pause - 0.2, still), Key(pause, .stand)]), direction: direction)
                    penalties.append(.init(item: "hesitation", deduction: d, start: start + 0.15, end: start + pause - 0.1))
                } else {
                    let steps = rng.int(1...3)
                    timeline.append(Motion(keys: ElementLibrary.steps(count: steps, stride: 0.45, stepTime: 0.42, run: false)), direction: direction,
                                    travelScale: travelScale)
                }
            }
            var e = Execution()
            var drawn: [String: Double] = [:]
            if !perfect {
                (drawn, e) = faults.draw(element: id, athlete: athlete, rubric: rubric, rng: &rng)
            }
            let performed = ElementLibrary.perform(id, execution: e, rng: &rng)
            x = timeline.end.x
            let reach = performed.motion.travel * travelScale
            if event != "vault", x + direction * reach > bounds || x + direction * reach < -bounds {
                direction = -direction
                // Turn on the spot.
                var turned = BodyPose.stand
                turned.yaw = 180
                timeline.append(Motion(keys: [Key(0, .stand), Key(0.5, turned)]), direction: -direction)
            }
            let start = timeline.duration
            timeline.append(performed.motion, direction: direction, travelScale: travelScale)
            elements.append(.init(id: id, start: start + performed.core.lowerBound, end: start + performed.core.upperBound))
            for (item, deduction) in drawn.sorted(by: { $0.key < $1.key }) {
                guard let span = performed.faultSpans[item] else { continue }  // not visible here: not a fault
                var count: Int?
                if item == "landing_steps", case let .steps(n) = e.landing { count = n }
                penalties.append(.init(item: item, deduction: deduction, start: start + span.lowerBound, end: start + span.upperBound, count: count))
            }
        }
        // Finish: arms up, then stand; pad short routines with a longer finish.
        var finish = Motion(keys: [Key(0, .stand), Key(0.5, salute), Key(1.2, salute), Key(1.6, .stand)])
        let minimum = only != nil ? 0 : (long ? 60.0 : 6.0)
        if timeline.duration + finish.duration < minimum {
            finish.keys.append(Key(minimum - timeline.duration, .stand))
        }
        timeline.append(finish, direction: direction)

        var sceneRng = rng
        let scene = GymScene(event: event, rng: &sceneRng)
        rng = sceneRng
        let drift = rng.chance(0.5) ? (rng.uniform(3, 12), rng.uniform(0.0, 0.04), rng.uniform(0, 6.28)) : (0.0, 0.0, 0.0)
        return SyntheticRoutine(id: id, athlete: athlete, event: event, level: level, timeline: timeline, elements: elements,
                                penalties: penalties.sorted { $0.start < $1.start }, sleeves: rng.chance(0.4), scene: scene, drift: drift)
    }
}
