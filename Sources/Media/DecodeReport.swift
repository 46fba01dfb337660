/// What decoding a file produced, for logs and for deciding whether the file is sound.
public struct DecodeReport: Sendable, Equatable {
    /// Frames the codec returned.
    public var decodedFrames = 0
    /// Analysis frames delivered to the caller.
    public var analysisFrames = 0
    /// Packets or frames the codec rejected as invalid, plus frames it flagged as corrupt.
    public var failedPackets = 0
    /// Frames the container declares, when it does.
    public var expectedFrames: Int?
    /// The read error that ended the stream early, if any (FFmpeg's message).
    public var readError: String?
    /// Presentation time of the last decoded frame, seconds from the first.
    public var lastFrameTime: Double = 0

    public init() {}

    /// True when frames are missing or some data could not be decoded.
    public var isDamaged: Bool {
        failedPackets > 0 || readError != nil || decodedFrames == 0
            || (expectedFrames.map { decodedFrames < $0 } ?? false)
    }

    /// Why the stream counts as damaged, in FFmpeg's words where it gave any.
    public var damageDescription: String {
        if let readError { return readError }
        if decodedFrames == 0 { return "no frame could be decoded" }
        if let expected = expectedFrames, decodedFrames < expected { return "stream ends before the declared \(expected) frames" }
        return "the codec rejected \(failedPackets) packets"
    }
}
