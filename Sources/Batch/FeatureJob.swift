import Features
import Foundation

/// `routine features`: fills the feature cache for every video under a folder, each video on
/// its own (a bad file is reported and skipped), with progress lines.
public struct FeatureJob {
    public var cache: FeatureCache
    /// Also write NumPy files and their index here (`--format npy`).
    public var export: FeatureExport?

    public init(cache: FeatureCache, export: FeatureExport? = nil) {
        self.cache = cache
        self.export = export
    }

    /// Returns the failures as "FILE: reason" lines.
    public mutating func run(videos: [URL], progress: ProgressReporter?, log: ((String) -> Void)? = nil) -> [String] {
        var failures: [String] = []
        for video in videos {
            progress?.started(video.lastPathComponent)
            let started = Date()
            do {
                let (f, hit) = try cache.features(video: video, pose: VideoDiscovery.poseFile(for: video))
                try export?.add(f, video: video)
                let note = hit ? "cached" : String(format: "%d clips in %.2f s", f.clipCount, Date().timeIntervalSince(started))
                progress?.finished(video.lastPathComponent, ok: true, note: note)
            } catch {
                failures.append("\(error)")
                progress?.finished(video.lastPathComponent, ok: false, note: "\(error)")
            }
        }
        do {
            try export?.finish(cells: cache.extractor.cellCount, tokenWidth: cache.extractor.tokenWidth)
        } catch {
            failures.append("\(export!.out.appendingPathComponent("index.json").path): \(error)")
        }
        return failures
    }
}
