import Foundation

/// What `routine inspect` reports: the file's description and the result of decoding all of it
/// at the analysis settings.
public struct VideoInspection: Sendable {
    public let info: VideoInfo
    public let options: DecodeOptions
    public let outputSize: (width: Int, height: Int)
    public let report: DecodeReport
    /// Wall-clock seconds spent decoding.
    public let seconds: Double
    /// Set when the stream turned out damaged; the counts in `report` are still valid.
    public let error: MediaError?

    /// Decodes the whole file; throws only when it cannot be opened at all.
    public static func run(path: String, options: DecodeOptions) throws -> VideoInspection {
        let decoder = try VideoDecoder(path: path, options: options)
        let start = DispatchTime.now().uptimeNanoseconds
        var failure: MediaError? = nil
        do {
            while try decoder.nextFrame() != nil {}
        } catch let error as MediaError {
            failure = error
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return VideoInspection(info: decoder.info, options: options, outputSize: decoder.outputSize,
                               report: decoder.report, seconds: seconds, error: failure)
    }

    /// Human-readable lines, one fact each.
    public var lines: [String] {
        func fmt(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
        var lines = [
            "file:      \(info.path)",
            "container: \(info.container) (\(info.streamCount) streams, \(info.videoStreamCount) video)",
            "codec:     \(info.codec), \(info.pixelFormat)" + (info.bitRate.map { ", \($0 / 1000) kb/s" } ?? ""),
            "size:      \(info.width)x\(info.height), rotation \(info.rotation)°, displayed \(info.displayWidth)x\(info.displayHeight)",
            "fps:       \(fmt(info.frameRate)) (average declared)",
            "duration:  " + (info.duration.map { fmt($0) + " s" } ?? "unknown")
                + (info.frameCount.map { ", \($0) frames declared" } ?? ""),
        ]
        let rate: String
        switch options.rate {
        case .native: rate = "native rate"
        case .fps(let fps): rate = "\(fmt(fps, fps.rounded() == fps ? 0 : 3)) fps"
        }
        lines.append("analysis:  \(rate), \(outputSize.width)x\(outputSize.height): \(report.analysisFrames) frames "
            + "from \(report.decodedFrames) decoded (\(report.failedPackets) failed) in \(fmt(seconds, 2)) s")
        return lines
    }
}
