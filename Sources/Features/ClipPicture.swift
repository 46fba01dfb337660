import Media

/// A clip's keyframe as a small RGB picture (the analysis frame halved), kept while the
/// features are extracted so a report needs no second decode of the video.
public struct ClipPicture: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Packed RGB24, `width * 3` bytes per row.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The frame's RGB pixels averaged over 2 × 2 blocks (its grey levels when it has no RGB;
    /// an empty picture when it has neither).
    init(halving frame: VideoFrame) {
        let (w, h) = (frame.width / 2, frame.height / 2)
        guard let src = frame.rgb ?? frame.gray.map({ g in g.flatMap { [$0, $0, $0] } }), w > 0, h > 0 else {
            self.init(width: 0, height: 0, rgb: [])
            return
        }
        var out = [UInt8](repeating: 0, count: w * h * 3)
        let stride = frame.width * 3
        for y in 0..<h {
            for x in 0..<w {
                let a = 2 * y * stride + 6 * x, b = a + stride
                for c in 0..<3 {
                    let sum = Int(src[a + c]) + Int(src[a + 3 + c]) + Int(src[b + c]) + Int(src[b + 3 + c])
                    out[(y * w + x) * 3 + c] = UInt8((sum + 2) / 4)
                }
            }
        }
        self.init(width: w, height: h, rgb: out)
    }
}
