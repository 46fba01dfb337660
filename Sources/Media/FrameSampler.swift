/// Decides which analysis samples a decoded frame supplies, from presentation times only.
///
/// Sample k (time k / fps) shows the frame on screen at that time: the frame whose interval
/// [start, next frame's start) contains it. Works for constant and variable frame rates and
/// never looks ahead more than one frame.
struct FrameSampler {
    let fps: Double
    /// The next sample not yet assigned to a frame.
    private(set) var nextSample = 0
    /// Times within this of a frame boundary belong to the later frame, so k/fps landing
    /// exactly on a frame's timestamp picks that frame despite rounding.
    private let tolerance = 1e-6

    init(fps: Double) {
        precondition(fps > 0, "analysis rate must be positive")
        self.fps = fps
    }

    /// The samples shown by a frame on screen until `end` (seconds), in order.
    mutating func samples(until end: Double) -> Range<Int> {
        let first = nextSample
        while Double(nextSample) / fps < end - tolerance { nextSample += 1 }
        return first..<nextSample
    }

    func time(ofSample index: Int) -> Double { Double(index) / fps }
}
