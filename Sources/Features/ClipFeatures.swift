import Foundation

/// The features of one video: clip tokens `[T, G, D]` (layout in docs/features.md), the
/// keyframe and athlete box of each clip, and what made them.
public struct ClipFeatures: Sendable, Equatable {
    public var version: String
    public var clipCount: Int
    public var cellCount: Int
    public var width: Int
    /// [T · G · D], row-major.
    public var values: [Float]
    /// Optional pose stream [T · P].
    public var pose: [Float]?
    public var poseWidth: Int
    /// Per clip, the analysis-frame index of its keyframe and the athlete box there,
    /// normalised to the frame (x, y centre; width, height).
    public var keyframes: [Int]
    public var boxes: [AthleteBox]
    public var analysisFPS: Double
    public var clipFrames: Int
    public var frameCount: Int
    public var duration: Double

    /// Seconds covered by one clip.
    public var clipDuration: Double { Double(clipFrames) / analysisFPS }

    /// Time of a clip's keyframe in seconds.
    public func keyframeTime(_ clip: Int) -> Double { Double(keyframes[clip]) / analysisFPS }
}
