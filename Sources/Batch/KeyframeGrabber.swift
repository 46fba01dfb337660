import Drawing
import Foundation
import Media

/// Decodes the few frames a report shows (at given times) as small RGB pictures.
public enum KeyframeGrabber {
    /// Frames nearest to `times` (seconds), at `shortSide` pixels, as Cairo images.
    public static func grab(video: URL, times: [Double], shortSide: Int = 144) throws -> [CairoImage] {
        let decoder = try VideoDecoder(path: video.path, options: DecodeOptions(rate: .fps(15), shortSide: shortSide, output: .rgb,
                                                                                tolerateCorruption: true))
        var wanted = times.enumerated().sorted { $0.element < $1.element }
        var out = [CairoImage?](repeating: nil, count: times.count)
        var last: VideoFrame?
        while !wanted.isEmpty, let frame = try decoder.nextFrame() {
            while let w = wanted.first, frame.time + 1.0 / 30 >= w.element {
                out[w.offset] = try image(frame)
                wanted.removeFirst()
            }
            last = frame
        }
        if let last { for w in wanted { out[w.offset] = try image(last) } }
        return out.compactMap { $0 }
    }

    static func image(_ frame: VideoFrame) throws -> CairoImage {
        let img = try CairoImage(width: frame.width, height: frame.height)
        guard let rgb = frame.rgb else { return img }
        img.withPixels { p, stride in
            for y in 0..<frame.height {
                for x in 0..<frame.width {
                    let s = 3 * (y * frame.width + x), d = p + y * stride + 4 * x
                    d[0] = rgb[s + 2]; d[1] = rgb[s + 1]; d[2] = rgb[s]; d[3] = 255
                }
            }
        }
        return img
    }
}
