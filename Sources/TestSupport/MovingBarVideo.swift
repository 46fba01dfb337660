import Foundation
import Media

/// Test videos whose every frame says which frame it is: a bright vertical bar on a dark
/// background at x = `origin + step * k` for frame k, plus a bright square in the top-left
/// corner marking the picture's orientation. Made with the project's own `VideoEncoder`.
public struct MovingBarVideo {
    public var width = 320
    public var height = 180
    public var barWidth = 6
    public var origin = 8
    public var step = 4

    public init(width: Int = 320, height: Int = 180, step: Int = 4) {
        self.width = width
        self.height = height
        self.step = step
    }

    /// The RGB pixels of frame `k`.
    public func frame(_ k: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 24, count: width * height * 3)
        let left = max(0, min(width, origin + step * k))
        let right = max(left, min(width, origin + step * k + barWidth))
        for y in 0..<height {
            for x in left..<right {
                let i = (y * width + x) * 3
                pixels[i] = 240; pixels[i + 1] = 240; pixels[i + 2] = 240
            }
        }
        // Orientation marker: a red square in the top-left corner.
        let marker = max(4, height / 8)
        for y in 0..<marker {
            for x in 0..<marker {
                let i = (y * width + x) * 3
                pixels[i] = 230; pixels[i + 1] = 30; pixels[i + 2] = 30
            }
        }
        return pixels
    }

    /// Writes `count` frames at a constant `fps`.
    @discardableResult
    public func write(to path: String, count: Int, fps: Int, rotation: Int = 0,
                      codec: VideoEncoder.Codec = .h264) throws -> VideoEncoder {
        let encoder = try VideoEncoder(path: path, options: .init(
            width: width, height: height, fps: fps, codec: codec, quality: 18, rotation: rotation))
        for k in 0..<count { try encoder.append(rgb: frame(k)) }
        try encoder.finish()
        return encoder
    }

    /// Writes one frame per entry of `times` (seconds, increasing): a variable-frame-rate file.
    public func write(to path: String, times: [Double], nominalFPS: Int = 30) throws {
        let encoder = try VideoEncoder(path: path, options: .init(
            width: width, height: height, fps: nominalFPS, quality: 18, variableFrameRate: true))
        for (k, time) in times.enumerated() { try encoder.append(rgb: frame(k), at: time) }
        try encoder.finish()
    }

    /// The frame index shown in a decoded gray picture of width `decodedWidth`, read from the
    /// bar's horizontal centroid (ignoring the marker rows).
    public func frameIndex(inGray gray: [UInt8], width decodedWidth: Int, height decodedHeight: Int) -> Int {
        let scale = Double(width) / Double(decodedWidth)
        let firstRow = decodedHeight / 3
        var sum = 0.0, weight = 0.0
        for y in firstRow..<decodedHeight {
            for x in 0..<decodedWidth {
                let value = Double(gray[y * decodedWidth + x])
                if value > 128 { sum += Double(x) * value; weight += value }
            }
        }
        guard weight > 0 else { return -1 }
        let centre = (sum / weight + 0.5) * scale
        return Int(((centre - Double(origin) - Double(barWidth) / 2) / Double(step)).rounded())
    }
}
