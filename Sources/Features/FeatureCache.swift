import Foundation

/// Features on disk, keyed by the video's content hash, the extractor version and its options
/// (and whether a pose stream was used), so a second run reads instead of extracting and any
/// change that would change the features misses. One file per video:
/// `[8-byte little-endian header length][JSON header][Float32 tokens][Float32 pose]`.
public struct FeatureCache: Sendable {
    public var folder: URL
    public var extractor: FeatureExtractor

    public init(folder: URL, extractor: FeatureExtractor = FeatureExtractor()) {
        self.folder = folder
        self.extractor = extractor
    }

    struct Header: Codable {
        var version: String
        var clipCount: Int, cellCount: Int, width: Int, poseWidth: Int
        var keyframes: [Int]
        var boxes: [AthleteBox]
        var analysisFPS: Double, clipFrames: Int, frameCount: Int, duration: Double
    }

    /// The cache file for a video (whose content hash is `hash`).
    public func url(hash: String, pose: URL?) -> URL {
        let key = ContentHash.of("\(FeatureExtractor.version)|\(extractor.options.cacheKey)|pose=\(pose != nil)")
        return folder.appendingPathComponent("\(hash)-\(key).features")
    }

    /// Cached features of `video`, extracting (and storing) them when missing. `hit` tells
    /// which happened.
    public func features(video: URL, pose: URL? = nil) throws -> (features: ClipFeatures, hit: Bool) {
        let (features, hit) = try cached(video: video, pose: pose) { try extractor.extract(video: video, pose: pose) }
        return (features, hit)
    }

    /// The same, keeping every clip's keyframe picture when the features must be extracted
    /// (nil pictures on a cache hit: the caller decodes the few frames it needs).
    public func featuresWithPictures(video: URL, pose: URL? = nil) throws -> (features: ClipFeatures, hit: Bool, pictures: [ClipPicture]?) {
        var pictures: [ClipPicture]?
        let (features, hit) = try cached(video: video, pose: pose) {
            let extracted = try extractor.extractWithPictures(video: video, pose: pose)
            pictures = extracted.pictures
            return extracted.features
        }
        return (features, hit, pictures)
    }

    /// Reads the entry of (video, pose) or makes it with `extract` and stores it.
    func cached(video: URL, pose: URL?, extract: () throws -> ClipFeatures) throws -> (ClipFeatures, Bool) {
        var hash = try ContentHash.of(file: video)
        if let pose { hash += "+" + (try ContentHash.of(file: pose)) }
        let file = url(hash: ContentHash.of(hash), pose: pose)
        if let cached = try? Self.read(file) { return (cached, true) }
        let features = try extract()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.write(features, to: file)
        return (features, false)
    }

    static func write(_ f: ClipFeatures, to url: URL) throws {
        let header = Header(version: f.version, clipCount: f.clipCount, cellCount: f.cellCount, width: f.width, poseWidth: f.poseWidth,
                            keyframes: f.keyframes, boxes: f.boxes, analysisFPS: f.analysisFPS, clipFrames: f.clipFrames,
                            frameCount: f.frameCount, duration: f.duration)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        (f.values + (f.pose ?? [])).map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try data.write(to: temp)
        guard rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw FeatureError(file: url.path, reason: "cannot write the feature cache")
        }
    }

    static func read(_ url: URL) throws -> ClipFeatures {
        let data = try Data(contentsOf: url)
        guard data.count >= 8 else { throw FeatureError(file: url.path, reason: "truncated cache file") }
        let n = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian)
        guard data.count >= 8 + n else { throw FeatureError(file: url.path, reason: "truncated cache file") }
        let h = try JSONDecoder().decode(Header.self, from: data.subdata(in: 8..<(8 + n)))
        guard h.version == FeatureExtractor.version else { throw FeatureError(file: url.path, reason: "made by \(h.version)") }
        let tokens = h.clipCount * h.cellCount * h.width, pose = h.clipCount * h.poseWidth
        guard data.count == 8 + n + 4 * (tokens + pose) else { throw FeatureError(file: url.path, reason: "truncated cache file") }
        var floats = [Float](repeating: 0, count: tokens + pose)
        floats.withUnsafeMutableBytes { dst in data.copyBytes(to: dst.bindMemory(to: UInt8.self), from: (8 + n)..<data.count) }
        floats = floats.map { Float(bitPattern: $0.bitPattern.littleEndian) }
        return ClipFeatures(version: h.version, clipCount: h.clipCount, cellCount: h.cellCount, width: h.width,
                            values: Array(floats.prefix(tokens)), pose: h.poseWidth > 0 ? Array(floats.suffix(pose)) : nil,
                            poseWidth: h.poseWidth, keyframes: h.keyframes, boxes: h.boxes, analysisFPS: h.analysisFPS,
                            clipFrames: h.clipFrames, frameCount: h.frameCount, duration: h.duration)
    }
}
