import Foundation

/// One synthetic athlete: proportions, thickness and colours (fixed per athlete, so the
/// split by athlete means something), and the forward kinematics from a ``BodyPose``.
public struct Athlete: Sendable, Equatable {
    public var id: String
    public var name: String
    public var club: String
    public var height: Double
    /// Segment lengths (metres).
    public var thigh: Double, shin: Double, foot: Double, upperArm: Double, forearm: Double, hand: Double
    public var torso: Double, neck: Double, headRadius: Double, hipHalfWidth: Double, shoulderHalfWidth: Double
    /// Capsule radius per metre of height, scaled per athlete.
    public var thickness: Double
    public var leotard: RGB, leotardAccent: RGB, skin: RGB, hair: RGB
    /// Skill in [0, 1]: a skilled athlete makes fewer and smaller faults.
    public var skill: Double

    public struct RGB: Sendable, Equatable {
        public var r: Double, g: Double, b: Double
        public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
    }

    static let firstNames = ["Anna", "Zoë", "Mia", "Lena", "Sofia", "Emma", "Chloé", "Yuki", "Li Na", "Amara", "Ines", "Maja",
                             "Nora", "Elif", "Hana", "Lucía", "Ava", "Freya", "Noor", "Ayla", "Jana", "Mei", "Olga", "Sara"]
    static let lastNames = ["Müller", "Schmidt", "Dubois", "Rossi", "García", "Kowalska", "Tanaka", "Chen", "Okafor", "Novak",
                            "Jensen", "Silva", "Yilmaz", "Petrova", "Haddad", "Kim", "Andersen", "Moreau", "Bauer", "Costa"]
    static let clubs = ["TV Nord", "Gym Club Lyon", "Sokol Praha", "Riverside Gymnastics", "Turnverein Süd", "Club Olímpico"]

    /// Athlete number `index` of a dataset seeded with `seed`.
    public init(index: Int, seed: UInt64) {
        var rng = SynthRandom(seed: seed ^ 0xA7_41E7E, index: index)
        id = String(format: "athlete%03d", index)
        name = "\(rng.pick(Self.firstNames)) \(rng.pick(Self.lastNames))"
        club = rng.pick(Self.clubs)
        height = rng.uniform(1.32, 1.72)
        let h = height
        func vary(_ f: Double) -> Double { f * h * rng.uniform(0.94, 1.06) }
        thigh = vary(0.245); shin = vary(0.246); foot = vary(0.12); upperArm = vary(0.186); forearm = vary(0.146)
        hand = vary(0.09); torso = vary(0.30); neck = vary(0.05); headRadius = vary(0.062)
        hipHalfWidth = vary(0.085); shoulderHalfWidth = vary(0.12)
        thickness = rng.uniform(0.85, 1.2)
        let palette: [RGB] = [RGB(0.80, 0.10, 0.25), RGB(0.10, 0.30, 0.80), RGB(0.45, 0.10, 0.60), RGB(0.05, 0.55, 0.45),
                              RGB(0.90, 0.45, 0.05), RGB(0.10, 0.10, 0.15), RGB(0.85, 0.15, 0.55), RGB(0.20, 0.60, 0.20)]
        leotard = rng.pick(palette)
        leotardAccent = rng.pick(palette)
        let skins: [RGB] = [RGB(0.96, 0.80, 0.69), RGB(0.88, 0.67, 0.52), RGB(0.72, 0.52, 0.38), RGB(0.52, 0.36, 0.25),
                            RGB(0.36, 0.24, 0.17), RGB(0.93, 0.76, 0.62)]
        skin = rng.pick(skins)
        hair = rng.pick([RGB(0.10, 0.07, 0.05), RGB(0.35, 0.22, 0.10), RGB(0.75, 0.60, 0.30), RGB(0.55, 0.20, 0.08), RGB(0.05, 0.05, 0.05)])
        skill = rng.uniform(0, 1)
    }

    /// Capsule radius of a body part (metres).
    public func radius(_ part: BodyPart) -> Double {
        let base: Double
        switch part {
        case .torso: base = 0.075
        case .thigh: base = 0.052
        case .shin: base = 0.038
        case .foot: base = 0.025
        case .upperArm: base = 0.032
        case .forearm: base = 0.026
        case .hand: base = 0.02
        case .neck: base = 0.03
        case .head: return headRadius
        }
        return base * height / 1.55 * thickness
    }
}

/// The drawable parts of the body.
public enum BodyPart: Sendable {
    case torso, thigh, shin, foot, upperArm, forearm, hand, neck, head
}

/// The 17 COCO keypoints plus the points drawing needs (toes, hand tips, head centre, neck,
/// pelvis), in world coordinates.
public struct Skeleton: Sendable {
    public static let cocoNames = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
                                   "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip",
                                   "left_knee", "right_knee", "left_ankle", "right_ankle"]
    /// COCO-17 order.
    public var coco: [Vector3]
    public var toes: [Vector3]
    public var handTips: [Vector3]
    public var headCentre: Vector3
    public var neckBase: Vector3
    public var pelvis: Vector3
    /// Direction the face looks (for drawing the hair on the back of the head).
    public var headForward: Vector3

    public var shoulders: [Vector3] { [coco[5], coco[6]] }
    public var elbows: [Vector3] { [coco[7], coco[8]] }
    public var wrists: [Vector3] { [coco[9], coco[10]] }
    public var hips: [Vector3] { [coco[11], coco[12]] }
    public var knees: [Vector3] { [coco[13], coco[14]] }
    public var ankles: [Vector3] { [coco[15], coco[16]] }

    public func translated(by d: Vector3) -> Skeleton {
        Skeleton(coco: coco.map { $0 + d }, toes: toes.map { $0 + d }, handTips: handTips.map { $0 + d }, headCentre: headCentre + d,
                 neckBase: neckBase + d, pelvis: pelvis + d, headForward: headForward)
    }
}

extension Athlete {
    /// Forward kinematics: joint positions for `pose` with the pelvis at `root`.
    public func skeleton(_ pose: BodyPose, root: Vector3) -> Skeleton {
        let body = Frame3.world.rotated(about: Vector3(0, 1, 0), degrees: pose.yaw)
        let pitched = body.rotated(about: body.left, degrees: pose.pitch)
        let frame = pitched.rotated(about: pitched.forward, degrees: pose.roll)

        // Legs: flexion about the left axis (negative moves the foot forward), abduction outwards.
        var hips: [Vector3] = [], knees: [Vector3] = [], ankles: [Vector3] = [], toes: [Vector3] = []
        for side in 0..<2 {
            let sign = side == 0 ? 1.0 : -1.0
            let hip = root + frame.left * (sign * hipHalfWidth)
            let down = frame.up * -1
            let thighDir = down.rotated(about: frame.left, degrees: -pose.hipFlex[side])
                .rotated(about: frame.forward, degrees: sign * pose.hipAbduction[side])
            let kneeAxis = frame.left.rotated(about: frame.forward, degrees: sign * pose.hipAbduction[side])
            let knee = hip + thighDir * thigh
            let shinDir = thighDir.rotated(about: kneeAxis, degrees: pose.knee[side])
            let ankle = knee + shinDir * shin
            let footDir = shinDir.rotated(about: kneeAxis, degrees: -pose.ankle[side])
            hips.append(hip); knees.append(knee); ankles.append(ankle); toes.append(ankle + footDir * foot)
        }

        // Torso: bent forward/back at the hips and sideways.
        let bent = frame.rotated(about: frame.left, degrees: pose.torsoFlex)
        let torsoFrame = bent.rotated(about: bent.forward, degrees: -pose.torsoSide)
        let neckBase = root + torsoFrame.up * torso
        var shoulders: [Vector3] = [], elbows: [Vector3] = [], wrists: [Vector3] = [], tips: [Vector3] = []
        for side in 0..<2 {
            let sign = side == 0 ? 1.0 : -1.0
            let shoulder = neckBase - torsoFrame.up * (0.035 * height) + torsoFrame.left * (sign * shoulderHalfWidth)
            let down = torsoFrame.up * -1
            let armDir = down.rotated(about: torsoFrame.left, degrees: -pose.shoulderFlex[side])
                .rotated(about: torsoFrame.forward, degrees: sign * pose.shoulderAbduction[side])
            let elbow = shoulder + armDir * upperArm
            let forearmDir = armDir.rotated(about: torsoFrame.left, degrees: -pose.elbow[side])
            let wrist = elbow + forearmDir * forearm
            shoulders.append(shoulder); elbows.append(elbow); wrists.append(wrist); tips.append(wrist + forearmDir * hand)
        }

        // Head: bent forward at the neck.
        let headFrame = torsoFrame.rotated(about: torsoFrame.left, degrees: pose.neckFlex)
        let headCentre = neckBase + headFrame.up * (neck + headRadius)
        let r = headRadius
        let nose = headCentre + headFrame.forward * (0.95 * r) - headFrame.up * (0.1 * r)
        let eyes = [headCentre + headFrame.forward * (0.8 * r) + headFrame.up * (0.2 * r) + headFrame.left * (0.35 * r),
                    headCentre + headFrame.forward * (0.8 * r) + headFrame.up * (0.2 * r) - headFrame.left * (0.35 * r)]
        let ears = [headCentre + headFrame.left * (0.95 * r), headCentre - headFrame.left * (0.95 * r)]

        let coco = [nose, eyes[0], eyes[1], ears[0], ears[1], shoulders[0], shoulders[1], elbows[0], elbows[1], wrists[0], wrists[1],
                    hips[0], hips[1], knees[0], knees[1], ankles[0], ankles[1]]
        return Skeleton(coco: coco, toes: toes, handTips: tips, headCentre: headCentre, neckBase: neckBase, pelvis: root,
                        headForward: headFrame.forward)
    }

    /// Height of the lowest point of the body above the pelvis (negative: below), counting
    /// capsule radii, for the points a contact uses.
    public func lowestPoint(_ s: Skeleton, contact: Contact) -> Double {
        var points: [(Vector3, Double)] = []
        switch contact {
        case .feet:
            points = (s.ankles + s.toes).map { ($0, radius(.foot)) }
        case .hands:
            points = s.handTips.map { ($0, radius(.hand)) }
        case .body, .flight:
            let feet: [(Vector3, Double)] = (s.ankles + s.toes).map { ($0, radius(.foot)) }
            let hands: [(Vector3, Double)] = s.handTips.map { ($0, radius(.hand)) }
            let knees: [(Vector3, Double)] = s.knees.map { ($0, radius(.shin)) }
            let hips: [(Vector3, Double)] = s.hips.map { ($0, radius(.thigh)) }
            let shoulders: [(Vector3, Double)] = s.shoulders.map { ($0, radius(.upperArm)) }
            let elbows: [(Vector3, Double)] = s.elbows.map { ($0, radius(.forearm)) }
            let core: [(Vector3, Double)] = [(s.headCentre, headRadius), (s.pelvis, radius(.torso)), (s.neckBase, radius(.torso))]
            points = feet + hands + knees + hips + shoulders + elbows + core
        }
        return points.map { $0.0.y - $0.1 - s.pelvis.y }.min() ?? 0
    }
}

/// How the body touches its support in a keyframe.
public enum Contact: Sendable, Equatable {
    /// Standing on the feet.
    case feet
    /// Supported on the hands (handstand, vault support).
    case hands
    /// Whatever part is lowest rests on the surface (rolls, falls, cartwheels).
    case body
    /// In the air.
    case flight
}
