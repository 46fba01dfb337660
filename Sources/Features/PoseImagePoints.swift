import Foundation

/// The image positions of a pose file's 17 COCO joints (`keypoints`: x, y in pixels and a
/// visibility per joint, per frame), for drawing the skeleton over keyframes. The pose stream
/// (``PoseStream``) reads the same file for the model.
public struct PoseImagePoints: Sendable {
    public var fps: Double
    /// The frame size the pixels refer to, when the file says.
    public var width: Int?
    public var height: Int?
    /// Per frame, 17 × (x, y, visibility).
    public var frames: [[Double]]

    struct File: Decodable {
        var fps: Double?
        var width: Int?
        var height: Int?
        var keypoints: [[Double]]
    }

    public static func read(_ url: URL, defaultFPS: Double = 30) throws -> PoseImagePoints {
        func fail(_ reason: String) -> FeatureError { FeatureError(file: url.path, reason: reason) }
        guard let data = try? Data(contentsOf: url) else { throw fail("cannot be read") }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch { throw fail("not a pose file: \(error.localizedDescription)") }
        for (i, f) in file.keypoints.enumerated() where f.count != 3 * PoseStream.joints || !f.allSatisfy(\.isFinite) {
            throw fail("frame \(i) is not 17 finite (x, y, visibility) triples")
        }
        return PoseImagePoints(fps: file.fps ?? defaultFPS, width: file.width, height: file.height, frames: file.keypoints)
    }

    /// The joints at `time` normalised by a `width` × `height` frame: 17 × (x, y), −1 for a
    /// joint marked invisible; nil past the end.
    public func normalised(at time: Double, width: Int, height: Int) -> [Double]? {
        let i = Int((time * fps).rounded())
        guard i >= 0, i < frames.count, width > 0, height > 0 else { return nil }
        let f = frames[i]
        return (0..<PoseStream.joints).flatMap { j -> [Double] in
            f[3 * j + 2] > 0 ? [f[3 * j] / Double(width), f[3 * j + 1] / Double(height)] : [-1, -1]
        }
    }
}
