import ArgumentParser
import Batch
import Foundation

/// `routine report <videos-dir> --out <dir>`: the batch job.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Assess every routine video under a folder and write a PDF per athlete, SVG figures, results.json, results.csv and summary.pdf.",
        discussion: """
            Finished routines are skipped on a second run (unless --force); a video that fails is listed in OUT/failures.txt \
            and the others go on. --shard i/n processes a deterministic subset; `routine merge` combines shard outputs.
            """)

    @Argument(help: "Folder of routine videos (searched recursively) or one video.") var videos: String
    @Option(help: "Output folder (nothing is written outside it).") var out: String
    @Option(help: "Manifest CSV: file,athlete,club,event,level,element,view,date.") var manifest: String?
    @Option(help: "Model file (default: the bundled model).") var model: String?
    @Option(help: "Rubric YAML (default: the shipped rubrics).") var rubric: String?
    @Option(help: "Folder with the templates (default: the shipped Templates).") var templates: String?
    @Option(help: "Routines processed in parallel (default: number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Process shard i of n (1 ≤ i ≤ n).") var shard: String?
    @Option(help: "Outputs, comma-separated: pdf, svg, json, csv.") var format: String = "pdf,svg,json,csv"
    @Option(help: "Language of the report and commentary templates (en, de).") var language: String = "en"
    @Flag(help: "Redo routines that are already done.") var force = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let formats = format.split(separator: ",").map(String.init)
        for f in formats where !["pdf", "svg", "json", "csv"].contains(f) { throw ValidationError("--format: unknown output '\(f)'") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") } }
    }

    func run() throws {
        try runConfigured {
            let modelURL = try model.map { URL(fileURLWithPath: $0) } ?? BundledModel.url(templates: templates)
            var options = ReportJob.Options(videos: URL(fileURLWithPath: videos), out: URL(fileURLWithPath: out), model: modelURL)
            options.manifest = manifest.map { URL(fileURLWithPath: $0) }
            options.rubric = rubric.map { URL(fileURLWithPath: $0) }
            options.templates = templates.map { URL(fileURLWithPath: $0) }
            options.jobs = jobs
            options.shard = try shard.map { try Shard(parsing: $0) } ?? .all
            options.force = force
            options.formats = Set(format.split(separator: ",").map(String.init))
            options.language = language
            let (done, failed) = try ReportJob(options: options).run()
            print("\(done) routine\(done == 1 ? "" : "s") reported in \(out)\(failed > 0 ? ", \(failed) failed (see \(out)/failures.txt)" : "")")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
