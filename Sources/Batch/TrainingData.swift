import Assessment
import Features
import Foundation
import RoutineCore

/// Turns a labelled dataset folder into model inputs: the scoring task of its rubrics, and per
/// routine the clip tokens of each view (from the feature cache) with its targets.
public struct TrainingData {
    public var dataset: Dataset
    public var rubrics: [String: Rubric]
    public var cache: FeatureCache

    public init(folder: URL, rubrics: [String: Rubric], cache: FeatureCache) throws {
        dataset = try Dataset.read(folder, rubrics: rubrics)
        self.rubrics = rubrics
        self.cache = cache
    }

    /// The task of a set of rubrics: every penalty item (same id, same deductions across
    /// rubrics) and every element; the id names each rubric with its digest.
    public static func task(_ rubrics: [Rubric]) throws -> ScoringTask {
        var items: [String: [Double]] = [:]
        var order: [String] = []
        var elements: [String] = []
        for r in rubrics.sorted(by: { $0.id < $1.id }) {
            for p in r.penalties {
                if let known = items[p.id], known != p.deductions {
                    throw BatchError.configuration("penalty item '\(p.id)' has deductions \(known) in one rubric and \(p.deductions) in '\(r.id)'")
                }
                if items[p.id] == nil { order.append(p.id) }
                items[p.id] = p.deductions
            }
            for e in r.elements where !elements.contains(e.id) { elements.append(e.id) }
        }
        let base = Set(rubrics.map(\.baseScore))
        guard base.count == 1 else { throw BatchError.configuration("the rubrics have different base scores \(base.sorted())") }
        let id = rubrics.sorted { $0.id < $1.id }.map { "\($0.id)@\($0.digest)" }.joined(separator: ",")
        return ScoringTask(rubricID: id, baseScore: base.first!, penaltyItems: order.map { .init(id: $0, deductions: items[$0]!) },
                           elementNames: elements, shapes: RubricElement.shapes, rotations: RubricElement.rotations, maxHalfRotations: 4)
    }

    public var task: ScoringTask {
        get throws { try Self.task(Array(Set(dataset.annotations.map(\.event))).sorted().compactMap { rubrics[$0] }) }
    }

    /// The examples of a split, extracting (or reading cached) features with `jobs` videos at
    /// a time; `progress` gets one call per routine. Order follows the split file.
    public func examples(split: String, views: [String]? = nil, usePose: Bool = false, jobs: Int = 2,
                         progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> [TrainingExample] {
        let task = try self.task
        let annotations = try dataset.routines(split: split)
        var results = [Result<TrainingExample, Error>?](repeating: nil, count: annotations.count)
        let lock = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(jobs, annotations.count))) { _ in
            while true {
                let i: Int? = lock.withLock {
                    guard next < annotations.count else { return nil }
                    defer { next += 1 }
                    return next
                }
                guard let i else { return }
                let r = Result { try example(annotations[i], task: task, views: views, usePose: usePose) }
                lock.withLock { results[i] = r }
                progress(annotations[i].id)
            }
        }
        return try results.map { try $0!.get() }
    }

    func example(_ a: Annotation, task: ScoringTask, views: [String]?, usePose: Bool) throws -> TrainingExample {
        let names = views ?? a.viewNames
        let tokens: [ClipTokens] = try names.map { view in
            guard let path = a.videos[view] else { throw BatchError.input(file: a.id, reason: "no video for view '\(view)'") }
            let video = dataset.folder.appendingPathComponent(path)
            let pose = usePose ? a.pose?[view].map { dataset.folder.appendingPathComponent($0) } : nil
            let f = try cache.features(video: video, pose: pose).features
            return ClipTokens(clipCount: f.clipCount, cellCount: f.cellCount, width: f.width, values: f.values, pose: f.pose, poseWidth: f.poseWidth)
        }
        let targets = try RoutineTargets(
            task: task, clipDuration: cache.extractor.options.clipDuration, clipCount: tokens.map(\.clipCount).min()!, score: a.score,
            difficulty: a.difficulty, execution: a.execution, level: a.level,
            penalties: a.penalties.map { ($0.item, $0.deduction, $0.start, $0.end) },
            elements: a.elements.map { ($0.name, $0.shape, $0.rotation, $0.halfRotations, $0.start, $0.end) })
        return TrainingExample(id: a.id, athlete: a.athlete, views: tokens, targets: targets)
    }
}
