import Foundation

/// A routine's motion laid out in time: segments (elements and transitions), each placed at a
/// start time, position and heading. Evaluates the athlete's pose and root at any time,
/// resolving contact with the support and ballistic flight.
public struct RoutineTimeline: Sendable {
    public struct Segment: Sendable {
        public var motion: Motion
        public var start: Double
        public var origin: Vector3
        /// +1: travelling towards +x; -1: towards -x.
        public var direction: Double
        public var travelScale: Double
    }

    public var athlete: Athlete
    /// The event's support height (beam top, or the floor).
    public var surface: Double
    public var segments: [Segment] = []

    public init(athlete: Athlete, surface: Double) {
        self.athlete = athlete
        self.surface = surface
    }

    public var duration: Double { segments.last.map { $0.start + $0.motion.duration } ?? 0 }

    /// Where the next segment starts.
    public var end: Vector3 {
        guard let s = segments.last else { return .zero }
        let last = s.motion.keys.last!
        return Vector3(s.origin.x + s.direction * last.travel * s.travelScale, 0, s.origin.z + last.side)
    }

    public mutating func append(_ motion: Motion, direction: Double, travelScale: Double = 1) {
        segments.append(Segment(motion: motion, start: duration, origin: end, direction: direction, travelScale: travelScale))
    }

    /// Height of the root above the surface for a key (no modulation), given its contact.
    func groundedRoot(_ pose: BodyPose, contact: Contact) -> Double {
        let s = athlete.skeleton(pose, root: .zero)
        return -athlete.lowestPoint(s, contact: contact)
    }

    /// Pose (with absolute heading) and root position at time `t`.
    public func state(at t: Double) -> (pose: BodyPose, root: Vector3) {
        guard !segments.isEmpty else { return (BodyPose(), .zero) }
        let seg = segments.last { $0.start <= t } ?? segments[0]
        let local = Swift.min(Swift.max(t - seg.start, 0), seg.motion.duration)
        let st = seg.motion.state(at: local)
        var pose = st.pose
        if seg.direction < 0 { pose.yaw += 180 }
        let keys = seg.motion.keys
        let x = seg.origin.x + seg.direction * st.travel * seg.travelScale
        let z = seg.origin.z + st.side

        // Flight: a parabola between the take-off and landing heights.
        for (n, (a, b)) in seg.motion.flights.enumerated() where local > keys[a].t && local < keys[b].t {
            let ya = (keys[a].surface ?? surface) + groundedRoot(keys[a].pose, contact: keys[a].contact == .flight ? .feet : keys[a].contact)
            let yb = (keys[b].surface ?? surface) + groundedRoot(keys[b].pose, contact: keys[b].contact == .flight ? .feet : keys[b].contact)
            let f = (local - keys[a].t) / (keys[b].t - keys[a].t)
            let apex = n < seg.motion.flightHeights.count ? seg.motion.flightHeights[n] : 0.3
            return (pose, Vector3(x, ya + (yb - ya) * f + 4 * apex * f * (1 - f), z))
        }
        // Supported: the chosen contact rests on the surface.
        let i = st.key
        let j = Swift.min(i + 1, keys.count - 1)
        let contact: Contact = keys[i].contact == keys[j].contact ? keys[i].contact : .body
        let surf = (st.fraction < 0.5 ? keys[i].surface : keys[j].surface) ?? surface
        var basePose = pose
        basePose.yaw = 0
        let y = surf + groundedRoot(basePose, contact: contact == .flight ? .body : contact)
        return (pose, Vector3(x, y, z))
    }
}
