/// Joint angles of the athlete in degrees, plus the root's orientation. Zero is standing
/// upright, arms down, legs together, feet pointed down (relevé-neutral). Left/right pairs are
/// indexed 0 = left, 1 = right.
public struct BodyPose: Equatable, Sendable {
    /// Turn about the vertical axis (0: facing +x, the direction of travel).
    public var yaw = 0.0
    /// Somersault rotation about the body's left axis (positive: forward rotation, head first).
    public var pitch = 0.0
    /// Cartwheel rotation about the body's forward axis (positive: towards the right).
    public var roll = 0.0
    /// Upper body bent forward at the hips (pike, positive) or back (arch, negative).
    public var torsoFlex = 0.0
    /// Upper body leaning sideways (balance wobble), positive to the left.
    public var torsoSide = 0.0
    /// Head bent forward (chin to chest).
    public var neckFlex = 0.0
    /// Arm raised forward/up in the sagittal plane (180: overhead).
    public var shoulderFlex = [0.0, 0.0]
    /// Arm raised sideways (90: horizontal).
    public var shoulderAbduction = [0.0, 0.0]
    public var elbow = [0.0, 0.0]
    /// Leg swung forward (negative: backwards).
    public var hipFlex = [0.0, 0.0]
    /// Leg opened sideways.
    public var hipAbduction = [0.0, 0.0]
    public var knee = [0.0, 0.0]
    /// Foot angle to the shin: 90 flat as in standing (and flexed in the air), about 15
    /// pointed (in line with the shin).
    public var ankle = [90.0, 90.0]

    public init() {}

    /// Linear blend of every angle: `a` at f = 0, `b` at f = 1.
    public static func blend(_ a: BodyPose, _ b: BodyPose, _ f: Double) -> BodyPose {
        func m(_ x: Double, _ y: Double) -> Double { x + (y - x) * f }
        func m2(_ x: [Double], _ y: [Double]) -> [Double] { [m(x[0], y[0]), m(x[1], y[1])] }
        var p = BodyPose()
        p.yaw = m(a.yaw, b.yaw)
        p.pitch = m(a.pitch, b.pitch)
        p.roll = m(a.roll, b.roll)
        p.torsoFlex = m(a.torsoFlex, b.torsoFlex)
        p.torsoSide = m(a.torsoSide, b.torsoSide)
        p.neckFlex = m(a.neckFlex, b.neckFlex)
        p.shoulderFlex = m2(a.shoulderFlex, b.shoulderFlex)
        p.shoulderAbduction = m2(a.shoulderAbduction, b.shoulderAbduction)
        p.elbow = m2(a.elbow, b.elbow)
        p.hipFlex = m2(a.hipFlex, b.hipFlex)
        p.hipAbduction = m2(a.hipAbduction, b.hipAbduction)
        p.knee = m2(a.knee, b.knee)
        p.ankle = m2(a.ankle, b.ankle)
        return p
    }

    // Common shapes.
    public static let stand = BodyPose()
    public static var armsUp: BodyPose { var p = BodyPose(); p.shoulderFlex = [175, 175]; return p }
    /// Straight body in the air: arms up, toes pointed.
    public static var straightAir: BodyPose { var p = armsUp; p.ankle = [15, 15]; return p }
    public static var armsSide: BodyPose { var p = BodyPose(); p.shoulderAbduction = [85, 85]; return p }
    public static var crouch: BodyPose {
        var p = BodyPose()
        p.hipFlex = [70, 70]; p.knee = [100, 100]; p.torsoFlex = 25; p.shoulderFlex = [40, 40]; p.ankle = [60, 60]
        return p
    }
    public static var landing: BodyPose {
        var p = BodyPose()
        p.hipFlex = [45, 45]; p.knee = [65, 65]; p.torsoFlex = 15; p.shoulderFlex = [90, 90]; p.ankle = [70, 70]
        return p
    }
    public static var tuck: BodyPose {
        var p = BodyPose()
        p.hipFlex = [125, 125]; p.knee = [135, 135]; p.shoulderFlex = [60, 60]; p.elbow = [70, 70]; p.neckFlex = 20; p.ankle = [15, 15]
        return p
    }
    public static var pike: BodyPose {
        var p = BodyPose()
        p.hipFlex = [100, 100]; p.shoulderFlex = [100, 100]; p.torsoFlex = 20; p.ankle = [15, 15]
        return p
    }
    public static var straddle: BodyPose {
        var p = BodyPose()
        p.hipFlex = [85, 85]; p.hipAbduction = [45, 45]; p.shoulderFlex = [90, 90]; p.shoulderAbduction = [30, 30]; p.torsoFlex = 10; p.ankle = [15, 15]
        return p
    }
    public static var split: BodyPose {
        var p = BodyPose()
        p.hipFlex = [95, -80]; p.shoulderAbduction = [70, 70]; p.shoulderFlex = [40, 20]; p.ankle = [15, 15]
        return p
    }
}
