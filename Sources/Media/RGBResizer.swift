import CFFmpeg

/// Resizes packed RGB24 pictures with libswscale (area averaging when shrinking): how small
/// crops are made from decoded frames without a second decode.
public enum RGBResizer {
    /// `rgb` (`width × height × 3` bytes) resized to `toWidth × toHeight`.
    public static func resize(_ rgb: [UInt8], width: Int, height: Int, toWidth: Int, toHeight: Int) throws -> [UInt8] {
        guard width > 0, height > 0, toWidth > 0, toHeight > 0, rgb.count == width * height * 3 else {
            throw MediaError(path: "<picture>", reason: .invalidArgument("cannot resize \(width)x\(height) (\(rgb.count) bytes) to \(toWidth)x\(toHeight)"))
        }
        do {
            let scaler = try Scaler(from: (width, height, AV_PIX_FMT_RGB24), to: (toWidth, toHeight, AV_PIX_FMT_RGB24),
                                    flags: (toWidth < width ? SWS_AREA : SWS_BICUBIC) | SWS_ACCURATE_RND)
            let source = try Frame(width: width, height: height, format: AV_PIX_FMT_RGB24)
            // Copy the packed rows into the frame's (possibly padded) rows, then scale frame to frame.
            let stride = Int(source.pointer.pointee.linesize.0)
            rgb.withUnsafeBufferPointer { src in
                for y in 0..<height {
                    (source.pointer.pointee.data.0! + y * stride).update(from: src.baseAddress! + y * width * 3, count: width * 3)
                }
            }
            return scaler.scale(source, channels: 3)
        } catch let error as FFmpegError {
            throw MediaError(path: "<picture>", error)
        }
    }
}
