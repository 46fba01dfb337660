import Neural

/// The total loss of DESIGN.md §Model for one routine, and its parts for the progress log:
/// score (L2 + L1, MTL-AQA eq. 1) + difficulty + λ_att·attention (Interpretable-AQA eq. 3)
/// + λ_pen·(penalty occurrence + severity) + λ_loc·localisation + λ_el·element.
public struct TrainingObjective {
    public let configuration: ModelConfiguration
    public let scoreScale: ScoreScale
    public let difficultyScale: ScoreScale

    public init(configuration: ModelConfiguration, scoreScale: ScoreScale, difficultyScale: ScoreScale) {
        self.configuration = configuration
        self.scoreScale = scoreScale
        self.difficultyScale = difficultyScale
    }

    /// Loss parts as plain numbers (for logs and tests).
    public struct Parts: Sendable, Equatable {
        public var score: Double = 0
        public var difficulty: Double = 0
        public var attention: Double = 0
        public var penalty: Double = 0
        public var localisation: Double = 0
        public var element: Double = 0
        public var contrastive: Double = 0
        /// Sum of the jointly trained tasks' losses (unweighted).
        public var auxiliary: Double = 0
        public var total: Double = 0

        public static func + (a: Parts, b: Parts) -> Parts {
            Parts(score: a.score + b.score, difficulty: a.difficulty + b.difficulty, attention: a.attention + b.attention,
                  penalty: a.penalty + b.penalty, localisation: a.localisation + b.localisation, element: a.element + b.element,
                  contrastive: a.contrastive + b.contrastive, auxiliary: a.auxiliary + b.auxiliary, total: a.total + b.total)
        }

        public func scaled(by f: Double) -> Parts {
            Parts(score: score * f, difficulty: difficulty * f, attention: attention * f, penalty: penalty * f,
                  localisation: localisation * f, element: element * f, contrastive: contrastive * f,
                  auxiliary: auxiliary * f, total: total * f)
        }
    }

    public func loss(_ out: AssessmentModel.Output, _ target: RoutineTargets, task: ScoringTask) -> (Tensor, Parts) {
        let c = configuration
        var parts = Parts()
        // Score: MTL-AQA eq. 1, L2 + L1, averaged over the ensemble of score heads.
        let y = Tensor(scoreScale.normalise(target.score))
        var score: Tensor?
        for total in out.weightScore.headTotals {
            let term = Loss.mse(total, y) + Loss.l1(total, y)
            score = score.map { $0 + term } ?? term
        }
        var loss = score!.scaled(by: 1 / Float(out.weightScore.headTotals.count))
        parts.score = Double(loss.scalar)

        if c.difficultyLossWeight > 0 {
            let d = Loss.mse(out.difficulty, Tensor(difficultyScale.normalise(target.difficulty)))
            parts.difficulty = Double(d.scalar)
            loss = loss + d.scaled(by: c.difficultyLossWeight)
        }
        if c.attentionLossWeight > 0, let att = AttentionLoss.total(out.layers, direction: c.attentionLossDirection) {
            parts.attention = Double(att.scalar)
            loss = loss + att.scaled(by: c.attentionLossWeight)
        }
        if c.usePenaltyHeads, c.penaltyLossWeight > 0, !task.penaltyItems.isEmpty {
            let (pen, loc) = penaltyLoss(out, target, task: task)
            parts.penalty = Double(pen.scalar)
            loss = loss + pen.scaled(by: c.penaltyLossWeight)
            if let loc, c.localisationLossWeight > 0 {
                parts.localisation = Double(loc.scalar)
                loss = loss + loc.scaled(by: c.localisationLossWeight)
            }
        }
        if c.useElementHead, c.elementLossWeight > 0, let el = elementLoss(out, target) {
            parts.element = Double(el.scalar)
            loss = loss + el.scaled(by: c.elementLossWeight)
        }
        parts.total = Double(loss.scalar)
        return (loss, parts)
    }

    /// LucidAction eq. 1 in normalised units: the predicted difference Δ to the exemplar plus
    /// the exemplar's true score should give the target's, L2 + L1 as the direct score.
    public func contrastiveLoss(_ r: WeightScoreHead.Result, exemplarScore: Double, targetScore: Double) -> Tensor {
        let base = scoreScale.normalise(exemplarScore)
        let y = Tensor(scoreScale.normalise(targetScore))
        var total: Tensor?
        for delta in r.headTotals {
            let predicted = delta + base
            let term = Loss.mse(predicted, y) + Loss.l1(predicted, y)
            total = total.map { $0 + term } ?? term
        }
        return total!.scaled(by: 1 / Float(r.headTotals.count))
    }

    /// Share of query k's cross-attention that falls on each clip range (rows: queries).
    static func overlap(_ cross: [[Float]], _ clips: ClosedRange<Int>) -> [Float] {
        cross.map { row in
            var s: Float = 0
            for t in clips where t < row.count { s += row[t] }
            return s
        }
    }

    /// LucidAction §4.3 penalty heads, trained as multiple-instance learning: the routine-level
    /// occurrence logit of item i is the max over queries (BCE against "the item occurs"); the
    /// severity is learnt at the query that covers the labelled span best. The localisation term
    /// asks each query's occurrence to match how much of the labelled span its cross-attention
    /// covers, relative to the best-covering query (attention detached), which ties each penalty
    /// to the part of the routine it is in.
    func penaltyLoss(_ out: AssessmentModel.Output, _ target: RoutineTargets, task: ScoringTask) -> (Tensor, Tensor?) {
        let items = task.penaltyItems.count
        let k = out.queryCount
        let occ = out.penalties.occurrence  // [K, I]
        let values = occ.data
        var argmax = [Int](repeating: 0, count: items)
        for i in 0..<items {
            for q in 1..<k where values[q * items + i] > values[argmax[i] * items + i] { argmax[i] = q }
        }
        let routineLogits = occ.reshaped([k * items]).gather((0..<items).map { argmax[$0] * items + $0 })  // [I]
        let y = target.occurrence(itemCount: items)
        var loss = Loss.binaryCrossEntropyWithLogits(routineLogits, targets: Tensor(shape: [items], data: y))

        // Severity at the query that covers each labelled penalty best.
        let severityWidth = out.penalties.severity.shape[1]
        let flatSeverity = out.penalties.severity.reshaped([k * severityWidth])
        var severityTerms: [Tensor] = []
        var soft = [Float](repeating: 0, count: k * items)
        for p in target.penalties {
            let share = Self.overlap(out.crossAttention, p.clips)
            let best = share.indices.max { share[$0] < share[$1] } ?? 0
            // Relative to the best-covering query: that query should say "yes", the others in
            // proportion to how much of the span they see (raw shares of a diffuse attention
            // would tell every query "no").
            let top = Swift.max(share.max() ?? 0, 1e-6)
            for q in 0..<k { soft[q * items + p.item] = Swift.max(soft[q * items + p.item], Swift.min(1, share[q] / top)) }
            let offset = out.penalties.severityOffsets[p.item]
            let count = task.penaltyItems[p.item].deductions.count
            if count > 1 {
                let logits = flatSeverity.gather((0..<count).map { best * severityWidth + offset + $0 }).reshaped([1, count])
                severityTerms.append(Loss.crossEntropy(logits, targets: [p.severity]))
            }
        }
        if !severityTerms.isEmpty {
            loss = loss + severityTerms.dropFirst().reduce(severityTerms[0], +).scaled(by: 1 / Float(severityTerms.count))
        }
        guard configuration.useDecoder else { return (loss, nil) }
        let localisation = Loss.binaryCrossEntropyWithLogits(occ, targets: Tensor(shape: [k, items], data: soft))
        return (loss, localisation)
    }

    /// MTL-AQA factorised recognition per query: each labelled element trains the query whose
    /// cross-attention covers its span best (a query claimed by two elements keeps the better
    /// covered one); other queries are ignored.
    func elementLoss(_ out: AssessmentModel.Output, _ target: RoutineTargets) -> Tensor? {
        guard !target.elements.isEmpty else { return nil }
        let k = out.queryCount
        var best = [Float](repeating: 0, count: k)
        var label = [Int?](repeating: nil, count: k)
        for (e, element) in target.elements.enumerated() {
            let share = Self.overlap(out.crossAttention, element.clips)
            guard let q = share.indices.max(by: { share[$0] < share[$1] }), share[q] > best[q] else { continue }
            best[q] = share[q]
            label[q] = e
        }
        guard label.contains(where: { $0 != nil }) else { return nil }
        func targets(_ f: (RoutineTargets.Element) -> Int) -> [Int] { label.map { $0.map { f(target.elements[$0]) } ?? -100 } }
        let r = out.elements
        return Loss.crossEntropy(r.name, targets: targets(\.name)) + Loss.crossEntropy(r.shape, targets: targets(\.shape))
            + Loss.crossEntropy(r.rotation, targets: targets(\.rotation)) + Loss.crossEntropy(r.halfRotations, targets: targets(\.halfRotations))
    }
}
