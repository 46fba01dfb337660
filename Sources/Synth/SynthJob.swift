import Foundation
import RoutineCore

/// `routine synth`: renders a dataset of synthetic routines with exact labels — videos per view,
/// pose files, `annotations.jsonl`, `splits.json` (by athlete) — in parallel and
/// deterministically (each routine from its own seeded stream), and summarises it.
public struct SynthJob {
    public struct Options: Sendable {
        public var out: URL
        public var count: Int
        public var seed: UInt64
        public var events: [String] = ["floor", "beam", "vault"]
        public var levels: ClosedRange<Int> = 1...4
        /// Camera views; one view writes `NAME.mp4`, several `NAME.VIEW.mp4`.
        public var views: [String] = ["side"]
        public var width = 640
        public var height = 360
        public var fps = 30
        public var long = false
        public var exemplars = false
        public var jobs = 2
        public var testFraction = 0.2

        public init(out: URL, count: Int, seed: UInt64) {
            self.out = out
            self.count = count
            self.seed = seed
        }
    }

    public var options: Options
    public var rubrics: [String: Rubric]

    public init(options: Options, rubrics: [String: Rubric]) {
        self.options = options
        self.rubrics = rubrics
    }

    /// Number of distinct athletes for `count` routines (about three routines each).
    static func athleteCount(_ count: Int) -> Int { Swift.max(4, (count + 2) / 3) }

    /// Plans routine `index` (deterministic in the seed and index alone).
    public func plan(index: Int) -> (SyntheticRoutine, Annotation) {
        var rng = SynthRandom(seed: options.seed, index: index)
        let event = options.events[index % options.events.count]
        let rubric = rubrics[event]!
        let athleteIndex = rng.int(0...(Self.athleteCount(options.count) - 1))
        let athlete = Athlete(index: athleteIndex, seed: options.seed)
        let level = rng.int(options.levels)
        let id = String(format: "r%04d", index + 1)
        let routine = RoutinePlanner(rubric: rubric, long: options.long).plan(id: id, athlete: athlete, level: level, rng: &rng)
        return (routine, annotation(routine, rubric: rubric, rng: &rng))
    }

    func videoPath(_ id: String, view: String, folder: String = "videos") -> String {
        options.views.count == 1 ? "\(folder)/\(id).mp4" : "\(folder)/\(id).\(view).mp4"
    }

    func annotation(_ r: SyntheticRoutine, rubric: Rubric, rng: inout SynthRandom, folder: String = "videos") -> Annotation {
        let difficulty = r.elements.reduce(0) { $0 + (rubric.element($1.id)?.difficulty ?? 0) }
        let execution = Swift.max(0, rubric.baseScore - r.deductions)
        let score = difficulty + execution
        let commentary = GroundTruthCommentary.make(penalties: r.penalties, elements: r.elements.map(\.id), rubric: rubric, score: score, rng: &rng)
        let frames = RoutineVideoWriter(width: options.width, height: options.height, fps: options.fps).frameCount(r)
        let duration = Double(frames) / Double(options.fps)
        return Annotation(
            id: r.id, videos: Dictionary(uniqueKeysWithValues: options.views.map { ($0, videoPath(r.id, view: $0, folder: folder)) }),
            athlete: r.athlete.name + " (\(r.athlete.id))", club: r.athlete.club, event: r.event, level: r.level,
            elements: r.elements.map { e in
                let el = rubric.element(e.id)!
                return .init(name: e.id, start: Swift.min(e.start, duration), end: Swift.min(e.end, duration), shape: el.shape, rotation: el.rotation,
                             halfRotations: el.halfRotations)
            },
            difficulty: difficulty, execution: execution, score: score,
            penalties: r.penalties.map { .init(item: $0.item, deduction: $0.deduction, start: Swift.min($0.start, duration),
                                               end: Swift.min($0.end, duration), count: $0.count) },
            commentary: commentary,
            pose: Dictionary(uniqueKeysWithValues: options.views.map { ($0, videoPath(r.id, view: $0, folder: folder).replacingOccurrences(of: ".mp4", with: ".pose.json")) }),
            duration: duration, fps: Double(options.fps))
    }

    /// Renders and writes one planned routine (every view, video and pose file).
    func render(_ routine: SyntheticRoutine, annotation: Annotation) throws {
        let writer = RoutineVideoWriter(width: options.width, height: options.height, fps: options.fps)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for view in options.views {
            let video = options.out.appendingPathComponent(annotation.videos[view]!)
            try FileManager.default.createDirectory(at: video.deletingLastPathComponent(), withIntermediateDirectories: true)
            let track = try writer.write(routine, view: view, to: video)
            try encoder.encode(track).write(to: options.out.appendingPathComponent(annotation.pose![view]!), options: .atomic)
        }
    }

    /// Generates everything; `progress` receives one line per finished routine. Returns the dataset.
    @discardableResult
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> Dataset {
        for e in options.events where rubrics[e] == nil { throw RoutineCoreError(file: e, reason: "no rubric for event '\(e)'") }
        try FileManager.default.createDirectory(at: options.out, withIntermediateDirectories: true)
        let started = Date()
        var annotations = [Annotation?](repeating: nil, count: options.count)
        var failure: Error?
        let lock = NSLock()
        var next = 0, done = 0
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(options.jobs, options.count))) { _ in
            while true {
                let index: Int? = lock.withLock {
                    guard next < options.count, failure == nil else { return nil }
                    defer { next += 1 }
                    return next
                }
                guard let index else { return }
                let (routine, annotation) = plan(index: index)
                do {
                    try render(routine, annotation: annotation)
                    lock.withLock {
                        annotations[index] = annotation
                        done += 1
                        let rate = Date().timeIntervalSince(started) / Double(done)
                        progress(String(format: "[%d/%d] %@ %@ level %d, %.1f s, score %.2f  eta %.0f s", done, options.count, annotation.id,
                                        annotation.event, annotation.level, annotation.duration, annotation.score,
                                        rate * Double(options.count - done)))
                    }
                } catch {
                    lock.withLock { failure = error }
                }
            }
        }
        if let failure { throw failure }
        var all = annotations.map { $0! }
        var splits = Dataset.splitByAthlete(all, testFraction: options.testFraction, seed: options.seed)
        if options.exemplars {
            let exemplars = try writeExemplars(progress: progress)
            all += exemplars
            splits["exemplars"] = exemplars.map(\.id)
        }
        let dataset = Dataset(folder: options.out, annotations: all, splits: splits)
        try dataset.write()
        return dataset
    }

    /// One fault-free execution per element of each event (LucidAction's perfect exemplars).
    func writeExemplars(progress: @Sendable (String) -> Void) throws -> [Annotation] {
        var out: [Annotation] = []
        let performer = Athlete(index: 9_999, seed: options.seed)
        for event in options.events {
            let rubric = rubrics[event]!
            for element in rubric.elements {
                var rng = SynthRandom(seed: options.seed ^ 0xE7E, index: out.count)
                var athlete = performer
                athlete.id = "exemplar"
                athlete.name = "Exemplar"
                let id = "exemplar-\(event)-\(element.id)"
                let routine = RoutinePlanner(rubric: rubric).plan(id: id, athlete: athlete, level: element.level, rng: &rng,
                                                                   only: element.id, perfect: true)
                let a = annotation(routine, rubric: rubric, rng: &rng, folder: "exemplars")
                try render(routine, annotation: a)
                progress("exemplar \(id)")
                out.append(a)
            }
        }
        return out
    }
}
