import Foundation
import Media
import TestSupport
import Testing

@Suite struct RoundTripTests {
    @Test func encodedFramesDecodeInOrderWithTheirTimestamps() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bar.mp4")
        let video = MovingBarVideo()
        let encoder = try video.write(to: path, count: 45, fps: 30)
        #expect(encoder.codec == .h264)

        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: nil, output: .gray))
        #expect(decoder.info.codec == "h264")
        #expect(decoder.info.width == 320 && decoder.info.height == 180)
        #expect(decoder.info.frameCount == 45)
        #expect(abs(decoder.info.frameRate - 30) < 1e-9)

        var frames: [VideoFrame] = []
        try decoder.forEachFrame { frames.append($0) }
        #expect(frames.count == 45)
        for (k, frame) in frames.enumerated() {
            #expect(abs(frame.time - Double(k) / 30) < 1e-6, "frame \(k) at \(frame.time)")
            #expect(frame.width == 320 && frame.height == 180)
            let shown = video.frameIndex(inGray: frame.gray!, width: frame.width, height: frame.height)
            #expect(shown == k, "frame \(k) shows the pattern of frame \(shown)")
        }
        #expect(decoder.report.decodedFrames == 45)
        #expect(!decoder.report.isDamaged)
    }

    @Test func analysisSizeKeepsAspectAndRGBMatchesGray() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bar.mp4")
        let video = MovingBarVideo()
        try video.write(to: path, count: 10, fps: 30)
        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: 90))
        let frame = try #require(try decoder.nextFrame())
        #expect(frame.width == 160 && frame.height == 90)
        let rgb = try #require(frame.rgb), gray = try #require(frame.gray)
        #expect(rgb.count == 160 * 90 * 3 && gray.count == 160 * 90)
        // The marker (top-left) is red in RGB; the background is dark.
        #expect(rgb[0] > 180 && rgb[1] < 80 && rgb[2] < 80)
        let centre = (45 * 160 + 150) * 3
        #expect(rgb[centre] < 60)
    }

    /// The chroma planes (scaled straight from the source's Cb and Cr) agree with the colour
    /// of the RGB picture: BT.601 limited range, each chroma pixel against its 2×2 RGB block.
    @Test func chromaPlanesAgreeWithTheRGBPicture() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bar.mp4")
        try MovingBarVideo().write(to: path, count: 10, fps: 30)
        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: 90, output: [.rgb, .chroma]))
        let frame = try #require(try decoder.nextFrame())
        let rgb = try #require(frame.rgb), chroma = try #require(frame.chroma)
        let (w, h) = (frame.chromaWidth, frame.chromaHeight)
        #expect(w == 80 && h == 45 && chroma.count == 2 * w * h && frame.gray == nil)
        var error = 0.0
        for y in 0..<h {
            for x in 0..<w {
                var (r, g, b) = (0.0, 0.0, 0.0)
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let i = 3 * ((2 * y + dy) * frame.width + 2 * x + dx)
                    r += Double(rgb[i]) / 4; g += Double(rgb[i + 1]) / 4; b += Double(rgb[i + 2]) / 4
                }
                let cb = 128 + (-0.168736 * r - 0.331264 * g + 0.5 * b) * 224 / 255
                let cr = 128 + (0.5 * r - 0.418688 * g - 0.081312 * b) * 224 / 255
                error += abs(Double(chroma[y * w + x]) - cb) + abs(Double(chroma[w * h + y * w + x]) - cr)
            }
        }
        #expect(error / Double(2 * w * h) < 3, "mean |chroma − chroma of RGB| = \(error / Double(2 * w * h))")
        // The red marker at the top left: Cr well above neutral, Cb below.
        #expect(chroma[w * h] > 190 && chroma[0] < 110)
    }

    /// The same frames encoded twice decode to the same pictures. (The files are byte-identical
    /// when the process is quiet; while other tests encode and decode in parallel, libx264 has
    /// twice written files a few bytes apart — 2410 against 2408 bytes — so the bytes are not
    /// what this asserts.)
    @Test func sameFramesGiveSamePictures() throws {
        let directory = try TemporaryDirectory()
        let video = MovingBarVideo(width: 160, height: 96)
        try video.write(to: directory.path("a.mp4"), count: 20, fps: 30)
        try video.write(to: directory.path("b.mp4"), count: 20, fps: 30)
        func frames(_ name: String) throws -> [VideoFrame] {
            var out: [VideoFrame] = []
            try VideoDecoder(path: directory.path(name), options: .init(rate: .native, shortSide: nil, output: .gray)).forEachFrame { out.append($0) }
            return out
        }
        let (a, b) = (try frames("a.mp4"), try frames("b.mp4"))
        #expect(a.count == 20 && b.count == 20)
        for (x, y) in zip(a, b) {
            #expect(x.time == y.time)
            let (p, q) = (try #require(x.gray), try #require(y.gray))
            let mean = zip(p, q).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(p.count)
            #expect(mean < 0.5, "frame at \(x.time): mean difference \(mean) grey levels")
            #expect(video.frameIndex(inGray: p, width: x.width, height: x.height) == video.frameIndex(inGray: q, width: y.width, height: y.height))
        }
    }

    @Test func mpeg4FallbackCodecDecodes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bar.mp4")
        let video = MovingBarVideo()
        let encoder = try video.write(to: path, count: 12, fps: 25, codec: .mpeg4)
        #expect(encoder.codec == .mpeg4)
        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: nil, output: .gray))
        #expect(decoder.info.codec == "mpeg4")
        var shown: [Int] = []
        try decoder.forEachFrame { shown.append(video.frameIndex(inGray: $0.gray!, width: $0.width, height: $0.height)) }
        #expect(shown == Array(0..<12))
    }
}
