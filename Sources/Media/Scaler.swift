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
        guard let context = sws_getContext(
            Int32(source.width), Int32(source.height), source.format,
            Int32(destination.width), Int32(destination.height), destination.format,
            flags, nil, nil, nil)
        else {
            throw FFmpegError(code: cffmpeg_averror(EINVAL), operation: "sws_getContext")
        }
        self.context = context
        self.source = source
        self.destination = destination
    }

    func matches(width: Int, height: Int, format: AVPixelFormat) -> Bool {
        source.width == width && source.height == height && source.format == format
    }

    /// Converts `frame` into a tightly packed buffer (no row padding) of the destination format.
    func scale(_ frame: Frame, channels: Int) -> [UInt8] {
        let rowBytes = destination.width * channels
        var output = [UInt8](repeating: 0, count: rowBytes * destination.height)
        output.withUnsafeMutableBufferPointer { buffer in
            var planes: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var strides: [Int32] = [Int32(rowBytes), 0, 0, 0]
            withUnsafePointer(to: &frame.pointer.pointee.data) { dataTuple in
                withUnsafePointer(to: &frame.pointer.pointee.linesize) { linesizeTuple in
                    dataTuple.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { data in
                        linesizeTuple.withMemoryRebound(to: Int32.self, capacity: 8) { linesize in
                            _ = sws_scale(context, data, linesize, 0, Int32(source.height), &planes, &strides)
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
