/// The quality figures of the papers, computed exactly as they define them.
public enum Metrics {
    /// Ranks 1…n with ties given their average rank (as scipy.stats.rankdata "average").
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, x[order[j + 1]] == x[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for m in i...j { ranks[order[m]] = rank }
            i = j + 1
        }
        return ranks
    }

    /// Pearson correlation; 0 when either side has no spread.
    public static func pearson(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "correlation of \(p.count) and \(q.count) values")
        let n = Double(p.count)
        guard n > 1 else { return 0 }
        let mp = p.reduce(0, +) / n, mq = q.reduce(0, +) / n
        var num = 0.0, dp = 0.0, dq = 0.0
        for i in p.indices {
            num += (p[i] - mp) * (q[i] - mq)
            dp += (p[i] - mp) * (p[i] - mp)
            dq += (q[i] - mq) * (q[i] - mq)
        }
        guard dp > 0, dq > 0 else { return 0 }
        return num / (dp * dq).squareRoot()
    }

    /// Spearman's ρ: Pearson correlation of the average ranks (Interpretable-AQA eq. 7 applied
    /// to ranks, as LucidAction §4.1 uses it), so ties are handled.
    public static func spearman(_ predicted: [Double], _ truth: [Double]) -> Double {
        pearson(averageRanks(predicted), averageRanks(truth))
    }

    /// Relative L2 distance (Interpretable-AQA eq. 8; LucidAction §4.1):
    /// (1/N) Σ (|y − ŷ| / (y_max − y_min))², with y_max, y_min over the ground truth. Multiply by
    /// 100 for the tables' "R-ℓ2 (×100)".
    public static func relativeL2(_ predicted: [Double], _ truth: [Double]) -> Double {
        precondition(predicted.count == truth.count && !truth.isEmpty, "R-ℓ2 needs equal, non-empty lists")
        let range = (truth.max()! - truth.min()!)
        guard range > 0 else { return 0 }
        let total = zip(predicted, truth).reduce(0.0) { acc, pair in
            let r = abs(pair.0 - pair.1) / range
            return acc + r * r
        }
        return total / Double(truth.count)
    }

    /// Mean absolute error.
    public static func meanAbsoluteError(_ predicted: [Double], _ truth: [Double]) -> Double {
        precondition(predicted.count == truth.count && !truth.isEmpty, "MAE needs equal, non-empty lists")
        return zip(predicted, truth).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(truth.count)
    }

    /// Temporal intersection over union of two intervals.
    public static func temporalIoU(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let inter = Swift.max(0, Swift.min(a.1, b.1) - Swift.max(a.0, b.0))
        let union = Swift.max(a.1, b.1) - Swift.min(a.0, b.0)
        return union > 0 ? inter / union : 0
    }

    /// Area under the ROC curve of `scores` for binary `labels` (Mann–Whitney U with average
    /// ranks for ties); nil when either class is absent.
    public static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "AUC of \(scores.count) scores and \(labels.count) labels")
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let ranks = averageRanks(scores)
        let sum = zip(ranks, labels).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
        return (sum - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
    }

    /// Counts of a binary detection task.
    public struct Counts: Codable, Equatable, Sendable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0
        public init() {}
        public var precision: Double { Double(truePositives) / Double(Swift.max(truePositives + falsePositives, 1)) }
        public var recall: Double { Double(truePositives) / Double(Swift.max(truePositives + falseNegatives, 1)) }
        public var f1: Double {
            let d = 2 * truePositives + falsePositives + falseNegatives
            return d == 0 ? 0 : Double(2 * truePositives) / Double(d)
        }
        public static func + (a: Counts, b: Counts) -> Counts {
            var c = Counts()
            c.truePositives = a.truePositives + b.truePositives
            c.falsePositives = a.falsePositives + b.falsePositives
            c.falseNegatives = a.falseNegatives + b.falseNegatives
            return c
        }
    }
}
