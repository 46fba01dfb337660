import Neural

/// LucidAction §4.3 and Fig. 5: one head per rubric penalty item, applied to every query: an
/// occurrence logit (does the error happen in this part of the routine?) and severity logits
/// over the item's allowed deductions. The routine-level decision takes the max over queries,
/// and the query that holds the max tells when it happened.
public final class PenaltyHeads: Module {
    public let occurrence: Linear
    public let severity: Linear
    public let hidden: Linear
    /// Offsets of each item's severity logits inside `severity`'s output.
    public let severityOffsets: [Int]
    public let severityCounts: [Int]

    public init(width: Int, task: ScoringTask, rng: RandomSource) {
        hidden = Linear(width, width, rng: rng)
        occurrence = Linear(width, task.penaltyItems.count, rng: rng)
        severityCounts = task.penaltyItems.map(\.deductions.count)
        var offsets: [Int] = []
        var total = 0
        for c in severityCounts {
            offsets.append(total)
            total += c
        }
        severityOffsets = offsets
        severity = Linear(width, Swift.max(total, 1), rng: rng)
    }

    public struct Result {
        /// [K, I] occurrence logits per query and item.
        public let occurrence: Tensor
        /// [K, ΣCᵢ] severity logits; item i's are at `severityOffsets[i]..<+severityCounts[i]`.
        public let severity: Tensor
        /// Where each item's severity logits start in `severity`'s last axis.
        public let severityOffsets: [Int]
    }

    // [K, d] → occurrence [K, I], severity [K, ΣC]
    public func callAsFunction(_ x: Tensor) -> Result {
        let h = hidden(x).gelu()
        return Result(occurrence: occurrence(h), severity: severity(h), severityOffsets: severityOffsets)
    }

    public func parameters() -> [NamedParameter] {
        hidden.parameters(prefixedBy: "hidden") + occurrence.parameters(prefixedBy: "occurrence")
            + severity.parameters(prefixedBy: "severity")
    }
}
