import CFFmpeg

/// An error code returned by an FFmpeg call, with FFmpeg's own message (`av_strerror`).
public struct FFmpegError: Error, Equatable, CustomStringConvertible {
    /// The negative error code FFmpeg returned.
    public let code: Int32
    /// The FFmpeg function that failed.
    public let operation: String
    /// FFmpeg's message for `code`.
    public var message: String { FFmpegError.message(for: code) }

    /// The codes the decoding and encoding loops branch on.
    public enum Kind: Equatable {
        case tryAgain, endOfFile, invalidData, other
    }

    public var kind: Kind {
        switch code {
        case CFFMPEG_AVERROR_EAGAIN: return .tryAgain
        case CFFMPEG_AVERROR_EOF: return .endOfFile
        case CFFMPEG_AVERROR_INVALIDDATA: return .invalidData
        default: return .other
        }
    }

    public var description: String { "\(operation): \(message)" }

    /// FFmpeg's text for an error code.
    public static func message(for code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { pointer in
            String(cString: cffmpeg_strerror(code, pointer.baseAddress, pointer.count))
        }
    }
}

/// The one checking helper every FFmpeg call goes through: a negative result becomes an
/// `FFmpegError`, a non-negative one is returned.
@discardableResult
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if result < 0 { throw FFmpegError(code: result, operation: operation()) }
    return result
}
