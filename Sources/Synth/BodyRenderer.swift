import Drawing
import Foundation

/// Draws the athlete as depth-sorted, shaded capsules (limbs, torso, neck) and a shaded
/// sphere (head with hair), projected through the camera.
public struct BodyRenderer {
    public var athlete: Athlete
    /// Long sleeves: the arms in leotard colour.
    public var sleeves: Bool

    struct Capsule {
        var a: Vector3, b: Vector3, radius: Double, color: Athlete.RGB, isHead: Bool = false
    }

    func capsules(_ s: Skeleton) -> [Capsule] {
        let a = athlete
        let arm = sleeves ? a.leotard : a.skin
        var c: [Capsule] = []
        for i in 0..<2 {
            c.append(Capsule(a: s.hips[i], b: s.knees[i], radius: a.radius(.thigh), color: a.skin))
            c.append(Capsule(a: s.knees[i], b: s.ankles[i], radius: a.radius(.shin), color: a.skin))
            c.append(Capsule(a: s.ankles[i], b: s.toes[i], radius: a.radius(.foot), color: a.skin))
            c.append(Capsule(a: s.shoulders[i], b: s.elbows[i], radius: a.radius(.upperArm), color: arm))
            c.append(Capsule(a: s.elbows[i], b: s.wrists[i], radius: a.radius(.forearm), color: arm))
            c.append(Capsule(a: s.wrists[i], b: s.handTips[i], radius: a.radius(.hand), color: a.skin))
        }
        let chest = s.neckBase + (s.pelvis - s.neckBase) * 0.25
        c.append(Capsule(a: s.pelvis, b: chest, radius: a.radius(.torso), color: a.leotard))
        c.append(Capsule(a: s.hips[0], b: s.hips[1], radius: a.radius(.thigh) * 1.1, color: a.leotard))
        c.append(Capsule(a: s.shoulders[0], b: s.shoulders[1], radius: a.radius(.upperArm) * 1.15, color: a.leotardAccent))
        c.append(Capsule(a: chest, b: (s.shoulders[0] + s.shoulders[1]) * 0.5, radius: a.radius(.torso) * 0.95, color: a.leotard))
        c.append(Capsule(a: s.neckBase, b: s.headCentre, radius: a.radius(.neck), color: a.skin))
        c.append(Capsule(a: s.headCentre, b: s.headCentre, radius: a.headRadius, color: a.skin, isHead: true))
        return c
    }

    static let light = (x: -0.55, y: -0.83)

    /// Draws the athlete into `ctx` (already transformed for camera drift).
    public func draw(_ s: Skeleton, camera: Camera, in ctx: CairoContext) {
        let items = capsules(s).map { cap -> (Capsule, Double) in
            (cap, camera.toCamera((cap.a + cap.b) * 0.5).z)
        }.sorted { $0.1 > $1.1 }
        for (cap, depth) in items where depth > 0.3 {
            let p0 = camera.project(cap.a), p1 = camera.project(cap.b)
            let r = camera.focal * cap.radius / depth
            let c = cap.color
            if cap.isHead {
                ctx.setRadialGradient(centre: (p0.x - 0.35 * r, p0.y - 0.35 * r), inner: 0.1 * r, outer: 1.3 * r,
                                      stops: [(0, min(1, c.r * 1.2), min(1, c.g * 1.2), min(1, c.b * 1.2)), (1, c.r * 0.6, c.g * 0.6, c.b * 0.6)])
                ctx.circle(p0.x, p0.y, r)
                ctx.fill()
                // Hair on the back and top of the head: a darker disc shifted away from the face.
                let f = camera.toCamera(s.headCentre + s.headForward * 0.05)
                let fp = camera.project(camera: Vector3(f.x, f.y, max(f.z, 0.05)))
                let (dx, dy) = (p0.x - fp.x, p0.y - fp.y)
                let len = max((dx * dx + dy * dy).squareRoot(), 1e-6)
                let shift = min(0.45 * r, len * 8)
                let h = athlete.hair
                ctx.setColor(h.r, h.g, h.b)
                ctx.circle(p0.x + dx / len * shift, p0.y + dy / len * shift - 0.15 * r, 0.8 * r)
                ctx.fill()
                continue
            }
            // Shade across the capsule: lit side towards the light.
            var (nx, ny) = (-(p1.y - p0.y), p1.x - p0.x)
            let n = (nx * nx + ny * ny).squareRoot()
            if n < 1e-6 { (nx, ny) = (Self.light.x, Self.light.y) } else { nx /= n; ny /= n }
            if nx * Self.light.x + ny * Self.light.y < 0 { nx = -nx; ny = -ny }
            let (mx, my) = ((p0.x + p1.x) / 2, (p0.y + p1.y) / 2)
            ctx.setLinearGradient(from: (mx + nx * r, my + ny * r), to: (mx - nx * r, my - ny * r),
                                  stops: [(0, min(1, c.r * 1.3 + 0.05), min(1, c.g * 1.3 + 0.05), min(1, c.b * 1.3 + 0.05)),
                                          (0.45, c.r, c.g, c.b), (1, c.r * 0.55, c.g * 0.55, c.b * 0.55)])
            ctx.moveTo(p0.x, p0.y)
            ctx.lineTo(p1.x + (p0.x == p1.x && p0.y == p1.y ? 0.01 : 0), p1.y)
            ctx.stroke(width: 2 * r)
        }
    }
}
