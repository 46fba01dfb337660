import RoutineCore

/// Deterministic variety: which paraphrase a routine gets is a hash (FNV-1a, stable across
/// runs and machines, unlike Swift's seeded `Hasher`) of the routine id and what is being said,
/// so the same routine always reads the same and different routines read differently.
public struct PhraseChoice: Sendable {
    public let routineID: String

    public init(routineID: String) { self.routineID = routineID }

    /// An index in 0..<count for `key`.
    public func index(_ key: String, count: Int) -> Int {
        precondition(count > 0, "choosing among no phrases for '\(key)'")
        return Int(StableHash.fnv1a("\(routineID)|\(key)") % UInt64(count))
    }

    /// One of `phrases` for `key`.
    public func pick(_ key: String, _ phrases: [String]) -> String { phrases[index(key, count: phrases.count)] }
}
