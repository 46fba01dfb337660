import CFFmpeg
import Foundation
import Logging

/// Writes an MP4 from packed RGB24 frames: H.264 (libx264), or MPEG-4 part 2 when this
/// FFmpeg build has no libx264.
///
/// Output is deterministic in practice: fixed encoder threads and FFmpeg's bit-exact flags, so
/// the same frames give the same bytes — except that, in a process busy with other encoders
/// and decoders (the test suite), libx264 has been seen to write a file a few bytes apart
/// (cause not found); the pictures decode the same.
public final class VideoEncoder {
    public enum Codec: String, Sendable {
        case h264, mpeg4
    }

    public struct Options: Sendable {
        public var width: Int
        public var height: Int
        /// Nominal frames per second; frames appended without a time are spaced 1/fps apart.
        public var fps: Int
        public var codec: Codec
        /// x264 constant rate factor (lower is better quality); 18–28 is sensible.
        public var quality: Int
        /// x264 preset: speed against compression.
        public var preset: String
        /// Clockwise display rotation written as container metadata (0, 90, 180, 270).
        public var rotation: Int
        /// Distance between keyframes in frames.
        public var keyframeInterval: Int
        /// Encoder threads; fixed (not "auto") so output bytes do not depend on the machine.
        public var threads: Int
        /// Frames are given explicit times (`append(rgb:at:)`): a millisecond time base is used.
        public var variableFrameRate: Bool

        public init(width: Int, height: Int, fps: Int = 30, codec: Codec = .h264, quality: Int = 23,
                    preset: String = "veryfast", rotation: Int = 0, keyframeInterval: Int = 60,
                    threads: Int = 2, variableFrameRate: Bool = false) {
            self.width = width
            self.height = height
            self.fps = fps
            self.codec = codec
            self.quality = quality
            self.preset = preset
            self.rotation = rotation
            self.keyframeInterval = keyframeInterval
            self.threads = threads
            self.variableFrameRate = variableFrameRate
        }
    }

    public let path: String
    public let options: Options
    /// The codec actually used (`h264` unless it fell back to `mpeg4`).
    public let codec: Codec

    private let output: OutputFile
    private let context: CodecContext
    private let stream: UnsafeMutablePointer<AVStream>
    private let picture: Frame
    private let scaler: Scaler
    private let packet: Packet
    private var nextIndex: Int64 = 0
    private var lastTimestamp: Int64 = -1
    private var finished = false

    /// Creates `path` (overwriting it) ready for frames.
    public init(path: String, options: Options, logger: Logger = Logger(label: "routine.media")) throws {
        self.path = path
        self.options = options
        guard options.width >= 16, options.height >= 16, options.width % 2 == 0, options.height % 2 == 0,
              options.width <= 8192, options.height <= 8192 else {
            throw MediaError(path: path, reason: .invalidArgument(
                "frame size must be even and between 16 and 8192 pixels, got \(options.width)x\(options.height)"))
        }
        guard options.fps > 0 else {
            throw MediaError(path: path, reason: .invalidArgument("fps must be positive, got \(options.fps)"))
        }
        FFmpegLibrary.configure()

        var chosen = options.codec
        var encoder: UnsafePointer<AVCodec>? = nil
        if chosen == .h264 {
            encoder = avcodec_find_encoder_by_name("libx264")
            if encoder == nil {
                logger.warning("libx264 is not available in this FFmpeg build; writing MPEG-4 part 2 instead", metadata: ["file": "\(path)"])
                chosen = .mpeg4
            }
        }
        if chosen == .mpeg4 { encoder = avcodec_find_encoder(AV_CODEC_ID_MPEG4) }
        guard let encoder else {
            throw MediaError(path: path, reason: .unsupportedCodec(chosen.rawValue))
        }
        codec = chosen

        do {
            output = try OutputFile(path: path)
            stream = try output.addStream()
            context = try CodecContext(codec: encoder)
            let c = context.pointer
            c.pointee.width = Int32(options.width)
            c.pointee.height = Int32(options.height)
            c.pointee.pix_fmt = AV_PIX_FMT_YUV420P
            c.pointee.time_base = options.variableFrameRate ? AVRational(num: 1, den: 1000) : AVRational(num: 1, den: Int32(options.fps))
            c.pointee.framerate = AVRational(num: Int32(options.fps), den: 1)
            c.pointee.gop_size = Int32(options.keyframeInterval)
            c.pointee.thread_count = Int32(max(1, options.threads))
            c.pointee.flags |= AV_CODEC_FLAG_BITEXACT
            if output.needsGlobalHeader { c.pointee.flags |= CFFMPEG_AV_CODEC_FLAG_GLOBAL_HEADER }
            var codecOptions: [String: String] = [:]
            if chosen == .h264 {
                codecOptions = ["crf": String(options.quality), "preset": options.preset]
            } else {
                c.pointee.flags |= AV_CODEC_FLAG_QSCALE
                c.pointee.global_quality = Int32(FF_QP2LAMBDA) * Int32(max(2, min(31, options.quality / 5)))
            }
            try context.open(options: codecOptions)
            try check(avcodec_parameters_from_context(stream.pointee.codecpar, c), "avcodec_parameters_from_context")
            stream.pointee.time_base = c.pointee.time_base
            if options.rotation % 360 != 0 {
                try check(cffmpeg_stream_set_rotation(stream, Double(options.rotation)), "av_stream_new_side_data")
            }
            output.pointer.pointee.flags |= AVFMT_FLAG_BITEXACT
            try output.writeHeader(options: ["movflags": "+faststart"])
            picture = try Frame(width: options.width, height: options.height, format: AV_PIX_FMT_YUV420P)
            scaler = try Scaler(from: (options.width, options.height, AV_PIX_FMT_RGB24),
                                to: (options.width, options.height, AV_PIX_FMT_YUV420P),
                                flags: SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT)
            packet = try Packet()
        } catch let error as FFmpegError {
            throw MediaError(path: path, error)
        }
    }

    /// Appends a frame at the next 1/fps step.
    public func append(rgb: [UInt8]) throws {
        let timestamp = options.variableFrameRate ? nextIndex * 1000 / Int64(options.fps) : nextIndex
        try encode(rgb: rgb, timestamp: timestamp)
    }

    /// Appends a frame shown from `time` seconds (variable frame rate files); times must increase.
    public func append(rgb: [UInt8], at time: Double) throws {
        guard options.variableFrameRate else {
            throw MediaError(path: path, reason: .invalidArgument("explicit frame times need Options.variableFrameRate"))
        }
        try encode(rgb: rgb, timestamp: Int64((time * 1000).rounded()))
    }

    /// Flushes the encoder and completes the file. Required: a file not finished is unreadable.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        do {
            try send(nil)
            try output.writeTrailer()
        } catch let error as FFmpegError {
            throw MediaError(path: path, error)
        }
    }

    private func encode(rgb: [UInt8], timestamp: Int64) throws {
        guard !finished else { throw MediaError(path: path, reason: .invalidArgument("frame appended after finish()")) }
        guard rgb.count == options.width * options.height * 3 else {
            throw MediaError(path: path, reason: .invalidArgument(
                "frame has \(rgb.count) bytes, expected \(options.width)x\(options.height)x3"))
        }
        guard timestamp > lastTimestamp else {
            throw MediaError(path: path, reason: .invalidArgument("frame times must increase"))
        }
        lastTimestamp = timestamp
        do {
            try check(av_frame_make_writable(picture.pointer), "av_frame_make_writable")
            scaler.scale(packed: rgb, channels: 3, into: picture)
            picture.pointer.pointee.pts = timestamp
            nextIndex += 1
            try send(picture)
        } catch let error as FFmpegError {
            throw MediaError(path: path, error)
        }
    }

    /// Sends a picture (or `nil` to flush) and writes every packet the encoder has ready.
    private func send(_ frame: Frame?) throws {
        try check(avcodec_send_frame(context.pointer, frame?.pointer), "avcodec_send_frame")
        while true {
            let result = avcodec_receive_packet(context.pointer, packet.pointer)
            if result == CFFMPEG_AVERROR_EAGAIN || result == CFFMPEG_AVERROR_EOF { return }
            try check(result, "avcodec_receive_packet")
            if packet.pointer.pointee.duration == 0 {
                // libx264 leaves durations unset; without them the muxer's edit list ends one
                // frame early and demuxers drop the last frame (the ffmpeg CLI fills them the same way).
                packet.pointer.pointee.duration = options.variableFrameRate ? Int64(1000 / options.fps) : 1
            }
            av_packet_rescale_ts(packet.pointer, context.pointer.pointee.time_base, stream.pointee.time_base)
            packet.pointer.pointee.stream_index = stream.pointee.index
            try output.write(packet)
        }
    }
}
