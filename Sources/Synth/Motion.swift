import Foundation

/// A keyframe of an element: the pose at time `t` (seconds from the element's start), how far
/// the body has travelled along its heading, and how it touches its support.
public struct Key: Sendable {
    public var t: Double
    public var pose: BodyPose
    /// Metres along the heading since the element started.
    public var travel: Double
    public var contact: Contact
    /// Height of the supporting surface (nil: the event's default surface).
    public var surface: Double?
    /// Sideways offset (metres, +z) of the root, e.g. stepping off the beam.
    public var side: Double

    public init(_ t: Double, _ pose: BodyPose, travel: Double = 0, contact: Contact = .feet, surface: Double? = nil, side: Double = 0) {
        self.t = t
        self.pose = pose
        self.travel = travel
        self.contact = contact
        self.surface = surface
        self.side = side
    }
}

/// A pose change applied over a time range after interpolation (e.g. a wobble).
public struct Modulation: Sendable {
    public var start: Double
    public var end: Double
    public var apply: @Sendable (Double, inout BodyPose) -> Void
}

/// The motion of one element (or transition): keyframes, flight apex, modulations, and the
/// labels of what happens when (for the annotations).
public struct Motion: Sendable {
    public var keys: [Key]
    /// Apex above the straight line between take-off and landing heights, per flight phase.
    public var flightHeights: [Double] = []
    public var modulations: [Modulation] = []
    public var duration: Double { keys.last?.t ?? 0 }
    /// Metres travelled by the end.
    public var travel: Double { keys.last?.travel ?? 0 }

    public init(keys: [Key], flightHeights: [Double] = []) {
        self.keys = keys
        self.flightHeights = flightHeights
    }

    /// Appends keys shifted to start at the current end (their `t` and `travel` are relative).
    public mutating func append(_ more: [Key], flightHeights more2: [Double] = []) {
        let (t0, d0) = (duration, travel)
        keys += more.map { var k = $0; k.t += t0; k.travel += d0; return k }
        flightHeights += more2
    }

    static func smooth(_ f: Double) -> Double { f * f * (3 - 2 * f) }

    /// The interpolated pose, travel and side offset at `t`.
    public func state(at t: Double) -> (pose: BodyPose, travel: Double, side: Double, key: Int, fraction: Double) {
        guard let first = keys.first else { return (BodyPose(), 0, 0, 0, 0) }
        if t <= first.t { return (modulated(first.pose, t), first.travel, first.side, 0, 0) }
        for i in 1..<keys.count where t <= keys[i].t {
            let (a, b) = (keys[i - 1], keys[i])
            let raw = b.t > a.t ? (t - a.t) / (b.t - a.t) : 1
            let f = Self.smooth(raw)
            // Travel is linear in time (constant speed between keys reads as natural motion).
            let travel = a.travel + (b.travel - a.travel) * raw
            return (modulated(BodyPose.blend(a.pose, b.pose, f), t), travel, a.side + (b.side - a.side) * f, i - 1, raw)
        }
        let last = keys[keys.count - 1]
        return (modulated(last.pose, t), last.travel, last.side, keys.count - 1, 0)
    }

    func modulated(_ pose: BodyPose, _ t: Double) -> BodyPose {
        var p = pose
        for m in modulations where t >= m.start && t <= m.end { m.apply(t, &p) }
        return p
    }

    /// Flight phases as (take-off key index, landing key index): runs of `.flight` keys
    /// between supported keys.
    public var flights: [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = 0
        while i < keys.count {
            if keys[i].contact == .flight {
                let start = Swift.max(0, i - 1)
                var j = i
                while j < keys.count, keys[j].contact == .flight { j += 1 }
                out.append((start, Swift.min(j, keys.count - 1)))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }
}
