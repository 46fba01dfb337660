/// Deterministic variety: which paraphrase a routine gets is a hash (FNV-1a, stable across
/// runs and machines, unlike Swift's seeded `Hasher`) of the routine id and what is being said,
/// so the same routine always reads the same and different routines read differently.
public struct PhraseChoice: Sendable {
    public let routineID: String

    public init(routineID: String) { self.routineID = routineID }

    /// An index in 0..<count for `key`.
    public func index(_ key: String, count: Int) -> Int {
        precondition(count > 0, "choosing among no phrases for '\(key)'")
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(routineID)|\(key)".utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return Int(h % UInt64(count))
    }

    /// One of `phrases` for `key`.
    public func pick(_ key: String, _ phrases: [String]) -> String { phrases[index(key, count: phrases.count)] }
}
