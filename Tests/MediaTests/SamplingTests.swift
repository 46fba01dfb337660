import Foundation
@testable import Media
import TestSupport
import Testing

@Suite struct SamplingTests {
    /// The source frame on screen at time t, for frames starting at `starts`.
    func frameOnScreen(at t: Double, starts: [Double]) -> Int {
        starts.lastIndex(where: { $0 <= t + 1e-9 }) ?? 0
    }

    func shownFrames(path: String, video: MovingBarVideo, fps: Double) throws -> [VideoFrame] {
        let decoder = try VideoDecoder(path: path, options: .init(rate: .fps(fps), shortSide: nil, output: .gray))
        var frames: [VideoFrame] = []
        try decoder.forEachFrame { frames.append($0) }
        return frames
    }

    @Test(arguments: [(30, 60), (25, 50)])
    func constantRateFilesSampleAt15FPS(sourceFPS: Int, count: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("cfr.mp4")
        let video = MovingBarVideo()
        try video.write(to: path, count: count, fps: sourceFPS)
        let frames = try shownFrames(path: path, video: video, fps: 15)
        let duration = Double(count) / Double(sourceFPS)
        #expect(frames.count == Int((duration * 15).rounded()))
        let starts = (0..<count).map { Double($0) / Double(sourceFPS) }
        for frame in frames {
            let expected = frameOnScreen(at: frame.time, starts: starts)
            #expect(abs(frame.time - Double(frame.index) / 15) < 1e-12)
            #expect(frame.sourceIndex == expected, "sample \(frame.index) at \(frame.time) s")
            #expect(video.frameIndex(inGray: frame.gray!, width: frame.width, height: frame.height) == expected)
        }
    }

    @Test func variableRateFileSamplesByTimestamp() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("vfr.mp4")
        let video = MovingBarVideo()
        // Irregular gaps: bursts, a long hold, then regular frames.
        let times: [Double] = [0, 0.02, 0.04, 0.1, 0.35, 0.4, 0.45, 0.7, 0.733, 0.766, 0.8, 1.0, 1.2]
        try video.write(to: path, times: times)
        let frames = try shownFrames(path: path, video: video, fps: 10)
        // The last frame is shown for as long as the gap before it (0.2 s): up to 1.4 s.
        #expect(frames.count == 14)
        for frame in frames {
            let expected = frameOnScreen(at: frame.time, starts: times)
            #expect(frame.sourceIndex == expected, "sample \(frame.index) at \(frame.time) s")
            #expect(abs(frame.sourceTime - times[expected]) < 1e-3)
            #expect(video.frameIndex(inGray: frame.gray!, width: frame.width, height: frame.height) == expected)
        }
    }

    @Test func samplerAssignsBoundarySamplesToTheLaterFrame() {
        var sampler = FrameSampler(fps: 15)
        // Frames at 30 fps: frame 0 covers [0, 1/30), frame 1 [1/30, 2/30), frame 2 starts at 2/30 = 1/15.
        #expect(sampler.samples(until: 1.0 / 30) == 0..<1)
        #expect(sampler.samples(until: 2.0 / 30) == 1..<1)
        #expect(sampler.samples(until: 3.0 / 30) == 1..<2)
        // A long frame covers several samples.
        #expect(sampler.samples(until: 0.5) == 2..<8)
    }
}
