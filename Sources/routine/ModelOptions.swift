import ArgumentParser
import Assessment
import Batch
import Features
import Foundation
import RoutineCore

/// Options shared by `train` and `evaluate`: where the dataset's features are cached, which
/// views and whether the pose stream is used, where the rubrics are.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "A dataset folder (annotations.jsonl, splits.json), e.g. made by `routine synth`.") var dataset: String
    @Option(help: "Feature cache folder (default: DATASET/.features-cache).") var cache: String?
    @Option(help: "Views to use, comma-separated (default: every view of each routine).") var views: String?
    @Flag(help: "Use the pose files as a second stream.") var pose = false
    @Option(help: "Folder with rubrics/ (default: the shipped Templates).") var templates: String?
    @Option(help: "Videos processed in parallel when extracting features.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    var viewList: [String]? { views.map { $0.split(separator: ",").map(String.init) } }

    func load() throws -> TrainingData {
        let folder = URL(fileURLWithPath: dataset)
        let templatesFolder = try TemplateLocator.templatesFolder(explicit: templates)
        let rubricFiles = (try? FileManager.default.contentsOfDirectory(atPath: templatesFolder.appendingPathComponent("rubrics").path)) ?? []
        var rubrics: [String: Rubric] = [:]
        for f in rubricFiles where f.hasSuffix(".yaml") {
            let r = try Rubric.load(templatesFolder.appendingPathComponent("rubrics/\(f)"))
            rubrics[r.event] = r
        }
        let cacheFolder = cache.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent(".features-cache")
        return try TrainingData(folder: folder, rubrics: rubrics, cache: FeatureCache(folder: cacheFolder))
    }

    /// Loads a split's examples with a progress bar.
    /// `withPose`: read the pose files even without `--pose` (a training target).
    func examples(_ data: TrainingData, split: String, withPose: Bool = false) throws -> [TrainingExample] {
        let count = try data.dataset.routines(split: split).count
        let progress = ProgressReporter(total: count, label: "features (\(split))")
        let examples = try data.examples(split: split, views: viewList, usePose: pose || withPose, jobs: jobs) { id in
            progress.started(id)
            progress.finished(id, ok: true)
        }
        progress.finish()
        return examples
    }
}

/// Runs a command body, printing library errors as one line and mapping them to DESIGN.md's
/// exit statuses (configuration problems: 2).
func runConfigured(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as BatchError {
        printError(error.description)
        throw ExitCode(error.exitStatus)
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}
