import ArgumentParser
import Foundation
import RoutineCore
import Synth

/// `routine synth`: a synthetic dataset with exact labels.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Render synthetic judged routines with exact labels (videos, pose files, annotations.jsonl, splits.json).",
        discussion: "Faults are visible in the pixels and labelled with their exact time spans; the same --seed gives the same dataset."
    )

    @Option(help: "Output folder for the dataset.") var out: String
    @Option(help: "Number of routines.") var count: Int = 20
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Events, comma-separated (floor, beam, vault).") var events: String = "floor,beam,vault"
    @Option(help: "Curriculum levels, e.g. 1-4 or 2.") var levels: String = "1-4"
    @Option(help: "Camera views, comma-separated (side, front, back).") var views: String = "side"
    @Option(help: "Frame size WIDTHxHEIGHT.") var size: String = "640x360"
    @Option(help: "Frames per second.") var fps: Int = 30
    @Flag(help: "Long routines (60–120 s) for long-term assessment.") var long = false
    @Flag(help: "Also render one fault-free execution per element (exemplars).") var exemplars = false
    @Option(help: "Routines rendered in parallel (default: number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Folder with rubrics/ (default: the shipped Templates).") var templates: String?

    func parsedLevels() -> ClosedRange<Int>? {
        let parts = levels.split(separator: "-").compactMap { Int($0) }
        if parts.count == 1, (1...4).contains(parts[0]) { return parts[0]...parts[0] }
        if parts.count == 2, 1 <= parts[0], parts[0] <= parts[1], parts[1] <= 4 { return parts[0]...parts[1] }
        return nil
    }

    func parsedSize() -> (Int, Int)? {
        let p = size.lowercased().split(separator: "x").compactMap { Int($0) }
        return p.count == 2 && p[0] >= 64 && p[1] >= 64 && p[0] % 2 == 0 && p[1] % 2 == 0 ? (p[0], p[1]) : nil
    }

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard parsedLevels() != nil else { throw ValidationError("--levels must be a level 1–4 or a range like 1-4, got '\(levels)'") }
        guard parsedSize() != nil else { throw ValidationError("--size must be WIDTHxHEIGHT with even sides ≥ 64, got '\(size)'") }
        guard (1...120).contains(fps) else { throw ValidationError("--fps must be 1–120") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let names = views.split(separator: ",").map(String.init)
        guard !names.isEmpty, Set(names).count == names.count else { throw ValidationError("--views must list distinct view names") }
    }

    func run() throws {
        let eventList = events.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }
        var rubrics: [String: Rubric] = [:]
        do {
            let folder = try TemplateLocator.templatesFolder(explicit: templates)
            for e in eventList { rubrics[e] = try TemplateLocator.rubric(event: e, templates: folder) }
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var options = SynthJob.Options(out: URL(fileURLWithPath: out), count: count, seed: seed)
        options.events = eventList
        options.levels = parsedLevels()!
        options.views = views.split(separator: ",").map(String.init)
        (options.width, options.height) = parsedSize()!
        options.fps = fps
        options.long = long
        options.exemplars = exemplars
        options.jobs = jobs
        let started = Date()
        let dataset = try SynthJob(options: options, rubrics: rubrics).run { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        let routineSeconds = dataset.annotations.reduce(0) { $0 + $1.duration } * Double(options.views.count)
        print(DatasetStatistics.report(dataset.annotations.filter { $0.athlete != "Exemplar (exemplar)" }))
        print(String(format: "rendered %.0f s of video in %.1f s (%.1f× real time, %d jobs) into %@", routineSeconds, seconds,
                     routineSeconds / max(seconds, 1e-9), jobs, out))
    }
}
