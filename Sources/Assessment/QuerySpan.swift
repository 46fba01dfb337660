/// Where in the routine a query looked: the shortest run of clips around the peak of its
/// cross-attention that holds at least `mass` of it, grown towards the heavier neighbour.
public enum QuerySpan {
    public static func clips(of row: [Float], mass: Float = 0.5) -> ClosedRange<Int> {
        guard let peak = row.indices.max(by: { row[$0] < row[$1] }) else { return 0...0 }
        let total = row.reduce(0, +)
        var (a, b) = (peak, peak)
        var held = row[peak]
        while held < mass * total, a > 0 || b < row.count - 1 {
            let left = a > 0 ? row[a - 1] : -1
            let right = b < row.count - 1 ? row[b + 1] : -1
            if left >= right {
                a -= 1
                held += left
            } else {
                b += 1
                held += right
            }
        }
        return a...b
    }

    /// The clip range in seconds: [first·duration, (last+1)·duration].
    public static func seconds(_ clips: ClosedRange<Int>, clipDuration: Double) -> (start: Double, end: Double) {
        (Double(clips.lowerBound) * clipDuration, Double(clips.upperBound + 1) * clipDuration)
    }
}

/// Where a penalty happened, from its clip-level occurrence probabilities (``PenaltyHeads``):
/// the peak clip, grown over the contiguous neighbours whose probability is at least
/// `fraction` of the peak's.
public enum PenaltySpan {
    public static func clips(of row: [Float], fraction: Float = 0.5) -> ClosedRange<Int> {
        guard let peak = row.indices.max(by: { row[$0] < row[$1] }) else { return 0...0 }
        let floor = fraction * row[peak]
        var (a, b) = (peak, peak)
        while a > 0, row[a - 1] >= floor { a -= 1 }
        while b < row.count - 1, row[b + 1] >= floor { b += 1 }
        return a...b
    }
}
