import Foundation
import Neural

/// A model ready to assess routines: the network with the normalisations fitted on its training
/// split and the interval calibration. Saved as one safetensors file whose metadata holds the
/// configuration, the scoring task (rubric), the scales and the feature version, so it rebuilds
/// itself on load.
public final class TrainedModel {
    public let network: AssessmentModel
    public var scoreScale: ScoreScale
    public var difficultyScale: ScoreScale
    /// Half-width of the score interval per unit of ensemble spread (split-conformal, fitted on
    /// the validation athletes for `intervalCoverage`).
    public var intervalScale: Double
    public var intervalCoverage: Double
    /// Identifier of the feature extractor the tokens must come from.
    public var featureVersion: String
    /// Free-form facts stored with the model (training figures, commentary threshold, …).
    public var notes: [String: String]
    /// Per penalty item, the probability above which it is judged present (0.5 unless
    /// calibrated on the validation athletes).
    public var penaltyThresholds: [Double] = []
    /// Per penalty item, the probability above which a further peak is a second occurrence of
    /// the item (calibrated on the validation athletes; without it, one occurrence per item).
    public var repeatThresholds: [Double] = []
    /// Which estimate is the routine's score (chosen on the validation athletes by the trainer).
    public var scoreSource: ScoreSource = .regression
    /// The probability below which a deduction is marked `needsReview` rather than asserted:
    /// the lowest at which, on the validation athletes, at least half of the deductions the
    /// model made were real faults (0: every deduction outside the review band is asserted).
    /// The per-item thresholds are tuned to find faults, and for faults the features barely
    /// show they are low, so most deductions near them are wrong more often than right.
    public var assertThreshold: Double = 0
    /// Contrastive mode: the exemplars with their memories.
    public var exemplarBank: ExemplarBank?
    /// The ensemble's further networks: trained like `network` on the same split from other
    /// initialisations (`routine train --members`). Their clip-level penalty and deduction
    /// logits and their difficulty are averaged with `network`'s, and their score heads join
    /// the ensemble the interval is read from. Queries, attention maps and elements stay
    /// `network`'s: a query of one network is not a query of another.
    public var members: [AssessmentModel] = []

    public var configuration: ModelConfiguration { network.configuration }
    public var task: ScoringTask { network.task }

    public init(network: AssessmentModel, scoreScale: ScoreScale, difficultyScale: ScoreScale, intervalScale: Double = 1,
                intervalCoverage: Double = 0.9, featureVersion: String, notes: [String: String] = [:]) {
        self.network = network
        self.scoreScale = scoreScale
        self.difficultyScale = difficultyScale
        self.intervalScale = intervalScale
        self.intervalCoverage = intervalCoverage
        self.featureVersion = featureVersion
        self.notes = notes
    }

    /// A forward pass without a graph, reduced to what predictions and calibration need.
    struct Evaluated {
        let output: AssessmentModel.Output
        /// Score samples in points: one per score head (× exemplar in contrastive mode).
        let samples: [Double]
        let queryWeights: [Double]
        /// Per query, in points; Σ weight × score = the mean of `samples`.
        let queryScores: [Double]
        let exemplars: [String]
    }

    func evaluate(_ views: [ClipTokens]) throws -> Evaluated {
        let evaluated = try regressed(views)
        guard scoreSource == .ledger, let ledger = ledgerScore(evaluated.output), !evaluated.samples.isEmpty else { return evaluated }
        // The ledger sets the level; the score heads keep their spread (the interval) and the
        // queries their weights, every query score moved by the same amount (Σ w = 1), so the
        // contributions still add up to the score.
        let shift = ledger - evaluated.samples.reduce(0, +) / Double(evaluated.samples.count)
        return Evaluated(output: evaluated.output, samples: evaluated.samples.map { $0 + shift },
                         queryWeights: evaluated.queryWeights, queryScores: evaluated.queryScores.map { $0 + shift },
                         exemplars: evaluated.exemplars)
    }

    /// The ledger's score: predicted difficulty + base − the deduction density's total (nil
    /// without the density head).
    func ledgerScore(_ out: AssessmentModel.Output) -> Double? {
        expectedDeduction(out).map { difficultyScale.denormalise(out.difficulty.scalar) + Swift.max(0, task.baseScore - $0) }
    }

    /// The deduction density's total in points (nil without the density head).
    func expectedDeduction(_ out: AssessmentModel.Output) -> Double? {
        out.penalties.clipDeductions.map { $0.data.reduce(0) { $0 + Double($1) } / 10 }
    }

    /// The score heads' estimate (direct or contrastive regression).
    func regressed(_ views: [ClipTokens]) throws -> Evaluated {
        try Graph.withoutGradients {
            let out = try forward(views)
            let k = out.queryCount
            guard configuration.exemplars > 0, let bank = exemplarBank, !bank.entries.isEmpty else {
                let w = out.weightScore.weights.data.map(Double.init)
                var s = out.weightScore.scores.data.map { scoreScale.denormalise($0) }
                let samples = out.weightScore.headTotals.map { scoreScale.denormalise($0.scalar) }
                if !members.isEmpty {
                    // The queries are the first network's; their scores move together so the
                    // contributions add up to the ensemble's score (Σ w = 1).
                    let shift = samples.reduce(0, +) / Double(samples.count) - zip(w, s).reduce(0) { $0 + $1.0 * $1.1 }
                    s = s.map { $0 + shift }
                }
                return Evaluated(output: out, samples: samples, queryWeights: w, queryScores: s, exemplars: [])
            }
            // LucidAction eq. 1: ŷ = S(P(A(X) ⊕ A(Z))) + y_Z, averaged over the nearest exemplars.
            let chosen = bank.nearest(to: recognisedElements(out), count: configuration.exemplars)
            var samples: [Double] = []
            var weights = [Double](repeating: 0, count: k), contributions = [Double](repeating: 0, count: k)
            for e in chosen {
                let entry = bank.entries[e]
                let memory = Tensor(shape: [entry.clipCount, configuration.width], data: bank.memories[e])
                let z = network.decode(memory, queryCount: k)
                let r = network.contrast(out.queryFeatures, z.features)!
                samples += r.headTotals.map { entry.score + scoreScale.std * Double($0.scalar) }
                let (w, d) = (r.weights.data, r.scores.data)
                for q in 0..<k {
                    weights[q] += Double(w[q]) / Double(chosen.count)
                    contributions[q] += Double(w[q]) * (entry.score + scoreScale.std * Double(d[q])) / Double(chosen.count)
                }
            }
            let scores = zip(contributions, weights).map { $1 > 0 ? $0 / $1 : 0 }
            return Evaluated(output: out, samples: samples, queryWeights: weights, queryScores: scores,
                             exemplars: chosen.map { bank.entries[$0].id })
        }
    }

    /// The model's output for a routine: `network`'s, with the clip-level logits, difficulty
    /// and score heads of the ensemble's `members` (see there).
    func forward(_ views: [ClipTokens]) throws -> AssessmentModel.Output {
        let first = try forward(network, views)
        guard !members.isEmpty else { return first }
        let outs = try [first] + members.map { try forward($0, views) }
        func mean(_ f: (AssessmentModel.Output) -> Tensor) -> Tensor { Tensor.stack(outs.map(f)).mean(axis: 0) }
        let p = first.penalties
        return AssessmentModel.Output(
            spatialWeights: first.spatialWeights, memory: first.memory, layers: first.layers, queryFeatures: first.queryFeatures,
            crossAttention: first.crossAttention,
            weightScore: WeightScoreHead.Result(weights: first.weightScore.weights, headScores: first.weightScore.headScores,
                                                headTotals: outs.flatMap(\.weightScore.headTotals)),
            penalties: .init(occurrence: p.occurrence, severity: p.severity, severityOffsets: p.severityOffsets,
                             clipOccurrence: mean { $0.penalties.clipOccurrence }, clipSeverity: mean { $0.penalties.clipSeverity },
                             clipDeductions: p.clipDeductions == nil ? nil : mean { $0.penalties.clipDeductions! }, clipHidden: p.clipHidden),
            elements: first.elements, difficulty: mean { $0.difficulty })
    }

    /// One network's output for a routine; with the batch strategy and several views, the
    /// views' outputs averaged (logits and weights), views trimmed to a common length.
    func forward(_ network: AssessmentModel, _ views: [ClipTokens]) throws -> AssessmentModel.Output {
        guard configuration.viewFusion == .batch, views.count > 1 else { return try network(views) }
        let t = views.map(\.clipCount).min()!
        let outs = try views.map { try network([$0.trimmed(toClips: t)]) }
        func mean(_ f: (AssessmentModel.Output) -> Tensor) -> Tensor {
            Tensor.stack(outs.map(f)).mean(axis: 0)
        }
        let first = outs[0]
        let n = Float(outs.count)
        let cross = first.crossAttention.indices.map { q in
            first.crossAttention[q].indices.map { j in outs.reduce(0) { $0 + $1.crossAttention[q][j] } / n }
        }
        let heads = first.weightScore.headScores.indices
        let ws = WeightScoreHead.Result(
            weights: mean { $0.weightScore.weights },
            headScores: heads.map { h in mean { $0.weightScore.headScores[h] } },
            headTotals: heads.map { h in mean { $0.weightScore.headTotals[h] } })
        return AssessmentModel.Output(
            spatialWeights: first.spatialWeights, memory: first.memory, layers: first.layers, queryFeatures: mean { $0.queryFeatures },
            crossAttention: cross, weightScore: ws,
            penalties: .init(occurrence: mean { $0.penalties.occurrence }, severity: mean { $0.penalties.severity },
                             severityOffsets: first.penalties.severityOffsets, clipOccurrence: mean { $0.penalties.clipOccurrence },
                             clipSeverity: mean { $0.penalties.clipSeverity },
                             clipDeductions: first.penalties.clipDeductions == nil ? nil : mean { $0.penalties.clipDeductions! },
                             clipHidden: first.penalties.clipHidden),
            elements: .init(name: mean { $0.elements.name }, shape: mean { $0.elements.shape }, rotation: mean { $0.elements.rotation },
                            halfRotations: mean { $0.elements.halfRotations }),
            difficulty: mean { $0.difficulty })
    }

    /// Names of the elements the element head recognises with confidence ≥ 0.5 (all argmaxes
    /// when none is that sure).
    func recognisedElements(_ out: AssessmentModel.Output) -> Set<String> {
        let logits = out.elements.name
        let n = logits.shape[1]
        var sure = Set<String>(), any = Set<String>()
        for q in 0..<out.queryCount {
            let row = Array(logits.data[(q * n)..<((q + 1) * n)])
            let m = row.max() ?? 0
            let e = row.map { Foundation.exp(Double($0 - m)) }
            let i = row.indices.max { row[$0] < row[$1] } ?? 0
            any.insert(task.elementNames[i])
            if e[i] / e.reduce(0, +) >= 0.5 { sure.insert(task.elementNames[i]) }
        }
        return sure.isEmpty ? any : sure
    }

    /// Assesses a routine filmed from one view.
    public func predict(_ tokens: ClipTokens) throws -> RoutinePrediction {
        try predict([tokens])
    }

    /// Assesses a routine from its views (time-aligned tokens, one per view).
    public func predict(_ views: [ClipTokens]) throws -> RoutinePrediction {
        let evaluated = try evaluate(views)
        let out = evaluated.output
        let totals = evaluated.samples
        let c = configuration
        let clip = c.clipDuration
        let score = totals.reduce(0, +) / Double(totals.count)
        let spread = totals.count > 1
            ? (totals.reduce(0) { $0 + ($1 - score) * ($1 - score) } / Double(totals.count - 1)).squareRoot() : 0
        let half = intervalScale * Swift.max(spread, Self.minimumSpread)

        let k = out.queryCount
        let spans = out.crossAttention.map { QuerySpan.clips(of: $0) }
        let queries = (0..<k).map { q -> RoutinePrediction.Query in
            let (a, b) = QuerySpan.seconds(spans[q], clipDuration: clip)
            let (w, s) = (evaluated.queryWeights[q], evaluated.queryScores[q])
            return .init(weight: w, score: s, contribution: w * s, start: a, end: b)
        }

        var penalties: [RoutinePrediction.Penalty] = []
        if c.usePenaltyHeads {
            // The clip-level heads decide and localise (see ``PenaltyHeads``): probability of the
            // peak clip, span grown around it, severity read at the peak clip.
            let items = task.penaltyItems.count
            let t = out.penalties.clipOccurrence.shape[0]
            let occ = out.penalties.clipOccurrence.data
            let sev = out.penalties.clipSeverity
            let sevWidth = sev.shape[1]
            // Each item may occur more than once: one entry per occurrence, strongest first.
            for (i, item) in task.penaltyItems.enumerated() {
                let probabilities = (0..<t).map { 1 / (1 + Foundation.exp(-occ[$0 * items + i])) }
                let threshold = i < penaltyThresholds.count ? penaltyThresholds[i] : 0.5
                let repeated = i < repeatThresholds.count ? repeatThresholds[i] : Self.neverRepeated
                let offset = out.penalties.severityOffsets[i]
                for (peak, clips) in PenaltySpan.instances(of: probabilities, threshold: Float(Swift.max(threshold, repeated))) {
                    let p = Double(probabilities[peak])
                    let logits = (0..<item.deductions.count).map { sev.data[peak * sevWidth + offset + $0] }
                    let cls = logits.indices.max { logits[$0] < logits[$1] } ?? 0
                    let (a, b) = QuerySpan.seconds(clips, clipDuration: clip)
                    let q = (0..<k).max { out.crossAttention[$0][peak] < out.crossAttention[$1][peak] } ?? 0
                    let deduction = p >= threshold ? item.deductions[cls] : 0
                    let unsure = abs(p - threshold) < Double(c.reviewBand) * threshold / 0.5 || (deduction > 0 && p < assertThreshold)
                    penalties.append(.init(item: item.id, probability: p, deduction: deduction, start: a, end: b, needsReview: unsure, query: q))
                }
            }
        }
        let totalDeduction = penalties.reduce(0) { $0 + $1.deduction }
        let execution = Swift.max(0, task.baseScore - totalDeduction)
        let difficulty = difficultyScale.denormalise(out.difficulty.scalar)

        var elements: [RoutinePrediction.Element] = []
        if c.useElementHead, !task.elementNames.isEmpty {
            let r = out.elements
            func top(_ t: Tensor, _ q: Int) -> (Int, Double) {
                let n = t.shape[1]
                let row = Array(t.data[(q * n)..<((q + 1) * n)])
                let m = row.max() ?? 0
                let e = row.map { Foundation.exp(Double($0 - m)) }
                let i = row.indices.max { row[$0] < row[$1] } ?? 0
                return (i, e[i] / e.reduce(0, +))
            }
            for q in 0..<k {
                let (name, conf) = top(r.name, q)
                let (a, b) = QuerySpan.seconds(spans[q], clipDuration: clip)
                elements.append(.init(name: task.elementNames[name], shape: task.shapes[top(r.shape, q).0],
                                      rotation: task.rotations[top(r.rotation, q).0], halfRotations: top(r.halfRotations, q).0,
                                      confidence: conf, start: a, end: b, query: q))
            }
        }

        return RoutinePrediction(
            score: score, scoreLow: score - half, scoreHigh: score + half, difficulty: difficulty,
            executionFromDeductions: execution, ledgerDisagreement: abs(score - (difficulty + execution)),
            expectedDeduction: expectedDeduction(out),
            queries: queries, penalties: penalties, elements: elements,
            selfAttention: out.layers.map { $0.selfAttention.meanWeightRows },
            crossAttention: out.layers.map { $0.crossAttention.meanWeightRows },
            spatialAttention: out.spatialWeights.rows, clipDuration: clip, exemplars: evaluated.exemplars)
    }

    /// Smallest ensemble spread used for the interval, so a unanimous ensemble still gives a
    /// non-empty interval (points).
    static let minimumSpread = 0.02
    /// A repeat threshold no probability reaches: one occurrence per item.
    static let neverRepeated = 1.01
}
