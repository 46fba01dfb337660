/// Media: decoding any container/codec FFmpeg reads into frames at an analysis rate and size,
/// and encoding H.264 MP4 from RGB frames.
///
/// Every FFmpeg resource is owned by one final class that frees it in `deinit`
/// (`InputFile`, `OutputFile`, `CodecContext`, `Frame`, `Packet`, `Scaler`). None of them is
/// `Sendable`: a decoder or an encoder lives on one thread, and what crosses threads are plain
/// Swift values (`VideoFrame` with `[UInt8]` pixel buffers).
import CFFmpeg
import Foundation

/// FFmpeg's own logging is silenced once per process: the project reports problems through
/// `MediaError` and `DecodeReport`. Set `ROUTINE_FFMPEG_LOG=info` (or `warning`, `error`,
/// `debug`) to see FFmpeg's messages when investigating a file.
enum FFmpegLibrary {
    static let configured: Void = {
        let levels: [String: Int32] = [
            "quiet": AV_LOG_QUIET, "error": AV_LOG_ERROR, "warning": AV_LOG_WARNING,
            "info": AV_LOG_INFO, "verbose": AV_LOG_VERBOSE, "debug": AV_LOG_DEBUG,
        ]
        let name = ProcessInfo.processInfo.environment["ROUTINE_FFMPEG_LOG"]?.lowercased() ?? "quiet"
        av_log_set_level(levels[name] ?? AV_LOG_QUIET)
    }()

    static func configure() { _ = configured }
}
