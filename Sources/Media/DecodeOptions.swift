import Foundation

/// How a video is turned into analysis frames.
public struct DecodeOptions: Sendable, Equatable {
    /// The rate of the analysis sequence.
    public enum Rate: Sendable, Equatable {
        /// Every decoded frame, once.
        case native
        /// A fixed rate sampled by presentation timestamp: analysis frame k shows the source
        /// frame on screen at time k / fps (variable frame rate handled; frames repeat when the
        /// source is slower).
        case fps(Double)
    }

    /// The pixel buffers each frame carries.
    public struct Output: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let rgb = Output(rawValue: 1)
        public static let gray = Output(rawValue: 2)
        /// Cb and Cr at half the analysis size, scaled from the source's own chroma planes
        /// (cheap: no colour conversion); nil for sources that are not 8-bit planar YUV.
        public static let chroma = Output(rawValue: 4)
        /// Decode only, no pixel conversion (for timing and validation).
        public static let none: Output = []
    }

    public var rate: Rate

    /// Frame threads when `threads` is 0: two more than the cores. A frame thread often waits
    /// for its reference frame's rows, and the thread that scales and consumes the frames needs
    /// a core too, so with only one thread per core some core sits idle; measured on the 60 s
    /// 1080p bench file on 2 cores, decode alone takes 6.1 s with 4 threads against 6.7 s with 2,
    /// decode plus features 7.4 s against 8.9 s. The output does not depend on the count.
    public static var automaticThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount + 2 }
    /// The short side of the analysis frames in pixels, aspect ratio kept; `nil` keeps the
    /// displayed size.
    public var shortSide: Int?
    public var output: Output
    /// Decoder threads (libavcodec frame threading); 0 uses ``automaticThreadCount``.
    public var threads: Int
    /// Skip H.264/HEVC deblocking: harmless at analysis resolution, about 15% less CPU.
    public var skipLoopFilter: Bool
    /// Largest accepted width or height.
    public var maxDimension: Int
    /// When false, a truncated or corrupt stream ends with `MediaError.Reason.corruptStream`
    /// after the decodable frames; when true it only shows in `DecodeReport`.
    public var tolerateCorruption: Bool
    /// With `.rgb`: only analysis frames whose index is `rgbPhase` modulo `rgbEvery` carry RGB
    /// (the others only gray) — one colour keyframe per clip costs one colour conversion per
    /// clip, not one per frame.
    public var rgbEvery: Int = 1
    public var rgbPhase: Int = 0

    public init(rate: Rate = .fps(15), shortSide: Int? = 224, output: Output = [.rgb, .gray],
                threads: Int = 0, skipLoopFilter: Bool = true, maxDimension: Int = 8192,
                tolerateCorruption: Bool = false) {
        self.rate = rate
        self.shortSide = shortSide
        self.output = output
        self.threads = threads
        self.skipLoopFilter = skipLoopFilter
        self.maxDimension = maxDimension
        self.tolerateCorruption = tolerateCorruption
    }
}
