import CFFmpeg

/// An owned `AVFrame`: one decoded picture, or one picture to encode.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws {
        guard let frame = av_frame_alloc() else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "av_frame_alloc")
        }
        pointer = frame
    }

    /// A frame with its own pixel buffers of the given format and size.
    convenience init(width: Int, height: Int, format: AVPixelFormat) throws {
        try self.init()
        pointer.pointee.width = Int32(width)
        pointer.pointee.height = Int32(height)
        pointer.pointee.format = format.rawValue
        try check(av_frame_get_buffer(pointer, 0), "av_frame_get_buffer")
    }

    var width: Int { Int(pointer.pointee.width) }
    var height: Int { Int(pointer.pointee.height) }
    var pixelFormat: AVPixelFormat { AVPixelFormat(rawValue: pointer.pointee.format) }

    /// The size of each chroma plane for 8-bit planar YUV formats (planes 1 and 2), nil for
    /// any other layout.
    static func chromaPlaneSize(_ format: AVPixelFormat, width: Int, height: Int) -> (width: Int, height: Int)? {
        let half = { (n: Int) in (n + 1) / 2 }
        switch format {
        case AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P: return (half(width), half(height))
        case AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P: return (half(width), height)
        case AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUVJ444P: return (width, height)
        case AV_PIX_FMT_YUV440P, AV_PIX_FMT_YUVJ440P: return (width, half(height))
        case AV_PIX_FMT_YUV411P, AV_PIX_FMT_YUVJ411P: return ((width + 3) / 4, height)
        default: return nil
        }
    }

    /// Takes over `other`'s buffers, leaving `other` empty (av_frame_move_ref).
    func take(from other: Frame) {
        av_frame_unref(pointer)
        av_frame_move_ref(pointer, other.pointer)
    }

    func unref() { av_frame_unref(pointer) }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }
}
