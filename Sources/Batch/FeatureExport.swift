import Features
import Foundation
import RoutineCore

/// `routine features DIR --out OUT --format npy`: one `.npy` per video (float32,
/// `T × (G·D)`, C order; row t is clip t, cell c occupies columns c·D ..< (c+1)·D) and an
/// `index.json` mapping each video to its file, shape and clip times.
public struct FeatureExport {
    /// One video's entry in `index.json`.
    public struct Entry: Codable, Equatable, Sendable {
        public var video: String
        public var file: String
        public var shape: [Int]
        /// [start, end] seconds of every clip.
        public var clipTimes: [[Double]]

        enum CodingKeys: String, CodingKey {
            case video, file, shape
            case clipTimes = "clip_times"
        }
    }

    /// The whole `index.json`.
    public struct Index: Codable, Equatable, Sendable {
        public var featureVersion: String
        public var cells: Int
        public var tokenWidth: Int
        public var layout: String
        public var videos: [Entry]

        enum CodingKeys: String, CodingKey {
            case cells, layout, videos
            case featureVersion = "feature_version"
            case tokenWidth = "token_width"
        }
    }

    public let out: URL
    /// Videos are named in the index relative to this folder.
    public let base: URL
    private var entries: [Entry] = []
    private var used: Set<String> = []

    public init(out: URL, base: URL) {
        self.out = out
        self.base = base
    }

    /// Writes the `.npy` of one video's features.
    public mutating func add(_ features: ClipFeatures, video: URL) throws {
        let relative = VideoDiscovery.relative(video, to: base.standardizedFileURL.path)
        let stem = safeFileName((relative as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "__"))
        var name = stem + ".npy", n = 2
        while used.contains(name) { name = "\(stem)-\(n).npy"; n += 1 }
        used.insert(name)
        let shape = [features.clipCount, features.cellCount * features.width]
        try NumpyArrayFile.write(values: features.values, shape: shape, to: out.appendingPathComponent(name))
        let d = features.clipDuration
        func ms(_ t: Double) -> Double { (t * 1000).rounded() / 1000 }
        var times: [[Double]] = []
        for c in 0..<features.clipCount {
            let start = Double(c) * d
            times.append([ms(start), ms(Swift.min(features.duration, start + d))])
        }
        entries.append(Entry(video: relative, file: name, shape: shape, clipTimes: times))
    }

    /// Writes `index.json` (videos in path order; same features, same bytes).
    public func finish(cells: Int, tokenWidth: Int) throws {
        let index = Index(featureVersion: FeatureExtractor.version, cells: cells, tokenWidth: tokenWidth,
                          layout: "float32 C order, T × (G·D): row t is clip t; cell c (row-major over the G cells of the athlete-centred grid) occupies columns c·D ..< (c+1)·D; see docs/features.md for the D columns",
                          videos: entries.sorted { $0.video < $1.video })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(index).write(to: out.appendingPathComponent("index.json"), options: .atomic)
    }
}
