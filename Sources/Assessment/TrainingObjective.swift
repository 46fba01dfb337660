import Neural

/// The total loss of DESIGN.md §Model for one routine, and its parts for the progress log:
/// score (L2 + L1, MTL-AQA eq. 1) + difficulty + λ_att·attention (Interpretable-AQA eq. 3)
/// + λ_pen·(penalty occurrence + severity) + λ_loc·localisation + λ_el·element.
public struct TrainingObjective {
    public let configuration: ModelConfiguration
    public let scoreScale: ScoreScale
    public let difficultyScale: ScoreScale
    /// Per pose-stream value, the training routines' mean and standard deviation: the pose
    /// target is learnt standardised, so angles, coordinates and speeds weigh alike.
    public let poseScale: (mean: [Float], deviation: [Float])?

    public init(configuration: ModelConfiguration, scoreScale: ScoreScale, difficultyScale: ScoreScale,
                poseScale: (mean: [Float], deviation: [Float])? = nil) {
        self.configuration = configuration
        self.scoreScale = scoreScale
        self.difficultyScale = difficultyScale
        self.poseScale = poseScale
    }

    /// The mean and standard deviation of each pose-stream value over the clips of `streams`
    /// ([T · width] each); nil when there is none.
    public static func poseScale(_ streams: [[Float]], width: Int) -> (mean: [Float], deviation: [Float])? {
        guard width > 0 else { return nil }
        var sum = [Double](repeating: 0, count: width), squares = sum
        var clips = 0
        for s in streams {
            for t in 0..<(s.count / width) {
                for j in 0..<width {
                    let v = Double(s[t * width + j])
                    sum[j] += v
                    squares[j] += v * v
                }
                clips += 1
            }
        }
        guard clips > 1 else { return nil }
        let mean = sum.map { $0 / Double(clips) }
        let deviation = (0..<width).map { j in Swift.max(1e-3, (squares[j] / Double(clips) - mean[j] * mean[j]).squareRoot()) }
        return (mean.map { Float($0) }, deviation.map { Float($0) })
    }

    /// Loss parts as plain numbers (for logs and tests).
    public struct Parts: Sendable, Equatable {
        public var score: Double = 0
        public var difficulty: Double = 0
        public var attention: Double = 0
        public var penalty: Double = 0
        public var localisation: Double = 0
        public var element: Double = 0
        public var deduction: Double = 0
        /// Squared error of the predicted pose stream (standardised units).
        public var pose: Double = 0
        public var contrastive: Double = 0
        /// Sum of the jointly trained tasks' losses (unweighted).
        public var auxiliary: Double = 0
        public var total: Double = 0

        public static func + (a: Parts, b: Parts) -> Parts {
            Parts(score: a.score + b.score, difficulty: a.difficulty + b.difficulty, attention: a.attention + b.attention,
                  penalty: a.penalty + b.penalty, localisation: a.localisation + b.localisation, element: a.element + b.element,
                  deduction: a.deduction + b.deduction, pose: a.pose + b.pose, contrastive: a.contrastive + b.contrastive, auxiliary: a.auxiliary + b.auxiliary, total: a.total + b.total)
        }

        public func scaled(by f: Double) -> Parts {
            Parts(score: score * f, difficulty: difficulty * f, attention: attention * f, penalty: penalty * f,
                  localisation: localisation * f, element: element * f, deduction: deduction * f, pose: pose * f, contrastive: contrastive * f,
                  auxiliary: auxiliary * f, total: total * f)
        }
    }

    /// `pose`: the routine's pose stream [T · P] when the network learns to predict it.
    public func loss(_ out: AssessmentModel.Output, _ target: RoutineTargets, task: ScoringTask, pose: [Float]? = nil) -> (Tensor, Parts) {
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
        if c.useDeductionDensity, let density = out.penalties.clipDeductions {
            let d = deductionLoss(density, target, task: task)
            parts.deduction = Double(d.scalar)
            loss = loss + d.scaled(by: c.deductionLossWeight ?? 0)
        }
        if c.useElementHead, c.elementLossWeight > 0, let el = elementLoss(out, target) {
            parts.element = Double(el.scalar)
            loss = loss + el.scaled(by: c.elementLossWeight)
        }
        if let predicted = out.clipPose, let pose, let poseScale {
            let (t, width) = (predicted.shape[0], predicted.shape[1])
            if pose.count >= t * width {
                let y = (0..<(t * width)).map { i in (pose[i] - poseScale.mean[i % width]) / poseScale.deviation[i % width] }
                let term = Loss.mse(predicted, Tensor(shape: [t, width], data: y))
                parts.pose = Double(term.scalar)
                loss = loss + term.scaled(by: c.poseTargetLossWeight ?? 0.5)
            }
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

    /// LucidAction §4.3 penalty heads: per item a binary "does the error occur" classification
    /// (BCE) and the severity class (cross-entropy), on two paths (see ``PenaltyHeads``).
    ///
    /// Penalty term:
    /// - queries, multiple-instance learning: the routine-level occurrence logit of item i is the
    ///   max over queries, BCE against "the item occurs"; the severity is learnt at the query
    ///   whose cross-attention covers the labelled span best;
    /// - clips, the same routine-level BCE on the max over clips, and the severity learnt on the
    ///   clips of each labelled span.
    ///
    /// Localisation term: the clip occurrence logits against the labelled spans, clip by clip
    /// (1 on the clips a penalty of that item covers, 0 elsewhere), with positive and negative
    /// clips weighted equally (a penalty covers ~1–4 of ~10–40 clips, so a plain mean would
    /// teach "never"). This replaced a query-level target "share of the span under the query's
    /// cross-attention, relative to the best query": with diffuse or collapsed attention every
    /// query got a target near 1 and the predicted spans were seconds long (localisation 0.02).
    func penaltyLoss(_ out: AssessmentModel.Output, _ target: RoutineTargets, task: ScoringTask) -> (Tensor, Tensor?) {
        let items = task.penaltyItems.count
        let y = Tensor(shape: [items], data: target.occurrence(itemCount: items))
        let pen = out.penalties
        func routineLogits(_ occ: Tensor) -> Tensor {  // [N, I] → max over N, [I]
            let n = occ.shape[0]
            let values = occ.data
            var argmax = [Int](repeating: 0, count: items)
            for i in 0..<items {
                for r in 1..<Swift.max(n, 1) where values[r * items + i] > values[argmax[i] * items + i] { argmax[i] = r }
            }
            return occ.reshaped([n * items]).gather((0..<items).map { argmax[$0] * items + $0 })
        }
        var loss = Loss.binaryCrossEntropyWithLogits(routineLogits(pen.occurrence), targets: y)
            + Loss.binaryCrossEntropyWithLogits(routineLogits(pen.clipOccurrence), targets: y)

        let k = out.queryCount
        let t = pen.clipOccurrence.shape[0]
        let severityWidth = pen.severity.shape[1]
        let flatSeverity = pen.severity.reshaped([k * severityWidth])
        let flatClipSeverity = pen.clipSeverity.reshaped([t * severityWidth])
        var severityTerms: [Tensor] = []
        var clipLabels = [Float](repeating: 0, count: t * items)
        for p in target.penalties {
            let clips = Array(p.clips.clamped(to: 0...Swift.max(t - 1, 0)))
            for c in clips { clipLabels[c * items + p.item] = 1 }
            let offset = pen.severityOffsets[p.item]
            let count = task.penaltyItems[p.item].deductions.count
            guard count > 1 else { continue }
            let share = Self.overlap(out.crossAttention, p.clips)
            let best = share.indices.max { share[$0] < share[$1] } ?? 0
            let logits = flatSeverity.gather((0..<count).map { best * severityWidth + offset + $0 }).reshaped([1, count])
            severityTerms.append(Loss.crossEntropy(logits, targets: [p.severity]))
            let clipLogits = flatClipSeverity.gather(clips.flatMap { c in (0..<count).map { c * severityWidth + offset + $0 } })
                .reshaped([clips.count, count])
            severityTerms.append(Loss.crossEntropy(clipLogits, targets: [Int](repeating: p.severity, count: clips.count)))
        }
        if !severityTerms.isEmpty {
            loss = loss + severityTerms.dropFirst().reduce(severityTerms[0], +).scaled(by: 2 / Float(severityTerms.count))
        }
        // Class-balanced clip-level BCE: mean over positive clips + mean over negative clips.
        let flatClip = pen.clipOccurrence.reshaped([t * items])
        let positive = clipLabels.indices.filter { clipLabels[$0] > 0 }
        let negative = clipLabels.indices.filter { clipLabels[$0] == 0 }
        var localisation: Tensor?
        for (indices, label) in [(positive, Float(1)), (negative, Float(0))] where !indices.isEmpty {
            let term = Loss.binaryCrossEntropyWithLogits(flatClip.gather(indices),
                                                         targets: Tensor(shape: [indices.count], data: [Float](repeating: label, count: indices.count)))
            localisation = localisation.map { $0 + term } ?? term
        }
        return (loss, localisation)
    }

    /// The deduction density (in tenths of a point per clip): each labelled penalty's deduction
    /// spread over the clips it covers in proportion to the seconds it spends in each, so the
    /// clip targets sum to the routine's total deduction. Per-clip squared error plus the
    /// absolute error of the routine's total (scaled by 1/10): the clip term says where, the
    /// total term makes the sum the execution deduction (base − execution) — the quantity that
    /// ranks routines of one level (on the synthetic data, the true execution with a level's
    /// mean difficulty gives ρ 0.97).
    func deductionLoss(_ density: Tensor, _ target: RoutineTargets, task: ScoringTask) -> Tensor {
        let t = density.shape[0]
        let clip = configuration.clipDuration
        var y = [Float](repeating: 0, count: t)
        for p in target.penalties {
            let tenths = Float(10 * task.penaltyItems[p.item].deductions[p.severity])
            let length = Swift.max(p.end - p.start, 1e-6)
            for c in p.clips where c < t {
                let a = Swift.max(p.start, Double(c) * clip), b = Swift.min(p.end, Double(c + 1) * clip)
                if b > a { y[c] += tenths * Float((b - a) / length) }
            }
        }
        let targetTotal = y.reduce(0, +)
        return Loss.mse(density, Tensor(shape: [t], data: y))
            + Loss.l1(density.sum(), Tensor(targetTotal)).scaled(by: 0.1)
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
