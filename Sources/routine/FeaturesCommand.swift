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
    @Option(help: "Decoder threads (0: automatic, two more than the cores).") var threads: Int = 0
    @Option(help: "Also export for research code: npy (one NumPy file per video and index.json in --out).") var format: String?

    func validate() throws {
        if let format, format != "npy" { throw ValidationError("--format must be npy") }
    }

    func run() throws {
        try runBatch {
            let files = try VideoDiscovery.videoFiles(in: URL(fileURLWithPath: videos), excluding: [URL(fileURLWithPath: out)])
            guard !files.isEmpty else { throw BatchError.usage("\(videos): no videos (mp4, mov, mkv, avi, webm, m4v)") }
            var options = FeatureOptions()
            options.threads = threads
            let progress = ProgressReporter(total: files.count, label: "features")
            let folder = URL(fileURLWithPath: out)
            var job = FeatureJob(cache: FeatureCache(folder: folder, extractor: FeatureExtractor(options: options)),
                                 export: format == nil ? nil : FeatureExport(out: folder, base: URL(fileURLWithPath: videos)))
            let failures = job.run(videos: files, progress: progress)
            progress.finish()
            for f in failures { printError(f) }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
