import Foundation

/// CIDEr-D (Vedantam et al. 2015, §3 and the "-D" variant of §4) as coco-caption computes it.
/// Each sentence becomes, per n = 1…4, a TF-IDF vector of its n-grams: g = tf · (log |I| −
/// log max(1, df)), with df the number of evaluated segments whose references contain the
/// n-gram and |I| the number of segments (the document frequency comes from the reference set
/// being scored). Per n, the candidate–reference similarity is Σ min(g_c, g_r)·g_r / (‖g_c‖‖g_r‖)
/// (the clipped cosine), times the Gaussian length penalty exp(−(l_c − l_r)²/(2σ²)), σ = 6;
/// a segment's score is 10 × the mean over n, averaged over its references; the corpus score
/// is the mean over segments.
///
/// coco-caption measures l as the number of bigrams; the difference of two lengths is the same
/// as with words, which are used here.
public enum CiderD {
    public static let order = 4
    public static let sigma = 6.0

    /// Per-segment scores.
    public static func segmentScores(candidates: [[String]], references: [[[String]]]) -> [Double] {
        precondition(candidates.count == references.count, "\(candidates.count) candidates for \(references.count) reference sets")
        guard !candidates.isEmpty else { return [] }
        let refCounts = references.map { $0.map { NGramCounts($0, order: order) } }
        var documentFrequency: [String: Double] = [:]
        for refs in refCounts {
            var seen = Set<String>()
            for r in refs { for grams in r.counts { seen.formUnion(grams.keys) } }
            for g in seen { documentFrequency[g, default: 0] += 1 }
        }
        let logDocuments = log(Double(candidates.count))

        func vector(_ c: NGramCounts) -> (weights: [[String: Double]], norms: [Double]) {
            var weights = [[String: Double]](repeating: [:], count: order)
            var norms = [Double](repeating: 0, count: order)
            for n in 0..<order {
                for (g, tf) in c.counts[n].sorted(by: { $0.key < $1.key }) {  // fixed order: same sums, same bytes
                    let w = Double(tf) * (logDocuments - log(Swift.max(1, documentFrequency[g] ?? 0)))
                    weights[n][g] = w
                    norms[n] += w * w
                }
            }
            return (weights, norms.map { $0.squareRoot() })
        }

        return zip(candidates, refCounts).map { candidate, refs in
            let c = NGramCounts(candidate, order: order)
            let (cw, cn) = vector(c)
            var total = 0.0
            for r in refs {
                let (rw, rn) = vector(r)
                let delta = Double(c.length - r.length)
                let penalty = exp(-(delta * delta) / (2 * sigma * sigma))
                var sum = 0.0
                for n in 0..<order {
                    var dot = 0.0
                    for (g, w) in cw[n].sorted(by: { $0.key < $1.key }) { let v = rw[n][g] ?? 0; dot += Swift.min(w, v) * v }
                    if cn[n] != 0, rn[n] != 0 { dot /= cn[n] * rn[n] }
                    sum += dot * penalty
                }
                total += sum / Double(order)
            }
            return 10 * total / Double(Swift.max(refs.count, 1))
        }
    }

    /// Mean segment score.
    public static func score(candidates: [[String]], references: [[[String]]]) -> Double {
        let s = segmentScores(candidates: candidates, references: references)
        return s.isEmpty ? 0 : s.reduce(0, +) / Double(s.count)
    }
}
