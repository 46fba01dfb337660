import ArgumentParser
import Batch
import Features
import Foundation
import RoutineCore

/// `routine exemplars DATASET --model model.safetensors`.
struct ExemplarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exemplars",
        abstract: "Store pictures of each element's exemplar in a trained model (reports show faults side by side with them).",
        discussion: """
            The exemplar of an element is a routine of the dataset's split `exemplars` (fault-free executions, \
            `routine synth --exemplars`) when it has one, else the training routine with that element and the fewest \
            deductions. `routine train` does this itself; use this command to replace a model's exemplars. \
            The weights are not changed.
            """)

    @Argument(help: "A dataset folder (annotations.jsonl, splits.json, the videos).") var dataset: String
    @Option(help: "The model file to add the pictures to (rewritten in place).") var model: String
    @Option(help: "Feature cache folder, for the athlete boxes (default: DATASET/.features-cache).") var cache: String?

    func run() throws {
        try runConfigured {
            let data = try Dataset.read(URL(fileURLWithPath: dataset))
            let url = URL(fileURLWithPath: model)
            guard FileManager.default.fileExists(atPath: url.path) else { throw BatchError.configuration("\(model): no such model file") }
            let cacheFolder = cache.map { URL(fileURLWithPath: $0) } ?? data.folder.appendingPathComponent(".features-cache")
            try Self.attach(data, cache: FeatureCache(folder: cacheFolder), model: url) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        }
    }

    static func attach(_ dataset: Dataset, cache: FeatureCache, model: URL, log: @escaping (String) -> Void) throws {
        let gallery = try ExemplarGallery.build(dataset: dataset, cache: cache, log: log)
        try gallery.attach(to: model)
        let bytes = gallery.pictures.joined().reduce(0) { $0 + $1.bytes.count }
        log("stored \(gallery.entries.count) exemplars (\(gallery.pictures.joined().count) pictures, \(bytes / 1024) KB) in \(model.path)")
    }
}
