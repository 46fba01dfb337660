import CFFmpeg

/// A small RGB picture stored as baseline JPEG bytes (FFmpeg's MJPEG codec): how the exemplar
/// pictures travel inside a model file, a tenth of the raw pixels' size.
public struct JPEGPicture: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// The JPEG file bytes (SOI … EOI), readable by any JPEG decoder.
    public let bytes: [UInt8]

    /// Compresses packed RGB24 pixels. `quality` is MJPEG's qscale, 2 (best) … 31 (smallest).
    /// The same pixels give the same bytes (bit-exact encoder, no metadata).
    public init(width: Int, height: Int, rgb: [UInt8], quality: Int = 5) throws {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0, rgb.count == width * height * 3 else {
            throw MediaError(path: "<jpeg>", reason: .invalidArgument(
                "JPEG picture needs even positive dimensions and \(width)x\(height)x3 bytes, got \(rgb.count)"))
        }
        do {
            guard let codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG) else {
                throw MediaError(path: "<jpeg>", reason: .unsupportedCodec("mjpeg"))
            }
            let context = try CodecContext(codec: codec)
            let c = context.pointer
            c.pointee.width = Int32(width)
            c.pointee.height = Int32(height)
            c.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
            c.pointee.time_base = AVRational(num: 1, den: 25)
            c.pointee.flags |= CFFMPEG_AV_CODEC_FLAG_QSCALE
            c.pointee.flags |= CFFMPEG_AV_CODEC_FLAG_BITEXACT
            c.pointee.global_quality = Int32(max(2, min(31, quality))) * CFFMPEG_FF_QP2LAMBDA
            c.pointee.thread_count = 1
            try context.open()
            let frame = try Frame(width: width, height: height, format: AV_PIX_FMT_YUVJ420P)
            frame.pointer.pointee.quality = c.pointee.global_quality
            frame.pointer.pointee.pts = 0
            let scaler = try Scaler(from: (width, height, AV_PIX_FMT_RGB24), to: (width, height, AV_PIX_FMT_YUVJ420P),
                                    flags: SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT)
            scaler.scale(packed: rgb, channels: 3, into: frame)
            try check(avcodec_send_frame(c, frame.pointer), "avcodec_send_frame")
            try check(avcodec_send_frame(c, nil), "avcodec_send_frame")
            let packet = try Packet()
            try check(avcodec_receive_packet(c, packet.pointer), "avcodec_receive_packet")
            defer { packet.unref() }
            bytes = Array(UnsafeBufferPointer(start: packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size)))
        } catch let error as FFmpegError {
            throw MediaError(path: "<jpeg>", error)
        }
        self.width = width
        self.height = height
    }

    /// Wraps JPEG bytes read back from storage; `decodedRGB()` checks them.
    public init(bytes: [UInt8], width: Int, height: Int) {
        self.bytes = bytes
        self.width = width
        self.height = height
    }

    /// Decompresses to packed RGB24 pixels (`width × height × 3`).
    public func decodedRGB() throws -> [UInt8] {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw MediaError(path: "<jpeg>", reason: .notMedia("no JPEG start-of-image marker"))
        }
        do {
            guard let codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG) else {
                throw MediaError(path: "<jpeg>", reason: .unsupportedCodec("mjpeg"))
            }
            let context = try CodecContext(codec: codec)
            context.pointer.pointee.thread_count = 1
            try context.open()
            let packet = try Packet()
            // The decoder reads up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end: copy into a padded buffer.
            try check(av_new_packet(packet.pointer, Int32(bytes.count)), "av_new_packet")
            defer { packet.unref() }
            bytes.withUnsafeBufferPointer { packet.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
            try check(avcodec_send_packet(context.pointer, packet.pointer), "avcodec_send_packet")
            let frame = try Frame()
            try check(avcodec_receive_frame(context.pointer, frame.pointer), "avcodec_receive_frame")
            guard frame.width == width, frame.height == height else {
                throw MediaError(path: "<jpeg>", reason: .invalidDimensions(width: frame.width, height: frame.height))
            }
            let scaler = try Scaler(from: (width, height, frame.pixelFormat), to: (width, height, AV_PIX_FMT_RGB24),
                                    flags: SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT)
            return scaler.scale(frame, channels: 3)
        } catch let error as FFmpegError {
            throw MediaError(path: "<jpeg>", error)
        }
    }
}
