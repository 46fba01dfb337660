import Assessment
import Commentary
import Features
import Foundation
import Media
import RoutineCore
import Synth
import Testing
import TestSupport
@testable import Batch

/// A small synthetic dataset and a model trained on it for a few steps — real files end to end.
enum Fixture {
    static let templates = JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates")

    /// Made once per test process (rendering, features and training take a few seconds).
    static let shared: (folder: TemporaryDirectory, videos: URL, model: URL, data: TrainingData) = {
        let dir = try! TemporaryDirectory("report-fixture")
        let (videos, model, data) = try! make(dir.url)
        return (dir, videos, model, data)
    }()

    /// A private copy of the shared videos and model (with its commentary decoder) in `dir`.
    static func copy(to dir: URL) throws -> (videos: URL, model: URL) {
        let videos = dir.appendingPathComponent("videos"), model = dir.appendingPathComponent("model.safetensors")
        try FileManager.default.copyItem(at: shared.videos, to: videos)
        try FileManager.default.copyItem(at: shared.model, to: model)
        try FileManager.default.copyItem(at: CommentaryModelFile.url(besideModel: shared.model), to: CommentaryModelFile.url(besideModel: model))
        return (videos, model)
    }

    /// Videos, a model trained jointly with a commentary decoder (written beside it), and the dataset.
    static func make(_ dir: URL) throws -> (videos: URL, model: URL, data: TrainingData) {
        var rubrics: [String: Rubric] = [:]
        for e in ["floor", "beam", "vault"] { rubrics[e] = try TemplateLocator.rubric(event: e, templates: templates) }
        var o = SynthJob.Options(out: dir.appendingPathComponent("data"), count: 3, seed: 11)
        o.width = 192
        o.height = 108
        let dataset = try SynthJob(options: o, rubrics: rubrics).run()
        let data = try TrainingData(folder: dataset.folder, rubrics: rubrics, cache: FeatureCache(folder: dir.appendingPathComponent("cache")))
        let examples = try data.examples(split: "train") + data.examples(split: "test")
        var c = ModelConfiguration(tokenWidth: FeatureExtractor().tokenWidth, cellCount: 16)
        c.width = 32
        c.feedForwardWidth = 64
        c.queryTableSize = 8
        c.scoreHeads = 2
        var options = Trainer.Options()
        options.epochs = 2
        options.validationFraction = 0
        var trainer = Trainer(configuration: c, task: try TrainingData.task(Array(rubrics.values)), options: options, featureVersion: FeatureExtractor.version)
        let commentary = try CommentaryJob(data: data, templatesFolder: templates)
        guard let generator = try commentary.generator(for: examples, options: options, width: c.width) else {
            throw BatchError.configuration("the fixture's routines have no commentary")
        }
        trainer.auxiliary = [generator]
        let model = try trainer.train(examples)
        let url = dir.appendingPathComponent("model.safetensors")
        try ModelFile.write(model, to: url)
        _ = try commentary.finish(generator, model: model, examples: examples, options: options, modelURL: url)
        return (dataset.folder.appendingPathComponent("videos"), url, data)
    }
}

@Suite("routine report end to end")
struct ReportJobTests {
    @Test func reportsIsolatesFailuresResumesAndIsStable() throws {
        let dir = try TemporaryDirectory()
        let (videos, model) = try Fixture.copy(to: dir.url)
        try Data("not a video".utf8).write(to: videos.appendingPathComponent("broken.mp4"))
        let manifest = dir.url.appendingPathComponent("manifest.csv")
        try "file,athlete,club,event,level\nr0001.mp4,Zoë Müller,TV Nord,floor,2\nr0002.mp4,../../evil,,beam,1\n".write(to: manifest, atomically: true, encoding: .utf8)
        let out = dir.url.appendingPathComponent("out")
        var options = ReportJob.Options(videos: videos, out: out, model: model)
        options.manifest = manifest
        options.templates = Fixture.templates
        let job = ReportJob(options: options)
        let quiet = ProgressReporter(total: 4, label: "report", interactive: false) { _ in }
        let first = try job.run(progress: quiet)
        #expect(first.done == 3 && first.failed == 1)
        let failures = try String(contentsOf: out.appendingPathComponent("failures.txt"), encoding: .utf8)
        #expect(failures.hasPrefix("broken: ") && failures.contains("broken.mp4"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("Zoë Müller.pdf") && files.contains("summary.pdf") && files.contains("results.csv"))
        #expect(!files.contains { $0.contains("/") } && !FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("evil.pdf").path))
        let json = try Data(contentsOf: out.appendingPathComponent("results.json"))
        #expect(try JSONSchemaCheck.problems(json: json, schema: JSONSchemaCheck.repositoryRoot.appendingPathComponent("docs/results.schema.json")) == nil)
        let results = try ResultsWriter.jsonDecoder().decode([AssessmentResult].self, from: json)
        #expect(results.map(\.athlete).sorted() == ["../../evil", "r0003", "Zoë Müller"].sorted())
        #expect(results.first { $0.athlete == "Zoë Müller" }?.event == "floor")

        // Resume: nothing is redone, and the outputs are the same bytes.
        let log = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        let second = try job.run(progress: quiet)
        #expect(second.done == 3)
        let log2 = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(log2.dropFirst(log.count).components(separatedBy: "reused ").count - 1 == 3)
        #expect(try Data(contentsOf: out.appendingPathComponent("results.json")) == json)
    }

    @Test func aModelForOtherRubricsIsRefusedBeforeAnyWork() throws {
        let dir = try TemporaryDirectory()
        let (videos, model) = try Fixture.copy(to: dir.url)
        let edited = dir.url.appendingPathComponent("floor.yaml")
        let text = try String(contentsOf: Fixture.templates.appendingPathComponent("rubrics/floor.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "1: 9.0", with: "1: 9.2").write(to: edited, atomically: true, encoding: .utf8)
        var options = ReportJob.Options(videos: videos, out: dir.url.appendingPathComponent("out"), model: model)
        options.rubric = edited
        options.templates = Fixture.templates
        do {
            _ = try ReportJob(options: options).run(progress: ProgressReporter(total: 1, label: "r", interactive: false) { _ in })
            Issue.record("ran with a rubric the model was not trained on")
        } catch let error as BatchError {
            #expect(error.exitStatus == 2)
            #expect("\(error)".contains("the model was trained on rubric(s)"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/results.json").path))
    }
}

@Suite("Multi-view reports")
struct MultiViewReportTests {
    /// Issue 9: a two-view routine whose front view was cut short is reported from the side
    /// view, and the result says which view was used and why the other was not.
    @Test func aTruncatedViewLeavesTheOtherToReportWithTheReasonRecorded() throws {
        let dir = try TemporaryDirectory()
        var rubrics: [String: Rubric] = [:]
        for e in ["floor", "beam", "vault"] { rubrics[e] = try TemplateLocator.rubric(event: e, templates: Fixture.templates) }
        var o = SynthJob.Options(out: dir.url.appendingPathComponent("data"), count: 1, seed: 13)
        o.views = ["front", "side"]
        o.width = 192
        o.height = 108
        let dataset = try SynthJob(options: o, rubrics: rubrics).run()
        let videos = dataset.folder.appendingPathComponent("videos")
        let model = dir.url.appendingPathComponent("model.safetensors")
        try FileManager.default.copyItem(at: Fixture.shared.model, to: model)
        let quiet = ProgressReporter(total: 1, label: "report", interactive: false) { _ in }
        // Both views sound: every keyframe shows the same moment from the other view too.
        var both = ReportJob.Options(videos: videos, out: dir.url.appendingPathComponent("both"), model: model)
        both.templates = Fixture.templates
        #expect(try ReportJob(options: both).run(progress: quiet).done == 1)
        let stored = try BatchRunner.storedResults(in: both.out)
        let record = try ResultsWriter.jsonDecoder().decode(RoutineRecord.self, from: try #require(stored.first?.1))
        #expect(record.result.views == ["front", "side"] && !record.keyframes.isEmpty)
        for k in record.keyframes {
            let other = try #require(k.otherViews?.first)
            #expect(FileManager.default.fileExists(atPath: both.out.appendingPathComponent(record.result.name).appendingPathComponent(other).path))
        }

        let front = try #require(try FileManager.default.contentsOfDirectory(atPath: videos.path).first { $0.hasSuffix(".front.mp4") })
        let frontURL = videos.appendingPathComponent(front)
        let bytes = try Data(contentsOf: frontURL)
        try bytes.prefix(bytes.count * 2 / 5).write(to: frontURL)
        var options = ReportJob.Options(videos: videos, out: dir.url.appendingPathComponent("out"), model: model)
        options.templates = Fixture.templates
        let run = try ReportJob(options: options).run(progress: quiet)
        #expect(run.done == 1 && run.failed == 0)
        let results = try ResultsWriter.jsonDecoder().decode([AssessmentResult].self,
                                                             from: Data(contentsOf: dir.url.appendingPathComponent("out/results.json")))
        let result = try #require(results.first)
        #expect(result.views == ["side"])
        #expect(result.viewProblems.count == 1 && result.viewProblems[0].hasPrefix("front: ") && result.viewProblems[0].contains("truncated"))
    }

    /// Issue 9: a view that started recording 1.5 s later is lined up by its motion, the
    /// offset is recorded in the result, and the routine is assessed from both views.
    @Test func aViewThatStartedLateIsAlignedAndItsOffsetRecorded() throws {
        let dir = try TemporaryDirectory()
        var rubrics: [String: Rubric] = [:]
        for e in ["floor", "beam", "vault"] { rubrics[e] = try TemplateLocator.rubric(event: e, templates: Fixture.templates) }
        var o = SynthJob.Options(out: dir.url.appendingPathComponent("data"), count: 1, seed: 17)
        o.views = ["front", "side"]
        o.width = 192
        o.height = 108
        let dataset = try SynthJob(options: o, rubrics: rubrics).run()
        let videos = dataset.folder.appendingPathComponent("videos")
        let side = try #require(try FileManager.default.contentsOfDirectory(atPath: videos.path).first { $0.hasSuffix(".side.mp4") })
        let sideURL = videos.appendingPathComponent(side)
        // Re-encode the side view without its first 1.5 s, as a camera started late would have it.
        let late = dir.url.appendingPathComponent("late.mp4")
        let decoder = try VideoDecoder(path: sideURL.path, options: DecodeOptions(rate: .native, shortSide: nil, output: .rgb))
        let encoder = try VideoEncoder(path: late.path, options: .init(width: 192, height: 108, fps: 30))
        while let frame = try decoder.nextFrame() {
            if frame.time >= 1.5 { try encoder.append(rgb: frame.rgb!) }
        }
        try encoder.finish()
        try FileManager.default.removeItem(at: sideURL)
        try FileManager.default.copyItem(at: late, to: sideURL)
        let model = dir.url.appendingPathComponent("model.safetensors")
        try FileManager.default.copyItem(at: Fixture.shared.model, to: model)
        var options = ReportJob.Options(videos: videos, out: dir.url.appendingPathComponent("out"), model: model)
        options.templates = Fixture.templates
        #expect(try ReportJob(options: options).run(progress: ProgressReporter(total: 1, label: "report", interactive: false) { _ in }).done == 1)
        let results = try ResultsWriter.jsonDecoder().decode([AssessmentResult].self,
                                                             from: Data(contentsOf: dir.url.appendingPathComponent("out/results.json")))
        let result = try #require(results.first)
        #expect(result.views == ["front", "side"] && result.viewProblems.isEmpty, "\(result.viewProblems)")
        let offset = try #require(result.viewOffsets?.first)
        #expect(offset.view == "side")
        #expect(abs(offset.seconds + 1.5) < 0.2, "offset \(offset.seconds) s, r \(offset.correlation)")
        let json = try Data(contentsOf: dir.url.appendingPathComponent("out/results.json"))
        #expect(try JSONSchemaCheck.problems(json: json, schema: JSONSchemaCheck.repositoryRoot.appendingPathComponent("docs/results.schema.json")) == nil)
    }
}
