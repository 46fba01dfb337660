import ArgumentParser
import Batch
import Features
import Foundation

/// `routine features <videos-dir> --out <cache-dir>`: fills the feature cache.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract the clip features of every video under a folder into a cache (a second run reads them).")

    @Argument(help: "A folder of videos (searched recursively) or one video file.") var videos: String
    @Option(help: "Cache folder.") var out: String
    @Option(help: "Decoder threads (0: one per core).") var threads: Int = 0

    func run() throws {
        try runBatch {
            let files = try VideoDiscovery.videoFiles(in: URL(fileURLWithPath: videos), excluding: [URL(fileURLWithPath: out)])
            guard !files.isEmpty else { throw BatchError.usage("\(videos): no videos (mp4, mov, mkv, avi, webm, m4v)") }
            var options = FeatureOptions()
            options.threads = threads
            let progress = ProgressReporter(total: files.count, label: "features")
            let failures = FeatureJob(cache: FeatureCache(folder: URL(fileURLWithPath: out), extractor: FeatureExtractor(options: options)))
                .run(videos: files, progress: progress)
            progress.finish()
            for f in failures { printError(f) }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
