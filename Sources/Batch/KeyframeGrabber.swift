import Drawing
import Features
import Foundation
import Media

/// Decodes the few frames a report shows (at given times) as small RGB pictures.
public enum KeyframeGrabber {
    /// Frames nearest to `times` (seconds), at `shortSide` pixels, as Cairo images.
    public static func grab(video: URL, times: [Double], shortSide: Int = 144) throws -> [CairoImage] {
        try frames(video: video, times: times, shortSide: shortSide).map(image)
    }

    /// The decoded RGB frames nearest to `times` (seconds; the last frame for times past the
    /// end), in the order of `times`, sampled at 15 fps.
    public static func frames(video: URL, times: [Double], shortSide: Int) throws -> [VideoFrame] {
        let decoder = try VideoDecoder(path: video.path, options: DecodeOptions(rate: .fps(15), shortSide: shortSide, output: .rgb,
                                                                                tolerateCorruption: true))
        var wanted = times.enumerated().sorted { $0.element < $1.element }
        var out = [VideoFrame?](repeating: nil, count: times.count)
        var last: VideoFrame?
        while !wanted.isEmpty, let frame = try decoder.nextFrame() {
            while let w = wanted.first, frame.time + 1.0 / 30 >= w.element {
                out[w.offset] = frame
                wanted.removeFirst()
            }
            last = frame
        }
        if let last { for w in wanted { out[w.offset] = last } }
        return out.compactMap { $0 }
    }

    static func image(_ frame: VideoFrame) throws -> CairoImage {
        try image(width: frame.width, height: frame.height, rgb: frame.rgb)
    }

    /// A keyframe kept during feature extraction.
    static func image(_ picture: ClipPicture) throws -> CairoImage {
        try image(width: picture.width, height: picture.height, rgb: picture.rgb)
    }

    static func image(width: Int, height: Int, rgb: [UInt8]?) throws -> CairoImage {
        let img = try CairoImage(width: width, height: height)
        guard let rgb, rgb.count >= width * height * 3 else { return img }
        img.withPixels { p, stride in
            for y in 0..<height {
                for x in 0..<width {
                    let s = 3 * (y * width + x), d = p + y * stride + 4 * x
                    d[0] = rgb[s + 2]; d[1] = rgb[s + 1]; d[2] = rgb[s]; d[3] = 255
                }
            }
        }
        return img
    }
}
