import Features
import Foundation

/// `routine features`: fills the feature cache for every video under a folder, each video on
/// its own (a bad file is reported and skipped), with progress lines.
public struct FeatureJob {
    public var cache: FeatureCache

    public init(cache: FeatureCache) { self.cache = cache }

    /// Returns the failures as "FILE: reason" lines.
    public func run(videos: [URL], progress: ProgressReporter?, log: ((String) -> Void)? = nil) -> [String] {
        var failures: [String] = []
        for video in videos {
            progress?.started(video.lastPathComponent)
            let started = Date()
            do {
                let (f, hit) = try cache.features(video: video, pose: VideoDiscovery.poseFile(for: video))
                let note = hit ? "cached" : String(format: "%d clips in %.2f s", f.clipCount, Date().timeIntervalSince(started))
                progress?.finished(video.lastPathComponent, ok: true, note: note)
            } catch {
                failures.append("\(error)")
                progress?.finished(video.lastPathComponent, ok: false, note: "\(error)")
            }
        }
        return failures
    }
}
