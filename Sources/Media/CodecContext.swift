import CFFmpeg

/// An owned `AVCodecContext`, for decoding or encoding one stream.
final class CodecContext {
    let pointer: UnsafeMutablePointer<AVCodecContext>
    let codec: UnsafePointer<AVCodec>

    init(codec: UnsafePointer<AVCodec>) throws {
        guard let context = avcodec_alloc_context3(codec) else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "avcodec_alloc_context3")
        }
        self.pointer = context
        self.codec = codec
    }

    /// Opens the codec with the context's current settings and the given private options.
    func open(options: [String: String] = [:]) throws {
        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        try check(avcodec_open2(pointer, codec, &dictionary), "avcodec_open2")
    }

    var name: String { String(cString: codec.pointee.name) }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = pointer
        avcodec_free_context(&context)
    }
}
