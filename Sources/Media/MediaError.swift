/// Why a video could not be read or written, with the file it concerns.
///
/// `description` is one line, `FILE: reason`, fit for a batch log.
public struct MediaError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case fileNotFound
        case emptyFile
        /// FFmpeg could not recognise a container; carries FFmpeg's message.
        case notMedia(String)
        case noVideoStream
        case unsupportedCodec(String)
        /// The stream ended early or had undecodable data; the decodable frames were delivered.
        case corruptStream(decodedFrames: Int, failedPackets: Int, expectedFrames: Int?, message: String)
        case dimensionsTooLarge(width: Int, height: Int, limit: Int)
        case invalidDimensions(width: Int, height: Int)
        /// An FFmpeg call failed; carries the call and FFmpeg's message.
        case ffmpeg(operation: String, message: String)
        case invalidArgument(String)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    init(path: String, _ error: FFmpegError) {
        self.init(path: path, reason: .ffmpeg(operation: error.operation, message: error.message))
    }

    public var description: String { "\(path): \(reasonText)" }

    /// The reason alone, without the path.
    public var reasonText: String {
        switch reason {
        case .fileNotFound:
            return "file not found"
        case .emptyFile:
            return "file is empty (0 bytes)"
        case .notMedia(let message):
            return "not a readable video file (\(message))"
        case .noVideoStream:
            return "no video stream in the file"
        case .unsupportedCodec(let codec):
            return "video codec '\(codec)' is not supported by this FFmpeg build"
        case let .corruptStream(decoded, failed, expected, message):
            let of = expected.map { " of \($0) expected" } ?? ""
            return "truncated or corrupt video: \(decoded) frames decoded\(of), \(failed) packets failed (\(message))"
        case let .dimensionsTooLarge(width, height, limit):
            return "video is \(width)x\(height), above the \(limit)x\(limit) limit"
        case let .invalidDimensions(width, height):
            return "video reports invalid dimensions \(width)x\(height)"
        case let .ffmpeg(operation, message):
            return "\(operation) failed: \(message)"
        case .invalidArgument(let message):
            return message
        }
    }
}
