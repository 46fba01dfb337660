/// ROUGE-L (Lin 2004, §3.1) as coco-caption computes it: with the longest common subsequence
/// of candidate and reference, P = LCS/|candidate| and R = LCS/|reference|, taking the best P
/// and the best R over the references, F = (1 + β²)PR / (R + β²P) with β = 1.2; the corpus
/// score is the mean over segments.
public enum RougeL {
    public static let beta = 1.2

    /// The segment score of one candidate against its references.
    public static func score(candidate: [String], references: [[String]]) -> Double {
        guard !candidate.isEmpty else { return 0 }
        var precision = 0.0, recall = 0.0
        for reference in references where !reference.isEmpty {
            let lcs = Double(longestCommonSubsequence(candidate, reference))
            precision = Swift.max(precision, lcs / Double(candidate.count))
            recall = Swift.max(recall, lcs / Double(reference.count))
        }
        guard precision > 0, recall > 0 else { return 0 }
        let b2 = beta * beta
        return (1 + b2) * precision * recall / (recall + b2 * precision)
    }

    /// Mean segment score over the corpus.
    public static func score(candidates: [[String]], references: [[[String]]]) -> Double {
        precondition(candidates.count == references.count, "\(candidates.count) candidates for \(references.count) reference sets")
        guard !candidates.isEmpty else { return 0 }
        return zip(candidates, references).reduce(0) { $0 + score(candidate: $1.0, references: $1.1) } / Double(candidates.count)
    }

    /// Length of the longest common subsequence (dynamic programming, one row at a time).
    static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : Swift.max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
