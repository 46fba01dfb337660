import Foundation

/// Corpus-level BLEU (Papineni et al. 2002) as coco-caption computes it: clipped n-gram counts
/// (each candidate n-gram counted at most as often as in the reference that has it most) summed
/// over the corpus, the geometric mean of the modified precisions p₁…p_N with uniform weights,
/// and the brevity penalty exp(1 − r/c) when the total candidate length c is below the
/// effective reference length r (per segment the reference length closest to the candidate's,
/// the shorter on a tie). coco-caption's guards are kept: p_n = (correct + 10⁻¹⁵)/(total + 10⁻⁹).
public enum Bleu {
    /// BLEU-1 … BLEU-`maxOrder` of tokenized candidates against their references
    /// (`references[i]` are the references of `candidates[i]`, at least one each).
    public static func scores(candidates: [[String]], references: [[[String]]], maxOrder: Int = 4) -> [Double] {
        precondition(candidates.count == references.count, "\(candidates.count) candidates for \(references.count) reference sets")
        let tiny = 1e-15, small = 1e-9
        var correct = [Double](repeating: 0, count: maxOrder)
        var guesses = [Double](repeating: 0, count: maxOrder)
        var candidateLength = 0.0, referenceLength = 0.0
        for (candidate, refs) in zip(candidates, references) {
            precondition(!refs.isEmpty, "a candidate without references")
            let c = NGramCounts(candidate, order: maxOrder)
            var maxCounts = [[String: Int]](repeating: [:], count: maxOrder)
            for ref in refs {
                for (n, grams) in NGramCounts(ref, order: maxOrder).counts.enumerated() {
                    for (g, k) in grams { maxCounts[n][g] = Swift.max(maxCounts[n][g] ?? 0, k) }
                }
            }
            for n in 0..<maxOrder {
                guesses[n] += Double(Swift.max(0, candidate.count - n))
                for (g, k) in c.counts[n] { correct[n] += Double(Swift.min(k, maxCounts[n][g] ?? 0)) }
            }
            candidateLength += Double(candidate.count)
            referenceLength += Double(refs.map(\.count).min { (abs($0 - candidate.count), $0) < (abs($1 - candidate.count), $1) }!)
        }
        let ratio = (candidateLength + tiny) / (referenceLength + small)
        let brevity = ratio < 1 ? exp(1 - 1 / ratio) : 1
        var result: [Double] = []
        var logSum = 0.0
        for n in 0..<maxOrder {
            logSum += log((correct[n] + tiny) / (guesses[n] + small))
            result.append(exp(logSum / Double(n + 1)) * brevity)
        }
        return result
    }
}
