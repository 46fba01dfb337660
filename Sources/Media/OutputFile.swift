import CFFmpeg

/// An owned output container being written (`AVFormatContext` with its `AVIOContext`).
final class OutputFile {
    let pointer: UnsafeMutablePointer<AVFormatContext>
    private var headerWritten = false
    private var trailerWritten = false

    /// Creates the container for `path`; the format is chosen from the extension.
    init(path: String) throws {
        FFmpegLibrary.configure()
        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        try check(avformat_alloc_output_context2(&context, nil, nil, path), "avformat_alloc_output_context2")
        guard let created = context else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "avformat_alloc_output_context2")
        }
        pointer = created
        if pointer.pointee.oformat.pointee.flags & CFFMPEG_AVFMT_NOFILE == 0 {
            try check(avio_open(&pointer.pointee.pb, path, CFFMPEG_AVIO_FLAG_WRITE), "avio_open")
        }
    }

    var needsGlobalHeader: Bool { pointer.pointee.oformat.pointee.flags & CFFMPEG_AVFMT_GLOBALHEADER != 0 }

    func addStream() throws -> UnsafeMutablePointer<AVStream> {
        guard let stream = avformat_new_stream(pointer, nil) else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "avformat_new_stream")
        }
        return stream
    }

    func writeHeader(options: [String: String]) throws {
        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        try check(avformat_write_header(pointer, &dictionary), "avformat_write_header")
        headerWritten = true
    }

    func write(_ packet: Packet) throws {
        try check(av_interleaved_write_frame(pointer, packet.pointer), "av_interleaved_write_frame")
    }

    func writeTrailer() throws {
        guard headerWritten, !trailerWritten else { return }
        trailerWritten = true
        try check(av_write_trailer(pointer), "av_write_trailer")
    }

    deinit {
        if pointer.pointee.oformat.pointee.flags & CFFMPEG_AVFMT_NOFILE == 0 {
            avio_closep(&pointer.pointee.pb)
        }
        avformat_free_context(pointer)
    }
}
