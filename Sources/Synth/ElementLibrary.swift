import Foundation

/// An element as performed: its motion, and for each fault that was applied the time span
/// (seconds from the element's start) in which it is visible.
public struct PerformedElement: Sendable {
    public var id: String
    public var motion: Motion
    /// Fault item id → visible span.
    public var faultSpans: [String: ClosedRange<Double>]
    /// When the element proper starts and ends (after the preparation, before the recovery).
    public var core: ClosedRange<Double>
}

/// The elements of the catalogue as keyframed joint angles and root trajectories: ballistic
/// flights for jumps, saltos and vaults, rotations for rolls and cartwheels, holds for balances.
/// Faults are applied to the keys marked as judged, so each fault shows exactly where the
/// rubric says it can occur, and its span is recorded.
public enum ElementLibrary {
    /// Which faults an element can show (rubric item ids).
    public static func possibleFaults(_ id: String) -> [String] {
        let landingItems = ["landing_steps", "hop", "hands_down", "fall"]
        switch id {
        case "straight_jump", "tuck_jump", "pike_jump", "straddle_jump":
            return ["head_down", "body_line", "bent_knees", "legs_apart", "low_jump", "flexed_feet"] + landingItems
                .filter { $0 != "hands_down" || id != "straight_jump" }
        case "split_leap": return ["head_down", "bent_knees", "short_split", "low_jump", "flexed_feet", "landing_steps", "fall"]
        case "forward_roll", "backward_roll": return ["head_down", "legs_apart", "flexed_feet"]
        case "cartwheel": return ["bent_arms", "bent_knees", "flexed_feet", "body_line"]
        case "round_off": return ["bent_arms", "bent_knees", "legs_apart", "flexed_feet"] + landingItems
        case "handstand": return ["bent_arms", "body_line", "bent_knees", "legs_apart", "flexed_feet", "balance_wobble"]
        case "front_tuck", "back_tuck": return ["head_down", "bent_knees", "legs_apart", "low_jump", "flexed_feet"] + landingItems
        case "arabesque": return ["head_down", "bent_knees", "flexed_feet", "balance_wobble"]
        case "half_turn": return ["head_down", "bent_knees", "balance_wobble"]
        case "squat_vault", "straddle_vault", "handspring_vault", "handspring_tuck":
            return ["head_down", "body_line", "bent_arms", "bent_knees", "legs_apart", "low_jump", "flexed_feet"] + landingItems
        default: return []
        }
    }

    /// Elements with a landing from flight (where landing faults and landing wobble belong).
    public static func hasLanding(_ id: String) -> Bool { possibleFaults(id).contains("landing_steps") }

    // MARK: - Building blocks

    static func stand(_ t: Double, travel: Double = 0) -> Key { Key(t, .stand, travel: travel) }

    /// Walking or running steps along the heading.
    public static func steps(count: Int, stride: Double, stepTime: Double, run: Bool) -> [Key] {
        var keys: [Key] = [stand(0)]
        for i in 0..<count {
            var p = BodyPose()
            let lead = i % 2
            p.hipFlex[lead] = run ? 40 : 22
            p.hipFlex[1 - lead] = run ? -25 : -12
            p.knee[1 - lead] = run ? 70 : 20
            p.knee[lead] = run ? 15 : 5
            p.shoulderFlex[1 - lead] = run ? 45 : 20
            p.shoulderFlex[lead] = run ? -35 : -15
            p.elbow = run ? [80, 80] : [10, 10]
            p.torsoFlex = run ? 10 : 2
            keys.append(Key(Double(i) * stepTime + stepTime * 0.5, p, travel: stride * (Double(i) + 0.5), contact: .feet))
        }
        keys.append(stand(Double(count) * stepTime, travel: stride * Double(count)))
        return keys
    }

    /// The keys after a landing at the element's end: recovery, or the landing fault.
    static func landing(_ outcome: Execution.Landing, wobble: Double, rng: inout SynthRandom) -> (keys: [Key], span: (String, ClosedRange<Double>)?) {
        var keys: [Key] = []
        switch outcome {
        case .stuck:
            keys = [Key(0.35, .landing), stand(0.75)]
            return (keys, nil)
        case let .steps(n):
            keys = [Key(0.3, .landing)]
            var t = 0.3
            for i in 0..<n {
                var p = BodyPose.landing
                p.hipFlex[i % 2] = 10
                p.hipFlex[1 - i % 2] = 60
                p.knee[1 - i % 2] = 40
                p.shoulderAbduction = [60, 60]
                t += 0.32
                keys.append(Key(t, p, travel: 0.28 * Double(i + 1)))
            }
            keys.append(stand(t + 0.4, travel: 0.28 * Double(n)))
            return (keys, ("landing_steps", 0.3...(t + 0.2)))
        case let .hop(h):
            var up = BodyPose.landing
            up.knee = [20, 20]; up.hipFlex = [15, 15]; up.ankle = [40, 40]
            keys = [Key(0.3, .landing), Key(0.45, up, contact: .flight), Key(0.62, .landing, travel: 0.15), stand(1.0, travel: 0.15)]
            _ = h
            return (keys, ("hop", 0.3...0.7))
        case .handsDown:
            var down = BodyPose.crouch
            down.knee = [120, 120]; down.hipFlex = [110, 110]; down.torsoFlex = 45; down.shoulderFlex = [70, 70]
            keys = [Key(0.3, .landing), Key(0.6, down, contact: .body), Key(1.0, down, contact: .body), stand(1.6)]
            return (keys, ("hands_down", 0.45...1.2))
        case .fall:
            var sit = BodyPose()
            sit.pitch = -15; sit.hipFlex = [85, 85]; sit.knee = [10, 10]; sit.shoulderFlex = [70, 70]; sit.ankle = [60, 60]
            var lie = sit
            lie.pitch = -75; lie.hipFlex = [60, 60]; lie.knee = [50, 50]; lie.neckFlex = 25
            keys = [Key(0.25, .landing), Key(0.6, sit, travel: -0.2, contact: .body), Key(0.9, lie, travel: -0.25, contact: .body),
                    Key(1.6, sit, travel: -0.25, contact: .body), Key(2.1, .crouch, travel: -0.2, contact: .feet), stand(2.6, travel: -0.2)]
            return (keys, ("fall", 0.25...2.1))
        }
    }

    // MARK: - Elements

    /// Builds element `id` performed with `execution`. `surface` is the height of the support.
    public static func perform(_ id: String, execution e: Execution, rng: inout SynthRandom) -> PerformedElement {
        var keys: [Key] = []
        var heights: [Double] = []
        var judged = Set<Int>()  // indices of keys where form faults apply
        var holdRange: ClosedRange<Double>?
        var landingAt: Double?
        func add(_ k: Key, judge: Bool = false) {
            if judge { judged.insert(keys.count) }
            keys.append(k)
        }

        switch id {
        case "straight_jump", "tuck_jump", "pike_jump", "straddle_jump":
            var shape: BodyPose
            switch id {
            case "tuck_jump": shape = .tuck
            case "pike_jump": shape = .pike
            case "straddle_jump": shape = .straddle
            default: shape = .straightAir
            }
            var takeoff = BodyPose.straightAir
            takeoff.ankle = [30, 30]
            add(stand(0)); add(Key(0.35, .crouch)); add(Key(0.55, takeoff, contact: .feet), judge: true)
            add(Key(0.72, shape, contact: .flight), judge: true); add(Key(0.86, shape, contact: .flight), judge: true)
            add(Key(1.02, .straightAir, contact: .flight), judge: true); add(Key(1.12, .landing))
            heights = [0.45 * e.heightFactor]
            landingAt = 1.12
        case "split_leap":
            keys = steps(count: 2, stride: 0.7, stepTime: 0.3, run: true)
            keys.removeLast()
            var push = BodyPose.split
            push.hipFlex = [50, -20]; push.knee = [10, 0]
            add(Key(0.65, push, travel: 1.3)); add(Key(0.85, .split, travel: 1.9, contact: .flight), judge: true)
            add(Key(1.0, .split, travel: 2.4, contact: .flight), judge: true)
            var land = BodyPose.landing
            land.hipFlex = [60, 10]; land.knee = [50, 20]
            add(Key(1.15, land, travel: 2.8))
            heights = [0.35 * e.heightFactor]
            landingAt = 1.15
        case "forward_roll", "backward_roll":
            let dir = id == "forward_roll" ? 1.0 : -1.0
            var squat = BodyPose.crouch
            squat.shoulderFlex = [100, 100]; squat.knee = [130, 130]; squat.hipFlex = [110, 110]
            var ball = BodyPose.tuck
            ball.neckFlex = 40; ball.ankle = [15, 15]
            add(stand(0)); add(Key(0.4, squat, contact: .feet))
            for i in 1...4 {
                var p = ball
                p.pitch = dir * 90 * Double(i)
                add(Key(0.4 + 0.22 * Double(i), p, travel: dir * 0.3 * Double(i), contact: .body), judge: true)
            }
            var up = squat
            up.pitch = dir * 360
            add(Key(1.55, up, travel: dir * 1.3)); add(Key(1.95, .armsUp, travel: dir * 1.3))
        case "cartwheel", "round_off":
            var lunge = BodyPose.armsUp
            lunge.hipFlex = [45, -10]; lunge.knee = [30, 0]; lunge.yaw = 0
            var wheel = BodyPose.armsUp
            wheel.hipAbduction = [45, 45]; wheel.ankle = [15, 15]; wheel.yaw = 90
            add(stand(0)); add(Key(0.35, lunge, travel: 0.3))
            for i in 1...3 {
                var p = wheel
                p.roll = 90 * Double(i)
                if id == "round_off", i >= 2 { p.hipAbduction = [5, 5]; p.yaw = 90 + 45 * Double(i - 1) }
                add(Key(0.35 + 0.2 * Double(i), p, travel: 0.3 + 0.5 * Double(i), contact: i == 2 ? .hands : .body), judge: true)
            }
            if id == "round_off" {
                var snap = BodyPose.straightAir
                snap.yaw = 180; snap.roll = 360
                add(Key(1.15, snap, travel: 2.0, contact: .flight), judge: true)
                var land = BodyPose.landing
                land.yaw = 180; land.roll = 360
                add(Key(1.3, land, travel: 2.2))
                heights = [0.2 * e.heightFactor]
                landingAt = 1.3
            } else {
                var finish = BodyPose.armsSide
                finish.yaw = 90; finish.roll = 360; finish.hipAbduction = [25, 25]
                add(Key(1.3, finish, travel: 2.1, contact: .body)); var end = BodyPose.stand; end.yaw = 90; end.roll = 360
                add(Key(1.7, end, travel: 2.2))
            }
        case "handstand":
            var lunge = BodyPose.armsUp
            lunge.hipFlex = [50, -5]; lunge.knee = [35, 0]
            var kick = BodyPose.armsUp
            kick.pitch = 100; kick.hipFlex = [-10, 60]; kick.ankle = [15, 15]
            var hand = BodyPose.armsUp
            hand.pitch = 180; hand.ankle = [15, 15]
            add(stand(0)); add(Key(0.4, lunge, travel: 0.35)); add(Key(0.7, kick, travel: 0.9, contact: .hands))
            add(Key(0.95, hand, travel: 1.0, contact: .hands), judge: true)
            add(Key(1.95, hand, travel: 1.0, contact: .hands), judge: true)
            holdRange = 0.95...1.95
            var down = kick
            down.hipFlex = [60, -10]
            add(Key(2.25, down, travel: 1.0, contact: .hands)); var back = lunge; back.pitch = 360
            add(Key(2.6, back, travel: 1.45)); var end = BodyPose.armsUp; end.pitch = 360
            add(Key(2.9, end, travel: 1.5))
        case "front_tuck", "back_tuck":
            let dir = id == "front_tuck" ? 1.0 : -1.0
            var travel = 0.0
            if dir > 0 {
                keys = steps(count: 2, stride: 0.8, stepTime: 0.28, run: true)
                keys.removeLast()
                travel = 1.6
            } else {
                add(stand(0))
            }
            let t0 = keys.last!.t
            add(Key(t0 + 0.3, .crouch, travel: travel + 0.1 * dir))
            var takeoff = BodyPose.straightAir
            takeoff.pitch = dir * 20; takeoff.ankle = [30, 30]
            add(Key(t0 + 0.48, takeoff, travel: travel + 0.2 * dir), judge: true)
            for (i, f) in [0.25, 0.5, 0.75].enumerated() {
                var p = BodyPose.tuck
                p.pitch = dir * (20 + 320 * f)
                p.ankle = [15, 15]
                add(Key(t0 + 0.48 + 0.16 * Double(i + 1), p, travel: travel + dir * (0.2 + 0.6 * f), contact: .flight), judge: true)
            }
            var open = BodyPose.straightAir
            open.pitch = dir * 350
            add(Key(t0 + 1.1, open, travel: travel + dir * 0.75, contact: .flight), judge: true)
            var land = BodyPose.landing
            land.pitch = dir * 360
            add(Key(t0 + 1.2, land, travel: travel + dir * 0.85))
            heights = [0.75 * e.heightFactor]
            landingAt = t0 + 1.2
        case "arabesque":
            var pose = BodyPose.armsSide
            pose.hipFlex = [0, -80]; pose.torsoFlex = 35; pose.ankle = [90, 15]; pose.neckFlex = -10
            add(stand(0)); add(Key(0.5, pose, travel: 0.3), judge: true); add(Key(2.5, pose, travel: 0.3), judge: true)
            add(stand(3.0, travel: 0.45))
            holdRange = 0.5...2.5
        case "half_turn":
            var releve = BodyPose.armsUp
            releve.ankle = [40, 40]
            var turned = releve
            turned.yaw = 180
            add(stand(0)); add(Key(0.35, releve), judge: true); add(Key(1.15, turned), judge: true)
            add(Key(1.75, turned), judge: true); var end = BodyPose.stand; end.yaw = 180; add(Key(2.1, end))
            holdRange = 1.15...1.75
        case "squat_vault", "straddle_vault", "handspring_vault", "handspring_tuck":
            keys = steps(count: 6, stride: 1.1, stepTime: 0.24, run: true)
            keys.removeLast()
            let t0 = keys.last!.t
            let x0 = 6.6  // distance run; the springboard is next
            var hurdle = BodyPose.straightAir
            hurdle.hipFlex = [30, 30]; hurdle.knee = [40, 40]; hurdle.shoulderFlex = [-20, -20]
            add(Key(t0 + 0.2, hurdle, travel: x0 + 0.7, contact: .flight))
            var board = BodyPose.straightAir
            board.ankle = [60, 60]; board.pitch = 10
            add(Key(t0 + 0.36, board, travel: x0 + 1.1, surface: 0.12), judge: true)
            var reach = BodyPose.armsUp
            reach.pitch = id.hasPrefix("handspring") ? 80 : 40
            reach.ankle = [15, 15]
            add(Key(t0 + 0.62, reach, travel: x0 + 2.0, contact: .flight), judge: true)
            var support: BodyPose
            switch id {
            case "squat_vault": support = .tuck; support.pitch = 40; support.shoulderFlex = [110, 110]; support.elbow = [0, 0]
            case "straddle_vault": support = .straddle; support.pitch = 50; support.shoulderFlex = [100, 100]; support.shoulderAbduction = [0, 0]
            default: support = .straightAir; support.pitch = 180
            }
            add(Key(t0 + 0.8, support, travel: x0 + 2.45, contact: .hands, surface: 1.2), judge: true)
            var after = support
            after.pitch = id.hasPrefix("handspring") ? (id == "handspring_tuck" ? 300 : 250) : 20
            if id == "handspring_tuck" { after = .tuck; after.pitch = 400 }
            add(Key(t0 + 1.05, after, travel: x0 + 3.2, contact: .flight), judge: true)
            var land = BodyPose.landing
            land.pitch = id.hasPrefix("handspring") ? (id == "handspring_tuck" ? 720 : 360) : 0
            var open = BodyPose.straightAir
            open.pitch = land.pitch - 15
            add(Key(t0 + 1.3, open, travel: x0 + 3.9, contact: .flight), judge: true)
            add(Key(t0 + 1.42, land, travel: x0 + 4.2))
            heights = [0.25, 0.1, 0.55 * e.heightFactor]
            landingAt = t0 + 1.42
        default:
            add(stand(0)); add(stand(1.0))
        }

        // Form faults on the judged keys.
        var spans: [String: ClosedRange<Double>] = [:]
        func mark(_ item: String, _ i: Int) {
            let a = keys[Swift.max(0, i - 1)].t, b = keys[Swift.min(keys.count - 1, i + 1)].t
            let lo = (a + keys[i].t) / 2, hi = (b + keys[i].t) / 2
            if let s = spans[item] { spans[item] = Swift.min(s.lowerBound, lo)...Swift.max(s.upperBound, hi) } else { spans[item] = lo...hi }
        }
        for i in judged.sorted() {
            var p = keys[i].pose
            for s in 0..<2 {
                if e.kneeBend > 0, p.knee[s] < 30 { p.knee[s] += e.kneeBend; mark("bent_knees", i) }
                if e.elbowBend > 0, p.elbow[s] < 20, p.shoulderFlex[s] > 100 || keys[i].contact == .hands {
                    p.elbow[s] += e.elbowBend; mark("bent_arms", i)
                }
                if e.legGap > 0, p.hipAbduction[s] < 10, abs(p.hipFlex[0] - p.hipFlex[1]) < 30 { p.hipAbduction[s] += e.legGap; mark("legs_apart", i) }
                if e.footFlex > 0, p.ankle[s] < 40 { p.ankle[s] += e.footFlex; mark("flexed_feet", i) }
            }
            if e.splitShort > 0, p.hipFlex[0] - p.hipFlex[1] > 120 {
                p.hipFlex[0] -= e.splitShort * 0.55; p.hipFlex[1] += e.splitShort * 0.45; mark("short_split", i)
            }
            if e.bodyLine != 0, abs(p.hipFlex[0]) < 25, abs(p.hipFlex[1]) < 25, p.knee[0] < 40 {
                p.torsoFlex += e.bodyLine; p.hipFlex = [p.hipFlex[0] + e.bodyLine * 0.6, p.hipFlex[1] + e.bodyLine * 0.6]; mark("body_line", i)
            }
            if e.headDrop > 0 { p.neckFlex += e.headDrop; mark("head_down", i) }
            keys[i].pose = p
        }
        if e.heightFactor < 1, let landingAt, let first = keys.firstIndex(where: { $0.contact == .flight }) {
            spans["low_jump"] = keys[Swift.max(0, first - 1)].t...landingAt
        }
        let coreStart = keys[judged.min() ?? 0].t
        var coreEnd = keys[judged.max() ?? (keys.count - 1)].t
        var motion = Motion(keys: keys, flightHeights: heights)

        // Balance wobble: in the hold, or on the landing.
        if e.wobble > 0 {
            let range: ClosedRange<Double>
            if let holdRange { range = holdRange } else if let landingAt { range = landingAt...(landingAt + 0.7) } else { range = coreStart...coreEnd }
            let amplitude = e.wobble
            motion.modulations.append(Modulation(start: range.lowerBound, end: range.upperBound) { t, pose in
                let s = sin(2 * .pi * 2.2 * (t - range.lowerBound))
                pose.torsoSide += amplitude * s
                pose.shoulderAbduction[0] += amplitude * 2.5 * max(0, s)
                pose.shoulderAbduction[1] += amplitude * 2.5 * max(0, -s)
            })
            spans["balance_wobble"] = range
        }
        if let landingAt {
            let (more, span) = landing(e.landing, wobble: e.wobble, rng: &rng)
            let start = landingAt
            motion.keys += more.map { var k = $0; k.t += start; k.travel += keys.last!.travel; return k }
            if let (item, range) = span { spans[item] = (range.lowerBound + start)...(range.upperBound + start) }
            coreEnd = landingAt
        }
        // The hop's second flight.
        if case let .hop(h) = e.landing { motion.flightHeights.append(h) }
        return PerformedElement(id: id, motion: motion, faultSpans: spans, core: coreStart...Swift.max(coreStart, coreEnd))
    }
}
