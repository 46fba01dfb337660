import CFFmpeg
import Foundation

/// Streams the frames of one video at an analysis rate and size.
///
/// A pull iterator (`nextFrame()`) rather than an `AsyncSequence`: the FFmpeg handles are not
/// `Sendable` and must stay on one thread, and pulling gives back-pressure for free, so at most
/// one decoded frame plus the codec's own thread buffers are alive at any time and memory does
/// not grow with the length of the video. A caller that wants decoding on its own thread runs
/// the loop there and hands the `VideoFrame` values (plain Swift buffers) across.
public final class VideoDecoder {
    public let info: VideoInfo
    public let options: DecodeOptions
    /// Counts so far; final once `nextFrame()` has returned `nil` or thrown.
    public private(set) var report = DecodeReport()

    private let opened: OpenedVideo
    private let codec: CodecContext
    private let packet: Packet
    private let decoded: Frame
    /// At a fixed analysis rate, the previous frame waits until the next one tells where its
    /// screen time ends.
    private let held: Frame
    private var heldTime: Double?
    private var heldSourceIndex = 0
    private var lastInterval: Double
    private var sampler: FrameSampler?
    private var firstTimestamp: Int64?
    private var ready: [VideoFrame] = []
    private var readyPosition = 0
    private var state = State.reading
    private var scalers: [Int: Scaler] = [:]
    /// Scales one chroma plane (Cb or Cr) to half the output size (``DecodeOptions/Output/chroma``).
    private var chromaScaler: Scaler?

    private enum State { case reading, finished, failed }

    public var path: String { info.path }

    /// Opens `path` for decoding; throws `MediaError` when it is not a decodable video.
    public init(path: String, options: DecodeOptions = DecodeOptions()) throws {
        if case .fps(let fps) = options.rate, !(fps > 0) {
            throw MediaError(path: path, reason: .invalidArgument("analysis rate must be positive, got \(fps)"))
        }
        if let side = options.shortSide, side < 2 || side > options.maxDimension {
            throw MediaError(path: path, reason: .invalidArgument("analysis size must be between 2 and \(options.maxDimension), got \(side)"))
        }
        self.options = options
        opened = try OpenedVideo(path: path, maxDimension: options.maxDimension)
        info = opened.info
        do {
            codec = try CodecContext(codec: opened.decoder)
            try check(avcodec_parameters_to_context(codec.pointer, opened.stream.pointee.codecpar),
                      "avcodec_parameters_to_context")
            codec.pointer.pointee.pkt_timebase = opened.stream.pointee.time_base
            codec.pointer.pointee.thread_count = Int32(options.threads > 0 ? options.threads : DecodeOptions.automaticThreadCount)
            codec.pointer.pointee.thread_type = CFFMPEG_FF_THREAD_FRAME | CFFMPEG_FF_THREAD_SLICE
            if options.skipLoopFilter { codec.pointer.pointee.skip_loop_filter = AVDISCARD_ALL }
            try codec.open()
            packet = try Packet()
            decoded = try Frame()
            held = try Frame()
        } catch let error as FFmpegError {
            throw MediaError(path: path, error)
        }
        for index in 0..<opened.input.streamCount where index != opened.streamIndex {
            opened.input.stream(at: index).pointee.discard = AVDISCARD_ALL
        }
        report.expectedFrames = info.frameCount
        lastInterval = info.frameRate > 0 ? 1 / info.frameRate : 1.0 / 30
        if case .fps(let fps) = options.rate { sampler = FrameSampler(fps: fps) }
    }

    /// The size of the analysis frames (displayed orientation).
    public var outputSize: (width: Int, height: Int) {
        guard let side = options.shortSide else { return (info.displayWidth, info.displayHeight) }
        let w = Double(info.displayWidth), h = Double(info.displayHeight)
        if w <= h { return (side, max(2, Int((h * Double(side) / w).rounded()))) }
        return (max(2, Int((w * Double(side) / h).rounded())), side)
    }

    /// The next analysis frame, or `nil` at the end of the video.
    ///
    /// A damaged stream delivers every decodable frame and then throws
    /// `MediaError.Reason.corruptStream`, unless `tolerateCorruption` is set.
    public func nextFrame() throws -> VideoFrame? {
        while readyPosition == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyPosition = 0
            switch state {
            case .reading:
                try step()
            case .finished:
                if report.isDamaged && !options.tolerateCorruption {
                    state = .failed
                    throw MediaError(path: path, reason: .corruptStream(
                        decodedFrames: report.decodedFrames, failedPackets: report.failedPackets,
                        expectedFrames: report.expectedFrames, message: report.damageDescription))
                }
                return nil
            case .failed:
                return nil
            }
        }
        defer { readyPosition += 1 }
        report.analysisFrames += 1
        return ready[readyPosition]
    }

    /// Calls `body` with every analysis frame in order.
    public func forEachFrame(_ body: (VideoFrame) throws -> Void) throws {
        while let frame = try nextFrame() { try body(frame) }
    }

    // MARK: - Decoding loop

    /// Reads one packet and decodes what it yields; at the end of the file, drains the codec.
    private func step() throws {
        do {
            try opened.input.read(into: packet)
        } catch let error as FFmpegError {
            if error.kind != .endOfFile { report.readError = error.message }
            try drain()
            return
        }
        defer { packet.unref() }
        guard Int(packet.pointer.pointee.stream_index) == opened.streamIndex else { return }
        let sent = avcodec_send_packet(codec.pointer, packet.pointer)
        if sent < 0 {
            if sent == CFFMPEG_AVERROR_INVALIDDATA { report.failedPackets += 1; return }
            throw MediaError(path: path, FFmpegError(code: sent, operation: "avcodec_send_packet"))
        }
        try receiveFrames()
    }

    private func drain() throws {
        _ = avcodec_send_packet(codec.pointer, nil)
        try receiveFrames()
        if let start = heldTime {
            try emitHeld(until: start + lastInterval)
        }
        state = .finished
    }

    private func receiveFrames() throws {
        while true {
            let result = avcodec_receive_frame(codec.pointer, decoded.pointer)
            if result == CFFMPEG_AVERROR_EAGAIN || result == CFFMPEG_AVERROR_EOF { return }
            if result == CFFMPEG_AVERROR_INVALIDDATA { report.failedPackets += 1; continue }
            if result < 0 { throw MediaError(path: path, FFmpegError(code: result, operation: "avcodec_receive_frame")) }
            if decoded.pointer.pointee.decode_error_flags != 0 || decoded.pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0 {
                report.failedPackets += 1
            }
            try handleDecoded()
        }
    }

    private func handleDecoded() throws {
        let time = presentationTime(of: decoded)
        let sourceIndex = report.decodedFrames
        report.decodedFrames += 1
        report.lastFrameTime = max(report.lastFrameTime, time)
        guard sampler != nil else {
            ready.append(try convert(decoded, index: sourceIndex, time: time, sourceIndex: sourceIndex, sourceTime: time))
            decoded.unref()
            return
        }
        if let previous = heldTime, time > previous {
            lastInterval = time - previous
        }
        try emitHeld(until: time)
        held.take(from: decoded)
        heldTime = time
        heldSourceIndex = sourceIndex
    }

    /// Emits the held frame for every analysis sample it is on screen for, converting it once.
    private func emitHeld(until end: Double) throws {
        guard let start = heldTime, var sampler else { return }
        let samples = sampler.samples(until: end)
        self.sampler = sampler
        guard let first = samples.first else { return }
        let frame = try convert(held, index: first, time: sampler.time(ofSample: first), sourceIndex: heldSourceIndex, sourceTime: start,
                                rgb: samples.contains(where: wantsRGB))
        ready.append(frame)
        for index in samples.dropFirst() {
            ready.append(VideoFrame(index: index, time: sampler.time(ofSample: index), sourceIndex: frame.sourceIndex,
                                    sourceTime: frame.sourceTime, width: frame.width, height: frame.height,
                                    rgb: frame.rgb, gray: frame.gray, chroma: frame.chroma))
        }
    }

    /// Seconds from the first decoded frame, from the best-effort presentation timestamp.
    private func presentationTime(of frame: Frame) -> Double {
        var timestamp = frame.pointer.pointee.best_effort_timestamp
        if timestamp == CFFMPEG_AV_NOPTS_VALUE { timestamp = frame.pointer.pointee.pts }
        if timestamp == CFFMPEG_AV_NOPTS_VALUE {
            // No timestamps at all: fall back to the declared rate.
            return Double(report.decodedFrames) * lastInterval
        }
        if firstTimestamp == nil { firstTimestamp = timestamp }
        let base = opened.stream.pointee.time_base
        return Double(timestamp - firstTimestamp!) * Double(base.num) / Double(base.den)
    }

    // MARK: - Pixel conversion

    /// Whether analysis frame `index` carries RGB (``DecodeOptions/rgbEvery``).
    private func wantsRGB(_ index: Int) -> Bool {
        options.output.contains(.rgb) && (options.rgbEvery <= 1 || index % options.rgbEvery == options.rgbPhase)
    }

    private func convert(_ frame: Frame, index: Int, time: Double, sourceIndex: Int, sourceTime: Double, rgb withRGB: Bool? = nil) throws -> VideoFrame {
        let size = outputSize
        var rgb: [UInt8]? = nil
        var gray: [UInt8]? = nil
        if withRGB ?? wantsRGB(index) { rgb = try scaled(frame, format: AV_PIX_FMT_RGB24, channels: 3) }
        if options.output.contains(.gray) { gray = try scaled(frame, format: AV_PIX_FMT_GRAY8, channels: 1) }
        let chroma = options.output.contains(.chroma) ? try chromaPlanes(frame) : nil
        return VideoFrame(index: index, time: time, sourceIndex: sourceIndex, sourceTime: sourceTime,
                          width: size.width, height: size.height, rgb: rgb, gray: gray, chroma: chroma)
    }

    /// Cb then Cr at half the output size, each plane scaled on its own as a grey image (no
    /// colour conversion, no pass over the luma); nil unless the source is 8-bit planar YUV.
    private func chromaPlanes(_ frame: Frame) throws -> [UInt8]? {
        guard let planes = Frame.chromaPlaneSize(frame.pixelFormat, width: frame.width, height: frame.height) else { return nil }
        let size = outputSize
        let rotated = info.rotation % 180 != 0
        let (width, height) = (size.width / 2, size.height / 2)
        let (codedWidth, codedHeight) = rotated ? (height, width) : (width, height)
        guard width > 0, height > 0 else { return nil }
        if chromaScaler.map({ !$0.matches(width: planes.width, height: planes.height, format: AV_PIX_FMT_GRAY8) }) ?? true {
            do {
                chromaScaler = try Scaler(from: (planes.width, planes.height, AV_PIX_FMT_GRAY8), to: (codedWidth, codedHeight, AV_PIX_FMT_GRAY8))
            } catch let error as FFmpegError {
                throw MediaError(path: path, error)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(2 * width * height)
        for plane in 1...2 {
            let pixels = chromaScaler!.scale(plane: plane, of: frame)
            out += info.rotation == 0 ? pixels
                : ImageRotation.rotate(pixels, width: codedWidth, height: codedHeight, channels: 1, clockwise: info.rotation).pixels
        }
        return out
    }

    /// Scales to the analysis size in coded orientation, then turns the small result upright.
    private func scaled(_ frame: Frame, format: AVPixelFormat, channels: Int) throws -> [UInt8] {
        let size = outputSize
        let rotated = info.rotation % 180 != 0
        let codedWidth = rotated ? size.height : size.width
        let codedHeight = rotated ? size.width : size.height
        let key = Int(format.rawValue)
        if scalers[key].map({ !$0.matches(width: frame.width, height: frame.height, format: frame.pixelFormat) }) ?? true {
            do {
                scalers[key] = try Scaler(from: (frame.width, frame.height, frame.pixelFormat),
                                          to: (codedWidth, codedHeight, format))
            } catch let error as FFmpegError {
                throw MediaError(path: path, error)
            }
        }
        let scaler = scalers[key]!
        let pixels = scaler.scale(frame, channels: channels)
        if info.rotation == 0 { return pixels }
        return ImageRotation.rotate(pixels, width: codedWidth, height: codedHeight, channels: channels,
                                    clockwise: info.rotation).pixels
    }
}
