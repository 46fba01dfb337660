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

    /// FNV-1a over the UTF-8 bytes: stable across runs and machines (Swift's `Hasher` is seeded
    /// per process, so it cannot be used here).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }

    public var description: String { "\(index)/\(count)" }
}
