import CFFmpeg

/// An owned, opened input container (`AVFormatContext` from `avformat_open_input`).
final class InputFile {
    let pointer: UnsafeMutablePointer<AVFormatContext>

    /// Opens `path` and reads enough of it to know its streams.
    init(path: String) throws {
        FFmpegLibrary.configure()
        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        try check(avformat_open_input(&context, path, nil, nil), "avformat_open_input")
        guard let opened = context else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "avformat_open_input")
        }
        pointer = opened
        // `deinit` closes the context if this throws: `self` is fully initialised here.
        try check(avformat_find_stream_info(pointer, nil), "avformat_find_stream_info")
    }

    var streamCount: Int { Int(pointer.pointee.nb_streams) }

    func stream(at index: Int) -> UnsafeMutablePointer<AVStream> {
        pointer.pointee.streams[index]!
    }

    var formatName: String { String(cString: pointer.pointee.iformat.pointee.name) }

    /// The container's duration in seconds, when it declares one.
    var duration: Double? {
        let value = pointer.pointee.duration
        return value > 0 ? Double(value) / Double(AV_TIME_BASE) : nil
    }

    /// Reads the next packet of any stream into `packet`; throws `.endOfFile` at the end.
    func read(into packet: Packet) throws {
        try check(av_read_frame(pointer, packet.pointer), "av_read_frame")
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = pointer
        avformat_close_input(&context)
    }
}
