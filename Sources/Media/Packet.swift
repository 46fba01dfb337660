import CFFmpeg

/// An owned `AVPacket`: compressed data read from a container or produced by an encoder.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() throws {
        guard let packet = av_packet_alloc() else {
            throw FFmpegError(code: cffmpeg_averror(ENOMEM), operation: "av_packet_alloc")
        }
        pointer = packet
    }

    /// Releases the packet's data so the packet can be filled again.
    func unref() { av_packet_unref(pointer) }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }
}
