import CFFmpeg
import Foundation

/// What the decoder sees in a file before decoding it: container, codec, size, rotation, rate.
public struct VideoInfo: Sendable, Equatable {
    public var path: String
    /// libavformat's name for the container (e.g. `mov,mp4,m4a,3gp,3g2,mj2`).
    public var container: String
    public var codec: String
    public var pixelFormat: String
    /// Coded size, before rotation.
    public var width: Int
    public var height: Int
    /// Clockwise rotation a player applies for display (0, 90, 180 or 270), from the display matrix.
    public var rotation: Int
    /// The average frame rate the container declares (frames per second).
    public var frameRate: Double
    /// Duration in seconds, when known.
    public var duration: Double?
    /// Frame count the container declares, when it does.
    public var frameCount: Int?
    public var streamCount: Int
    public var videoStreamCount: Int
    public var bitRate: Int?

    /// Size as displayed, after rotation.
    public var displayWidth: Int { rotation % 180 == 0 ? width : height }
    public var displayHeight: Int { rotation % 180 == 0 ? height : width }

    /// Opens `path`, checks it is a decodable video within `maxDimension`, and describes it.
    public static func probe(path: String, maxDimension: Int = 8192) throws -> VideoInfo {
        try OpenedVideo(path: path, maxDimension: maxDimension).info
    }
}

/// An input file with its chosen video stream and decoder, validated; shared by probing and decoding.
struct OpenedVideo {
    let input: InputFile
    let streamIndex: Int
    let stream: UnsafeMutablePointer<AVStream>
    let decoder: UnsafePointer<AVCodec>
    let info: VideoInfo

    init(path: String, maxDimension: Int) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw MediaError(path: path, reason: .fileNotFound)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else { throw MediaError(path: path, reason: .emptyFile) }

        do {
            input = try InputFile(path: path)
        } catch let error as FFmpegError {
            throw MediaError(path: path, reason: .notMedia(OpenedVideo.explain(path: path, error.message)))
        }
        guard input.streamCount > 0 else {
            throw MediaError(path: path, reason: .notMedia(OpenedVideo.explain(path: path, "no streams found")))
        }

        // The best stream has a decoder; when none has, the first video stream is kept so the
        // error can name its codec.
        let best = av_find_best_stream(input.pointer, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        var videoStreams: [Int] = []
        for index in 0..<input.streamCount
        where input.stream(at: index).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
            && input.stream(at: index).pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0 {
            videoStreams.append(index)
        }
        guard let first = videoStreams.first else { throw MediaError(path: path, reason: .noVideoStream) }
        streamIndex = best >= 0 ? Int(best) : first
        stream = input.stream(at: streamIndex)
        let parameters = stream.pointee.codecpar.pointee

        guard let codec = avcodec_find_decoder(parameters.codec_id) else {
            throw MediaError(path: path, reason: .unsupportedCodec(String(cString: avcodec_get_name(parameters.codec_id))))
        }
        decoder = codec

        let width = Int(parameters.width), height = Int(parameters.height)
        guard width > 0, height > 0 else {
            throw MediaError(path: path, reason: .invalidDimensions(width: width, height: height))
        }
        guard width <= maxDimension, height <= maxDimension else {
            throw MediaError(path: path, reason: .dimensionsTooLarge(width: width, height: height, limit: maxDimension))
        }

        let clockwise = -cffmpeg_stream_rotation(stream)
        let rotation = ((Int((clockwise / 90).rounded()) * 90) % 360 + 360) % 360
        let rate = stream.pointee.avg_frame_rate.num > 0 ? stream.pointee.avg_frame_rate : stream.pointee.r_frame_rate
        let timeBase = stream.pointee.time_base
        var duration: Double? = nil
        if stream.pointee.duration > 0 && timeBase.den > 0 {
            duration = Double(stream.pointee.duration) * Double(timeBase.num) / Double(timeBase.den)
        } else {
            duration = input.duration
        }
        let pixelFormatName = av_get_pix_fmt_name(AVPixelFormat(rawValue: parameters.format)).map { String(cString: $0) } ?? "unknown"

        info = VideoInfo(
            path: path,
            container: input.formatName,
            codec: String(cString: avcodec_get_name(parameters.codec_id)),
            pixelFormat: pixelFormatName,
            width: width,
            height: height,
            rotation: rotation,
            frameRate: rate.den > 0 ? Double(rate.num) / Double(rate.den) : 0,
            duration: duration,
            frameCount: stream.pointee.nb_frames > 0 ? Int(stream.pointee.nb_frames) : nil,
            streamCount: input.streamCount,
            videoStreamCount: videoStreams.count,
            bitRate: parameters.bit_rate > 0 ? Int(parameters.bit_rate) : nil
        )
    }

    /// FFmpeg's message, prefixed with the likely cause when the file starts like an MP4/MOV
    /// (an `ftyp` box) but its index cannot be read: a file cut short while copying or recording.
    static func explain(path: String, _ message: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return message }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        guard head.count == 8, head[4..<8] == Data("ftyp".utf8) else { return message }
        return "MP4/MOV without a readable index (moov box), probably truncated: \(message)"
    }
}
