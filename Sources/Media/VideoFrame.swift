/// One analysis frame: pixels at the analysis size, upright (rotation applied), with its times.
public struct VideoFrame: Sendable {
    /// Position in the analysis sequence (0, 1, 2, …).
    public let index: Int
    /// Analysis time in seconds: `index / fps` at a fixed rate, the source time at native rate.
    public let time: Double
    /// Position of the shown frame among the decoded frames.
    public let sourceIndex: Int
    /// Presentation time of the shown frame, seconds from the first frame.
    public let sourceTime: Double
    public let width: Int
    public let height: Int
    /// Packed RGB24, `width * 3` bytes per row, when requested.
    public let rgb: [UInt8]?
    /// 8-bit luma, `width` bytes per row, when requested.
    public let gray: [UInt8]?
    /// The colour-difference planes, Cb then Cr, each ``chromaWidth`` × ``chromaHeight`` (half
    /// the frame each way), when requested and the source is 8-bit planar YUV.
    public let chroma: [UInt8]?
    public var chromaWidth: Int { width / 2 }
    public var chromaHeight: Int { height / 2 }

    public init(index: Int, time: Double, sourceIndex: Int, sourceTime: Double, width: Int, height: Int,
                rgb: [UInt8]?, gray: [UInt8]?, chroma: [UInt8]? = nil) {
        self.index = index
        self.time = time
        self.sourceIndex = sourceIndex
        self.sourceTime = sourceTime
        self.width = width
        self.height = height
        self.rgb = rgb
        self.gray = gray
        self.chroma = chroma
    }
}
