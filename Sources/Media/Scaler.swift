import CFFmpeg

/// An owned libswscale context converting pictures of one size and pixel format into another.
final class Scaler {
    private let context: OpaquePointer
    let source: (width: Int, height: Int, format: AVPixelFormat)
    let destination: (width: Int, height: Int, format: AVPixelFormat)

    /// `SWS_AREA` averages source pixels when shrinking, the right filter for analysis frames.
    init(from source: (width: Int, height: Int, format: AVPixelFormat),
         to destination: (width: Int, height: Int, format: AVPixelFormat),
         flags: Int32 = SWS_AREA) throws {
        // The JPEG ("J") formats are deprecated in libswscale (it warns on stderr): ask for the
        // plain format with the full colour range instead, which is what they mean.
        let (sourceFormat, sourceFull) = Self.plainFormat(source.format)
        let (destinationFormat, destinationFull) = Self.plainFormat(destination.format)
        guard let context = sws_getContext(
            Int32(source.width), Int32(source.height), sourceFormat,
            Int32(destination.width), Int32(destination.height), destinationFormat,
            flags, nil, nil, nil)
        else {
            throw FFmpegError(code: cffmpeg_averror(EINVAL), operation: "sws_getContext")
        }
        if sourceFull || destinationFull {
            var inverse: UnsafeMutablePointer<Int32>?, table: UnsafeMutablePointer<Int32>?
            var sourceRange: Int32 = 0, destinationRange: Int32 = 0, brightness: Int32 = 0, contrast: Int32 = 0, saturation: Int32 = 0
            if sws_getColorspaceDetails(context, &inverse, &sourceRange, &table, &destinationRange, &brightness, &contrast, &saturation) >= 0 {
                _ = sws_setColorspaceDetails(context, inverse, sourceFull ? 1 : sourceRange, table, destinationFull ? 1 : destinationRange,
                                             brightness, contrast, saturation)
            }
        }
        self.context = context
        self.source = source
        self.destination = destination
    }

    /// The non-deprecated pixel format for a JPEG-range one, and whether it is full range.
    static func plainFormat(_ format: AVPixelFormat) -> (AVPixelFormat, fullRange: Bool) {
        switch format {
        case AV_PIX_FMT_YUVJ420P: (AV_PIX_FMT_YUV420P, true)
        case AV_PIX_FMT_YUVJ422P: (AV_PIX_FMT_YUV422P, true)
        case AV_PIX_FMT_YUVJ444P: (AV_PIX_FMT_YUV444P, true)
        case AV_PIX_FMT_YUVJ440P: (AV_PIX_FMT_YUV440P, true)
        case AV_PIX_FMT_YUVJ411P: (AV_PIX_FMT_YUV411P, true)
        default: (format, false)
        }
    }

    func matches(width: Int, height: Int, format: AVPixelFormat) -> Bool {
        source.width == width && source.height == height && source.format == format
    }

    /// Converts `frame` into a tightly packed buffer (no row padding) of the destination format.
    func scale(_ frame: Frame, channels: Int) -> [UInt8] {
        scale(frame, channels: channels, plane: nil)
    }

    /// Scales one plane of `frame` (a chroma plane, read as a grey image of the source size)
    /// into a tightly packed buffer.
    func scale(plane: Int, of frame: Frame) -> [UInt8] {
        scale(frame, channels: 1, plane: plane)
    }

    /// All of `frame`'s planes, or only `plane`, into a tightly packed buffer.
    private func scale(_ frame: Frame, channels: Int, plane: Int?) -> [UInt8] {
        let rowBytes = destination.width * channels
        var output = [UInt8](repeating: 0, count: rowBytes * destination.height)
        output.withUnsafeMutableBufferPointer { buffer in
            var planes: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var strides: [Int32] = [Int32(rowBytes), 0, 0, 0]
            withUnsafePointer(to: &frame.pointer.pointee.data) { dataTuple in
                withUnsafePointer(to: &frame.pointer.pointee.linesize) { linesizeTuple in
                    dataTuple.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { data in
                        linesizeTuple.withMemoryRebound(to: Int32.self, capacity: 8) { linesize in
                            var source: [UnsafePointer<UInt8>?] = (0..<8).map { data[$0] }
                            var sourceStride: [Int32] = (0..<8).map { linesize[$0] }
                            if let plane {
                                source = [data[plane], nil, nil, nil]
                                sourceStride = [linesize[plane], 0, 0, 0]
                            }
                            _ = sws_scale(context, &source, &sourceStride, 0, Int32(self.source.height), &planes, &strides)
                        }
                    }
                }
            }
        }
        return output
    }

    /// Converts a tightly packed buffer of the source format into `frame` (allocated by the caller).
    func scale(packed input: [UInt8], channels: Int, into frame: Frame) {
        input.withUnsafeBufferPointer { buffer in
            var planes: [UnsafePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var strides: [Int32] = [Int32(source.width * channels), 0, 0, 0]
            withUnsafeMutablePointer(to: &frame.pointer.pointee.data) { dataTuple in
                withUnsafeMutablePointer(to: &frame.pointer.pointee.linesize) { linesizeTuple in
                    dataTuple.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { data in
                        linesizeTuple.withMemoryRebound(to: Int32.self, capacity: 8) { linesize in
                            _ = sws_scale(context, &planes, &strides, 0, Int32(source.height), data, linesize)
                        }
                    }
                }
            }
        }
    }

    deinit { sws_freeContext(context) }
}
