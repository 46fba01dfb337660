import Foundation
import Media
import TestSupport
import Testing

@Suite struct BadInputTests {
    func reason(_ path: String, options: DecodeOptions = .init()) -> MediaError.Reason? {
        do {
            let decoder = try VideoDecoder(path: path, options: options)
            while try decoder.nextFrame() != nil {}
            return nil
        } catch let error as MediaError {
            #expect(error.path == path)
            #expect(!error.description.contains("\n"))
            return error.reason
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        #expect(reason(directory.path("absent.mp4")) == .fileNotFound)
    }

    @Test func zeroBytes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("empty.mp4")
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(reason(path) == .emptyFile)
    }

    @Test func textNamedMP4() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes.mp4")
        try "these are not video frames\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .notMedia(let message) = reason(path) else { Issue.record("expected notMedia"); return }
        #expect(message.contains("Invalid data"))
    }

    @Test func audioOnlyFileHasNoVideoStream() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tone.wav")
        try WaveFile.sine(seconds: 0.5).write(to: URL(fileURLWithPath: path))
        #expect(reason(path) == .noVideoStream)
    }

    @Test func dimensionsAboveTheLimit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("big.mp4")
        try MovingBarVideo(width: 320, height: 180).write(to: path, count: 2, fps: 30)
        #expect(reason(path, options: .init(maxDimension: 256)) == .dimensionsTooLarge(width: 320, height: 180, limit: 256))
    }

    @Test func unknownCodecIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("odd.avi")
        try MovingBarVideo(width: 160, height: 96).write(to: path, count: 4, fps: 30)
        // Retag the stream with a FourCC no decoder knows.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let tag = Data("H264".utf8)
        var replaced = 0
        while let range = bytes.range(of: tag) { bytes.replaceSubrange(range, with: Data("QQQQ".utf8)); replaced += 1 }
        #expect(replaced > 0)
        try bytes.write(to: URL(fileURLWithPath: path))
        guard case .unsupportedCodec(let name) = reason(path) else { Issue.record("expected unsupportedCodec"); return }
        #expect(!name.isEmpty)
    }

    @Test func truncatedFileDeliversWhatItCanThenFails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("cut.mp4")
        try MovingBarVideo().write(to: path, count: 90, fps: 30)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))

        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: nil, output: .gray))
        var delivered = 0
        var failure: MediaError?
        do {
            while try decoder.nextFrame() != nil { delivered += 1 }
        } catch let error as MediaError { failure = error }
        let error = try #require(failure)
        guard case let .corruptStream(decoded, _, expected, _) = error.reason else {
            Issue.record("expected corruptStream, got \(error)"); return
        }
        #expect(expected == 90)
        #expect(decoded > 0 && decoded < 90)
        #expect(delivered == decoded)
        #expect(error.description.hasPrefix(path + ": truncated or corrupt video"))
    }

    @Test func truncatedFileCanBeToleratedAndReported() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("cut.mp4")
        try MovingBarVideo().write(to: path, count: 60, fps: 30)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count * 2 / 3).write(to: URL(fileURLWithPath: path))
        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, output: .none, tolerateCorruption: true))
        while try decoder.nextFrame() != nil {}
        #expect(decoder.report.isDamaged)
        #expect(decoder.report.decodedFrames < 60)
    }

    @Test func indexlessMP4IsCalledTruncated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("cut.mp4")
        try MovingBarVideo().write(to: path, count: 30, fps: 30)
        // Keep the ftyp box but lose the index that follows it.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(40).write(to: URL(fileURLWithPath: path))
        guard case .notMedia(let message) = reason(path) else { Issue.record("expected notMedia"); return }
        #expect(message.contains("truncated"))
    }

    @Test func encoderRejectsOddSizes() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: MediaError.self) {
            try VideoEncoder(path: directory.path("x.mp4"), options: .init(width: 101, height: 50))
        }
    }
}
