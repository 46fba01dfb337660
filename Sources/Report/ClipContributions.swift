import Foundation

/// The weight-score decomposition (Interpretable long-term AQA §3, eq. 4: score = Σₖ wₖ sₖ)
/// moved from the K temporal queries onto the T clips through the decoder's cross-attention:
/// each query spreads its weight and its contribution over the clips in proportion to where
/// it looked. The clip contributions add up to the same score, so their running total shows
/// how the score builds up clip by clip.
public struct ClipContributions: Sendable, Equatable {
    /// Per clip: the share of the queries' weight that lands on it (sums to 1 over clips).
    public var weight: [Double]
    /// Per clip: the weighted mean score of the queries looking at it (points); nil where no
    /// query looks.
    public var score: [Double?]
    /// Per clip: its part of the final score (points; sums to Σₖ wₖ sₖ).
    public var contribution: [Double]
    /// The running sum of `contribution` up to and including each clip.
    public var runningTotal: [Double]

    /// `weights`, `contributions`: per query; `attention`: queries × clips (each row is a
    /// distribution over the clips; rows are renormalised, negative or non-finite entries
    /// count as 0). Empty when there are no queries or no clips.
    public init(weights: [Double], contributions: [Double], attention: [[Float]]) {
        let clips = attention.first?.count ?? 0
        var w = [Double](repeating: 0, count: clips), m = [Double](repeating: 0, count: clips)
        for (k, row) in attention.enumerated() where k < weights.count && k < contributions.count && row.count == clips {
            let mass = row.map { $0.isFinite && $0 > 0 ? Double($0) : 0 }
            let total = mass.reduce(0, +)
            guard total > 0 else { continue }
            for c in 0..<clips {
                w[c] += weights[k] * mass[c] / total
                m[c] += contributions[k] * mass[c] / total
            }
        }
        weight = w
        contribution = m
        score = zip(w, m).map { $0 > 1e-9 ? $1 / $0 : nil }
        var sum = 0.0
        runningTotal = m.map { sum += $0; return sum }
    }
}
