import Neural

/// LucidAction §4.3 and Fig. 5: one head per rubric penalty item, a binary classifier "does the
/// error occur?", plus severity logits over the item's allowed deductions. The heads are applied
/// twice:
///
/// - to every decoder query (occurrence [K, I], severity [K, ΣC]); the routine-level decision of
///   this path is the max over queries (multiple-instance learning over the queries);
/// - to every clip of the memory (occurrence [T, I], severity [T, ΣC]). Our labels carry the
///   exact time of each penalty, so the clip path is supervised clip by clip, and it is the one
///   that says *when*: a query's cross-attention spreads over seconds (and the queries of a
///   trained model often look at the same clips), while a fault lasts a fraction of a second to
///   about 2 s. The routine-level probability of this path is the max over clips (the same
///   per-item binary classification as the paper's heads, pooled over time). Besides the
///   memory token, each clip's head reads the clip's cells as they are laid out ([G·D]
///   projected, ±1 clip of context): the spatial attention pooling of the memory keeps one
///   weighted mean of the cells, and *where* in the crop something is wrong (head, knees,
///   feet, hands on the floor) is what tells the items apart.
public final class PenaltyHeads: Module {
    public let occurrence: Linear
    public let severity: Linear
    public let hidden: Linear
    /// The clip-level heads (same outputs, read from the memory tokens).
    public let clipHidden: Linear
    /// [G·D] → d projection of a clip's cells, then ±1 clip of temporal context.
    public let cellProjection: Linear
    public let cellContext: TemporalContext
    public let clipOccurrence: Linear
    public let clipSeverity: Linear
    /// Per clip, the points deducted in it (softplus, in tenths of a point): the density whose
    /// sum over the routine is its expected total deduction. Nil in older model files.
    public let clipDeduction: Linear?
    /// Offsets of each item's severity logits inside `severity`'s output.
    public let severityOffsets: [Int]
    public let severityCounts: [Int]

    public init(width: Int, cellInputWidth: Int, task: ScoringTask, deductionDensity: Bool = false, rng: RandomSource) {
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
        cellProjection = Linear(cellInputWidth, width, rng: rng)
        cellContext = TemporalContext(width: width, radius: 1, rng: rng)
        clipHidden = Linear(2 * width, width, rng: rng)
        clipOccurrence = Linear(width, task.penaltyItems.count, rng: rng)
        clipSeverity = Linear(width, Swift.max(total, 1), rng: rng)
        clipDeduction = deductionDensity ? Linear(width, 1, rng: rng) : nil
    }

    public struct Result {
        /// [K, I] occurrence logits per query and item.
        public let occurrence: Tensor
        /// [K, ΣCᵢ] severity logits; item i's are at `severityOffsets[i]..<+severityCounts[i]`.
        public let severity: Tensor
        /// Where each item's severity logits start in `severity`'s last axis.
        public let severityOffsets: [Int]
        /// [T, I] occurrence logits per clip and item.
        public let clipOccurrence: Tensor
        /// [T, ΣCᵢ] severity logits per clip, laid out as `severity`.
        public let clipSeverity: Tensor
        /// [T] points deducted per clip, in tenths (nil without the density head).
        public let clipDeductions: Tensor?
        /// [T, d] the clip representation the clip-level heads read.
        public let clipHidden: Tensor
    }

    // queries [K, d], memory [T, d], cells [T, G·D] → occurrence [K, I], severity [K, ΣC],
    // clip occurrence [T, I], clip severity [T, ΣC]
    public func callAsFunction(_ x: Tensor, memory: Tensor, cells: Tensor, dropout: Float = 0, rng: RandomSource? = nil) -> Result {
        let h = hidden(x).gelu()
        let local = cellContext(cellProjection(cells).gelu()).dropout(dropout, rng: rng)
        let c = clipHidden(Tensor.concat([memory, local], axis: 1)).gelu()
        return Result(occurrence: occurrence(h), severity: severity(h), severityOffsets: severityOffsets,
                      clipOccurrence: clipOccurrence(c), clipSeverity: clipSeverity(c),
                      clipDeductions: clipDeduction.map { $0(c).softplus().reshaped([c.shape[0]]) }, clipHidden: c)
    }

    public func parameters() -> [NamedParameter] {
        hidden.parameters(prefixedBy: "hidden") + occurrence.parameters(prefixedBy: "occurrence")
            + severity.parameters(prefixedBy: "severity") + cellProjection.parameters(prefixedBy: "cell_projection")
            + cellContext.parameters(prefixedBy: "cell_context") + clipHidden.parameters(prefixedBy: "clip_hidden")
            + clipOccurrence.parameters(prefixedBy: "clip_occurrence") + clipSeverity.parameters(prefixedBy: "clip_severity")
            + (clipDeduction?.parameters(prefixedBy: "clip_deduction") ?? [])
    }
}
