import Foundation

/// A pose file beside a video (`NAME.pose.json`): COCO-17 keypoints per frame, as `routine
/// synth` writes them and as pose estimators export them — an object with `keypoints` (per
/// frame 17 × (x, y, visibility)), optional `world` (per frame 17 × (x, y, z), metres, y up)
/// and `fps`. Validated on read (joint count, frame count against the video, finite values).
public struct PoseStream: Sendable {
    public static let joints = 17
    /// Features per clip: 8 joint angles, leg spread, torso lean, head drop, 17 × 2 normalised
    /// coordinates, 8 angular speeds.
    public static let width = 8 + 3 + 34 + 8

    public var fps: Double
    /// Per frame, 17 points (x, y, z); z = 0 and y flipped to point up for 2-D files.
    public var frames: [[(Double, Double, Double)]]
    public var is3D: Bool

    struct File: Decodable {
        var fps: Double?
        var keypoints: [[Double]]
        var world: [[Double]]?
    }

    /// Reads and validates `url` for a video lasting `videoDuration` seconds.
    public static func read(_ url: URL, videoDuration: Double, defaultFPS: Double = 30) throws -> PoseStream {
        func fail(_ reason: String) -> FeatureError { FeatureError(file: url.path, reason: reason) }
        guard let data = try? Data(contentsOf: url) else { throw fail("cannot be read") }
        // JSONSerialization rejects NaN in JSON; a NaN literal makes the file invalid JSON.
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw fail("not a pose file (expected {\"fps\": …, \"keypoints\": [[x, y, v, … 17 joints] per frame]}): \(error.localizedDescription)")
        }
        let fps = file.fps ?? defaultFPS
        guard fps > 0 else { throw fail("fps must be positive") }
        guard !file.keypoints.isEmpty else { throw fail("no frames") }
        let source = file.world ?? file.keypoints
        let stride = file.world == nil ? 3 : 3
        for (i, f) in source.enumerated() {
            guard f.count == joints * stride else { throw fail("frame \(i) has \(f.count / stride) joints, expected \(joints) (COCO-17)") }
            guard f.allSatisfy(\.isFinite) else { throw fail("frame \(i) has a value that is not a finite number") }
        }
        let seconds = Double(source.count) / fps
        guard abs(seconds - videoDuration) <= Swift.max(0.5, 0.05 * videoDuration) else {
            throw fail(String(format: "%d frames at %.0f fps last %.1f s but the video lasts %.1f s", source.count, fps, seconds, videoDuration))
        }
        let frames = source.map { f in (0..<joints).map { j -> (Double, Double, Double) in
            file.world == nil ? (f[3 * j], -f[3 * j + 1], 0) : (f[3 * j], f[3 * j + 1], f[3 * j + 2])
        } }
        return PoseStream(fps: fps, frames: frames, is3D: file.world != nil)
    }

    static func angle(_ a: (Double, Double, Double), _ b: (Double, Double, Double), _ c: (Double, Double, Double)) -> Double {
        let u = (a.0 - b.0, a.1 - b.1, a.2 - b.2), v = (c.0 - b.0, c.1 - b.1, c.2 - b.2)
        let nu = (u.0 * u.0 + u.1 * u.1 + u.2 * u.2).squareRoot(), nv = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
        guard nu > 0, nv > 0 else { return 0 }
        return acos(Swift.max(-1, Swift.min(1, (u.0 * v.0 + u.1 * v.1 + u.2 * v.2) / (nu * nv)))) / .pi
    }

    /// The per-frame vector without speeds (8 angles, 3 shape values, 34 coordinates).
    static func frameVector(_ p: [(Double, Double, Double)]) -> [Double] {
        let angles = [angle(p[5], p[7], p[9]), angle(p[6], p[8], p[10]), angle(p[11], p[5], p[7]), angle(p[12], p[6], p[8]),
                      angle(p[5], p[11], p[13]), angle(p[6], p[12], p[14]), angle(p[11], p[13], p[15]), angle(p[12], p[14], p[16])]
        let hip = ((p[11].0 + p[12].0) / 2, (p[11].1 + p[12].1) / 2, (p[11].2 + p[12].2) / 2)
        let shoulder = ((p[5].0 + p[6].0) / 2, (p[5].1 + p[6].1) / 2, (p[5].2 + p[6].2) / 2)
        let torso = Swift.max(1e-6, ((shoulder.0 - hip.0) * (shoulder.0 - hip.0) + (shoulder.1 - hip.1) * (shoulder.1 - hip.1)
                                     + (shoulder.2 - hip.2) * (shoulder.2 - hip.2)).squareRoot())
        let spread = ((p[15].0 - p[16].0) * (p[15].0 - p[16].0) + (p[15].1 - p[16].1) * (p[15].1 - p[16].1)
                      + (p[15].2 - p[16].2) * (p[15].2 - p[16].2)).squareRoot() / torso
        let lean = acos(Swift.max(-1, Swift.min(1, (shoulder.1 - hip.1) / torso))) / .pi
        let head = angle(hip, shoulder, p[0])
        var coords: [Double] = []
        for j in 0..<joints {
            let (dx, dy, dz) = (p[j].0 - hip.0, p[j].1 - hip.1, p[j].2 - hip.2)
            coords += [(dx * dx + dz * dz).squareRoot() / torso, dy / torso]
        }
        return angles + [spread, lean, head] + coords
    }

    /// Features per clip [T · width], averaging the frames in each clip's time range.
    public func clipFeatures(clipCount: Int, clipDuration: Double) -> [Float] {
        let vectors = frames.map(Self.frameVector)
        var out: [Float] = []
        for c in 0..<clipCount {
            let a = Int((Double(c) * clipDuration * fps).rounded(.down))
            let b = Swift.max(a + 1, Int((Double(c + 1) * clipDuration * fps).rounded(.down)))
            let range = Swift.min(a, vectors.count - 1)..<Swift.min(b, vectors.count)
            var mean = [Double](repeating: 0, count: 45), speed = [Double](repeating: 0, count: 8)
            let n = Double(Swift.max(range.count, 1))
            for i in range {
                for k in 0..<45 { mean[k] += vectors[i][k] / n }
                if i > 0 { for k in 0..<8 { speed[k] += abs(vectors[i][k] - vectors[i - 1][k]) * fps / n } }
            }
            out += (mean + speed).map(Float.init)
        }
        return out
    }
}

/// A feature-extraction input that cannot be used: one line naming the file and the reason.
public struct FeatureError: Error, CustomStringConvertible, Equatable, LocalizedError {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}
