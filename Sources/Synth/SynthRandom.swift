/// The generator's seeded random numbers (SplitMix64): every routine draws from its own
/// stream seeded by (dataset seed, routine index), so routines are identical whatever the
/// number of parallel jobs.
public struct SynthRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A stream for item `index` of a run seeded with `seed`.
    public init(seed: UInt64, index: Int) {
        var mixer = SynthRandom(seed: seed ^ 0x5EED_5EED_0000_0000)
        for _ in 0...(index % 7) { _ = mixer.next() }
        self.init(seed: mixer.next() &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1p-53
    }

    public mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
