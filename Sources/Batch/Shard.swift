import RoutineCore

/// A deterministic slice of the work for running one folder on many machines: `--shard i/n`
/// (1 ≤ i ≤ n) takes the routines whose stable name hash falls in slot i. The same routine
/// always lands in the same shard, whatever else is in the folder, so shards can be re-run
/// independently and `routine merge` combines them.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let all = Shard(uncheckedIndex: 1, count: 1)

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "i/n"; nil with a reason when malformed.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw BatchError.usage("--shard '\(text)': expected i/n, e.g. 2/8")
        }
        guard n >= 1, i >= 1, i <= n else {
            throw BatchError.usage("--shard '\(text)': need 1 ≤ i ≤ n")
        }
        self.init(uncheckedIndex: i, count: n)
    }

    /// True when the routine named `key` belongs to this shard.
    public func contains(_ key: String) -> Bool {
        count == 1 || Int(Self.fnv1a(key) % UInt64(count)) == index - 1
    }

    /// Stable across runs and machines (``StableHash``).
    static func fnv1a(_ text: String) -> UInt64 { StableHash.fnv1a(text) }

    public var description: String { "\(index)/\(count)" }
}
