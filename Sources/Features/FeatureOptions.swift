/// Settings of the extractor; part of the cache key.
public struct FeatureOptions: Sendable, Equatable, Codable {
    public var fps: Double = 15
    public var shortSide: Int = 224
    public var cropSize: Int = 64
    public var grid: Int = 4
    public var clipFrames: Int = 8
    /// Decoder threads (0: automatic, see `DecodeOptions.automaticThreadCount`).
    public var threads: Int = 0
    /// Frames buffered to start the background model (the median of 30 of them; 10 s at 15 fps, so an
    /// athlete who stands still at the start does not stay in the background).
    public var warmupFrames: Int = 150

    public init() {}

    public var cacheKey: String { "fps\(fps)-s\(shortSide)-c\(cropSize)-g\(grid)-k\(clipFrames)-w\(warmupFrames)" }
}

extension FeatureOptions {
    /// Seconds covered by one clip.
    public var clipDuration: Double { Double(clipFrames) / fps }
}
