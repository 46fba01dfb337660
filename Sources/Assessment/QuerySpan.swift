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

extension PenaltySpan {
    /// Every occurrence of one item in a routine: the strongest peak first (always, so callers
    /// can read the item's probability even when it stays under the threshold), then each
    /// further local maximum at or above `threshold` that lies at least one clip away from the
    /// spans already taken, with its own span. Faults repeat (about a quarter of the labelled
    /// penalties in the synthetic data are a second or third of the same item in a routine),
    /// and each occurrence is its own deduction.
    public static func instances(of row: [Float], threshold: Float, fraction: Float = 0.5) -> [(peak: Int, clips: ClosedRange<Int>)] {
        guard let first = row.indices.max(by: { row[$0] < row[$1] }) else { return [] }
        var found = [(peak: first, clips: clips(of: row, fraction: fraction))]
        func free(_ c: Int) -> Bool { found.allSatisfy { c < $0.clips.lowerBound - 1 || c > $0.clips.upperBound + 1 } }
        while true {
            let candidates = row.indices.filter { c in
                row[c] >= threshold && free(c)
                    && (c == 0 || row[c] >= row[c - 1]) && (c == row.count - 1 || row[c] >= row[c + 1])
            }
            guard let peak = candidates.max(by: { row[$0] < row[$1] }) else { break }
            let floor = fraction * row[peak]
            var (a, b) = (peak, peak)
            while a > 0, row[a - 1] >= floor, free(a - 1) { a -= 1 }
            while b < row.count - 1, row[b + 1] >= floor, free(b + 1) { b += 1 }
            found.append((peak, a...b))
        }
        return found
    }
}
