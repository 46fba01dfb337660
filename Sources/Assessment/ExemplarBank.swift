import Neural

/// The exemplars of contrastive regression (LucidAction §4.1 eq. 1, §4.3 "perfect exemplars"):
/// for every element, the cleanest training routines that contain it, with their true scores.
/// A routine is compared with the exemplars that share most of its elements (its labelled
/// elements in training, its recognised elements at inference). A trained model stores each
/// exemplar's memory [T, d] (computed by its final weights), not the tokens, to stay small.
public struct ExemplarBank: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var athlete: String
        public var elementNames: [String]
        public var score: Double
        public var clipCount: Int
    }

    public var entries: [Entry]
    /// Per entry, the memory [T · d] (empty while training: computed from tokens then).
    public var memories: [[Float]]

    public init(entries: [Entry], memories: [[Float]]) {
        self.entries = entries
        self.memories = memories
    }

    /// Picks, for each element name, the `perElement` training routines containing it with the
    /// fewest deductions (ties: highest score, then id), without repeats.
    public static func select(from examples: [TrainingExample], task: ScoringTask, perElement: Int = 1) -> [TrainingExample] {
        var chosen: [String: TrainingExample] = [:]
        for (n, _) in task.elementNames.enumerated() {
            let holders = examples.filter { $0.targets.elements.contains { $0.name == n } }.sorted {
                let (a, b) = ($0.targets, $1.targets)
                if a.execution != b.execution { return a.execution > b.execution }
                if a.score != b.score { return a.score > b.score }
                return $0.id < $1.id
            }
            for e in holders.prefix(perElement) { chosen[e.id] = e }
        }
        return chosen.values.sorted { $0.id < $1.id }
    }

    static func names(_ t: RoutineTargets, task: ScoringTask) -> [String] {
        Array(Set(t.elements.map { task.elementNames[$0.name] })).sorted()
    }

    /// Jaccard similarity of two element-name sets.
    static func similarity(_ a: Set<String>, _ b: [String]) -> Double {
        let b = Set(b)
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// Indices of the `count` entries most similar to `names`, skipping one athlete's routines
    /// (a routine is never its own exemplar); ties broken by id, so the choice is deterministic.
    public func nearest(to names: Set<String>, count: Int, excludingAthlete athlete: String? = nil) -> [Int] {
        let candidates = entries.indices.filter { athlete == nil || entries[$0].athlete != athlete }
        let ranked = candidates.sorted {
            let (a, b) = (Self.similarity(names, entries[$0].elementNames), Self.similarity(names, entries[$1].elementNames))
            return a != b ? a > b : entries[$0].id < entries[$1].id
        }
        return Array(ranked.prefix(count))
    }
}
