import Drawing
import Foundation

/// The static part of a frame — hall wall, floor, mat with its boundary line, beam or vault
/// table and springboard — drawn once per video and view with that video's lighting and
/// texture noise.
public struct GymScene: Sendable {
    public var event: String
    public var wall: Athlete.RGB
    public var floor: Athlete.RGB
    public var mat: Athlete.RGB
    public var brightness: Double
    public var noiseSeed: UInt64

    public init(event: String, rng: inout SynthRandom) {
        self.event = event
        wall = Athlete.RGB(rng.uniform(0.55, 0.8), rng.uniform(0.55, 0.8), rng.uniform(0.55, 0.8))
        floor = Athlete.RGB(rng.uniform(0.45, 0.6), rng.uniform(0.4, 0.5), rng.uniform(0.32, 0.42))
        mat = event == "floor" ? Athlete.RGB(rng.uniform(0.1, 0.2), rng.uniform(0.25, 0.4), rng.uniform(0.55, 0.75))
            : Athlete.RGB(rng.uniform(0.15, 0.3), rng.uniform(0.35, 0.5), rng.uniform(0.55, 0.7))
        brightness = rng.uniform(0.85, 1.1)
        noiseSeed = rng.next()
    }

    func shade(_ c: Athlete.RGB, _ f: Double) -> (Double, Double, Double) {
        (Swift.min(1, c.r * f * brightness), Swift.min(1, c.g * f * brightness), Swift.min(1, c.b * f * brightness))
    }

    func fill(_ ctx: CairoContext, _ camera: Camera, _ points: [Vector3], _ color: (Double, Double, Double)) {
        let poly = camera.projectPolygon(points)
        guard poly.count >= 3 else { return }
        ctx.setColor(color.0, color.1, color.2)
        ctx.moveTo(poly[0].0, poly[0].1)
        for p in poly.dropFirst() { ctx.lineTo(p.0, p.1) }
        ctx.closePath()
        ctx.fill()
    }

    /// A box from `lo` to `hi`, faces painted far to near.
    func box(_ ctx: CairoContext, _ camera: Camera, lo: Vector3, hi: Vector3, color: Athlete.RGB) {
        let c = [Vector3(lo.x, lo.y, lo.z), Vector3(hi.x, lo.y, lo.z), Vector3(hi.x, hi.y, lo.z), Vector3(lo.x, hi.y, lo.z),
                 Vector3(lo.x, lo.y, hi.z), Vector3(hi.x, lo.y, hi.z), Vector3(hi.x, hi.y, hi.z), Vector3(lo.x, hi.y, hi.z)]
        let faces: [([Int], Double)] = [([0, 1, 2, 3], 0.7), ([4, 5, 6, 7], 0.85), ([0, 4, 7, 3], 0.75), ([1, 5, 6, 2], 0.8),
                                         ([3, 2, 6, 7], 1.1), ([0, 1, 5, 4], 0.5)]
        let sorted = faces.sorted { f0, f1 in
            let d0 = f0.0.map { camera.toCamera(c[$0]).z }.reduce(0, +), d1 = f1.0.map { camera.toCamera(c[$0]).z }.reduce(0, +)
            return d0 > d1
        }
        for (idx, light) in sorted { fill(ctx, camera, idx.map { c[$0] }, shade(color, light)) }
    }

    /// Draws the scene for `camera` into a new image.
    public func render(camera: Camera) throws -> CairoImage {
        let image = try CairoImage(width: camera.width, height: camera.height)
        let ctx = try CairoContext(image)
        let (w, h) = (Double(camera.width), Double(camera.height))
        // Wall and floor: the floor is a large plane, the wall a plane behind the action.
        ctx.setLinearGradient(from: (0, 0), to: (0, h), stops: [(0, wall.r * 0.8 * brightness, wall.g * 0.8 * brightness, wall.b * 0.85 * brightness),
                                                                  (1, wall.r * brightness, wall.g * brightness, wall.b * brightness)])
        ctx.rectangle(0, 0, w, h)
        ctx.fill()
        let back = Vector3(camera.forward.x, 0, camera.forward.z).normalized
        let side = Vector3(-back.z, 0, back.x)
        let wallBase = Vector3(0, 0, 0) + back * 7
        fill(ctx, camera, [camera.position + side * 40 + back * 0.5, camera.position - side * 40 + back * 0.5,
                           wallBase - side * 40, wallBase + side * 40].map { Vector3($0.x, 0, $0.z) }, shade(floor, 1))
        // Wall panels and a banner for texture.
        for i in -8...8 {
            let p = wallBase + side * (Double(i) * 2.5)
            let line = camera.projectPolygon([p, p + Vector3(0, 4, 0), p + Vector3(0, 4, 0) + side * 0.06, p + side * 0.06])
            if line.count >= 3 {
                ctx.setColor(wall.r * 0.7 * brightness, wall.g * 0.7 * brightness, wall.b * 0.7 * brightness)
                ctx.moveTo(line[0].0, line[0].1)
                for q in line.dropFirst() { ctx.lineTo(q.0, q.1) }
                ctx.closePath()
                ctx.fill()
            }
        }
        let bannerA = wallBase + side * -3 + Vector3(0, 2.6, 0)
        fill(ctx, camera, [bannerA, bannerA + side * 6, bannerA + side * 6 + Vector3(0, 0.6, 0), bannerA + Vector3(0, 0.6, 0)],
             shade(Athlete.RGB(0.75, 0.15, 0.15), 1))

        switch event {
        case "beam":
            fill(ctx, camera, [Vector3(-3.5, 0.001, -1.2), Vector3(3.5, 0.001, -1.2), Vector3(3.5, 0.001, 1.2), Vector3(-3.5, 0.001, 1.2)], shade(mat, 1))
            for x in [-2.0, 2.0] {
                box(ctx, camera, lo: Vector3(x - 0.04, 0, -0.25), hi: Vector3(x + 0.04, 1.09, 0.25), color: Athlete.RGB(0.35, 0.35, 0.38))
            }
            box(ctx, camera, lo: Vector3(-2.5, 1.09, -0.05), hi: Vector3(2.5, 1.25, 0.05), color: Athlete.RGB(0.85, 0.78, 0.62))
        case "vault":
            fill(ctx, camera, [Vector3(-12, 0.001, -0.5), Vector3(-1.5, 0.001, -0.5), Vector3(-1.5, 0.001, 0.5), Vector3(-12, 0.001, 0.5)],
                 shade(Athlete.RGB(0.3, 0.3, 0.55), 1))
            fill(ctx, camera, [Vector3(0.6, 0.002, -1.2), Vector3(5.5, 0.002, -1.2), Vector3(5.5, 0.002, 1.2), Vector3(0.6, 0.002, 1.2)], shade(mat, 1))
            box(ctx, camera, lo: Vector3(-1.55, 0, -0.3), hi: Vector3(-0.95, 0.12, 0.3), color: Athlete.RGB(0.85, 0.85, 0.85))
            box(ctx, camera, lo: Vector3(-0.1, 0, -0.2), hi: Vector3(0.1, 1.05, 0.2), color: Athlete.RGB(0.3, 0.3, 0.32))
            box(ctx, camera, lo: Vector3(-0.3, 1.05, -0.45), hi: Vector3(0.3, 1.2, 0.45), color: Athlete.RGB(0.2, 0.35, 0.75))
        default:
            fill(ctx, camera, [Vector3(-6, 0.001, -5), Vector3(6, 0.001, -5), Vector3(6, 0.001, 3), Vector3(-6, 0.001, 3)], shade(mat, 1))
            for x in [-5.6, 5.6] {
                fill(ctx, camera, [Vector3(x - 0.05, 0.002, -5), Vector3(x + 0.05, 0.002, -5), Vector3(x + 0.05, 0.002, 3), Vector3(x - 0.05, 0.002, 3)],
                     (0.95, 0.95, 0.95))
            }
            fill(ctx, camera, [Vector3(-6, 0.002, 2.4), Vector3(6, 0.002, 2.4), Vector3(6, 0.002, 2.5), Vector3(-6, 0.002, 2.5)], (0.95, 0.95, 0.95))
        }
        try ctx.check()
        addNoise(image)
        return image
    }

    /// Fixed texture noise (carpet and wall grain), seeded per video.
    func addNoise(_ image: CairoImage) {
        var rng = SynthRandom(seed: noiseSeed)
        image.withPixels { pixels, stride in
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let n = Int(rng.next() % 13) - 6
                    let p = pixels + y * stride + 4 * x
                    for c in 0..<3 { p[c] = UInt8(clamping: Int(p[c]) + n) }
                }
            }
        }
    }
}
