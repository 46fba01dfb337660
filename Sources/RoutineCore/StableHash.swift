/// FNV-1a, 64 bit: a hash that is the same in every process and on every machine (Swift's
/// `Hasher` is seeded per process), for digests, shard assignment and seeded phrase choice.
public enum StableHash {
    public static func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    public static func fnv1a(_ text: String) -> UInt64 { fnv1a(text.utf8) }
}
