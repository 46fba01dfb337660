import Drawing
import Foundation
import Media

/// Renders a planned routine from one camera view into an H.264 MP4 (through Media's encoder)
/// and collects the COCO-17 pose of every frame (image coordinates with visibility, and the
/// 3D joints) for `NAME.pose.json`.
public struct RoutineVideoWriter {
    public var width = 640
    public var height = 360
    public var fps = 30

    public init(width: Int = 640, height: Int = 360, fps: Int = 30) {
        self.width = width
        self.height = height
        self.fps = fps
    }

    /// The pose file's content for one view.
    public struct PoseTrack: Codable, Sendable {
        public var format = "coco17"
        public var joints = Skeleton.cocoNames
        public var fps: Double
        public var width: Int
        public var height: Int
        public var view: String
        /// Per frame: 17 × (x, y, visibility) in pixels (visibility 2: in the picture, 0: outside).
        public var keypoints: [[Double]]
        /// Per frame: 17 × (x, y, z) in metres (world: x along the floor, y up).
        public var world: [[Double]]
    }

    /// Number of frames of a routine.
    public func frameCount(_ routine: SyntheticRoutine) -> Int { Int((routine.duration * Double(fps)).rounded(.down)) + 1 }

    /// Renders frame `k` into `image` (the scene background already rendered for `camera`).
    func renderFrame(_ k: Int, routine: SyntheticRoutine, camera: Camera, background: CairoImage, image: CairoImage,
                     body: BodyRenderer) throws -> Skeleton {
        let t = Double(k) / Double(fps)
        let (pose, root) = routine.timeline.state(at: t)
        let skeleton = routine.athlete.skeleton(pose, root: root)
        let ctx = try CairoContext(image)
        ctx.save()
        applyDrift(ctx, routine: routine, t: t)
        ctx.paint(background)
        body.draw(skeleton, camera: camera, in: ctx)
        ctx.restore()
        try ctx.check()
        return skeleton
    }

    /// The camera drift at time `t`: the zoom about the frame's centre and the shift after it
    /// (pixels). The zoom never drops below what the largest shift needs, so the scene always
    /// fills the frame: a real camera panning sees more of the hall, not the edge of a picture.
    func drift(_ routine: SyntheticRoutine, t: Double) -> (scale: Double, dx: Double, dy: Double)? {
        let (a, z, phase) = routine.drift
        guard a > 0 || z > 0 else { return nil }
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)
        let cover = Swift.max(a / cx, 0.4 * a / cy)
        let s = 1 + cover + z * (0.5 - 0.5 * cos(0.35 * t + phase))
        return (s, a * sin(0.23 * t + phase), 0.4 * a * sin(0.17 * t + 2 * phase))
    }

    func applyDrift(_ ctx: CairoContext, routine: SyntheticRoutine, t: Double) {
        guard let (s, dx, dy) = drift(routine, t: t) else { return }
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)
        ctx.translate(cx + dx, cy + dy)
        ctx.scale(s, s)
        ctx.translate(-cx, -cy)
    }

    /// Image position of a world point including the camera drift at time `t`.
    func imagePoint(_ p: Vector3, camera: Camera, routine: SyntheticRoutine, t: Double) -> (Double, Double, Double) {
        let q = camera.project(p)
        guard let (s, dx, dy) = drift(routine, t: t) else { return (q.x, q.y, q.depth) }
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)
        return ((q.x - cx) * s + cx + dx, (q.y - cy) * s + cy + dy, q.depth)
    }

    /// Writes the video of `view` to `url` and returns its pose track.
    @discardableResult
    public func write(_ routine: SyntheticRoutine, view: String, to url: URL) throws -> PoseTrack {
        let camera = Camera.view(view, event: routine.event, width: width, height: height)
        let background = try routine.scene.render(camera: camera)
        let image = try CairoImage(width: width, height: height)
        let body = BodyRenderer(athlete: routine.athlete, sleeves: routine.sleeves)
        let encoder = try VideoEncoder(path: url.path, options: .init(width: width, height: height, fps: fps, quality: 23,
                                                                       preset: "veryfast", threads: 1))
        var track = PoseTrack(fps: Double(fps), width: width, height: height, view: view, keypoints: [], world: [])
        for k in 0..<frameCount(routine) {
            let skeleton = try renderFrame(k, routine: routine, camera: camera, background: background, image: image, body: body)
            try encoder.append(rgb: image.rgb())
            let t = Double(k) / Double(fps)
            var kp: [Double] = [], w: [Double] = []
            for j in skeleton.coco {
                let (x, y, depth) = imagePoint(j, camera: camera, routine: routine, t: t)
                let inside = depth > 0 && x >= 0 && y >= 0 && x < Double(width) && y < Double(height)
                kp += [Self.round(x), Self.round(y), inside ? 2 : 0]
                w += [Self.round(j.x), Self.round(j.y), Self.round(j.z)]
            }
            track.keypoints.append(kp)
            track.world.append(w)
        }
        try encoder.finish()
        return track
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// The pixel box (x0, y0, x1, y1; x1 and y1 exclusive) of the athlete as rendered in each
    /// frame of `view`: every pixel the body changed against the empty scene, hands, toes and
    /// hair included — the exact truth a tracker is checked against, where the pose file's
    /// joints stop at the wrists and ankles. nil for a frame with the athlete out of sight.
    public func silhouetteBoxes(_ routine: SyntheticRoutine, view: String, frames: [Int]) throws -> [(Int, Int, Int, Int)?] {
        let camera = Camera.view(view, event: routine.event, width: width, height: height)
        let background = try routine.scene.render(camera: camera)
        let empty = try CairoImage(width: width, height: height), image = try CairoImage(width: width, height: height)
        let body = BodyRenderer(athlete: routine.athlete, sleeves: routine.sleeves)
        return try frames.map { k in
            _ = try renderFrame(k, routine: routine, camera: camera, background: background, image: image, body: body)
            let ctx = try CairoContext(empty)
            ctx.save()
            applyDrift(ctx, routine: routine, t: Double(k) / Double(fps))
            ctx.paint(background)
            ctx.restore()
            let (a, b) = (image.rgb(), empty.rgb())
            var box: (Int, Int, Int, Int)?
            for y in 0..<height {
                for x in 0..<width {
                    let i = 3 * (y * width + x)
                    guard a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2] else { continue }
                    box = box.map { (min($0.0, x), min($0.1, y), max($0.2, x + 1), max($0.3, y + 1)) } ?? (x, y, x + 1, y + 1)
                }
            }
            return box
        }
    }

    /// Renders one frame to PNG (for looking at the generator's output).
    public func writeFrame(_ routine: SyntheticRoutine, view: String, time: Double, png: String) throws {
        let camera = Camera.view(view, event: routine.event, width: width, height: height)
        let background = try routine.scene.render(camera: camera)
        let image = try CairoImage(width: width, height: height)
        _ = try renderFrame(Int(time * Double(fps)), routine: routine, camera: camera, background: background, image: image,
                            body: BodyRenderer(athlete: routine.athlete, sleeves: routine.sleeves))
        try image.writePNG(to: png)
    }
}
