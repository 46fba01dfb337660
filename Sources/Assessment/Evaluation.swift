/// The figures of `routine evaluate` for a set of routines: score quality (ρ, R-ℓ2, MAE,
/// interval coverage), penalties per item (precision, recall, F1, severity accuracy) and micro
/// F1, temporal localisation of the penalties, element accuracy.
public struct Evaluation: Codable, Equatable, Sendable {
    public struct ItemFigures: Codable, Equatable, Sendable {
        public var item: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Among correctly detected penalties, the share with the right deduction.
        public var severityAccuracy: Double
        public var support: Int
        /// ROC AUC of the item's routine-level probability against "the routine has it": how
        /// well the model ranks the routines, whatever the decision threshold (nil when every
        /// routine has the item or none does).
        public var rocAUC: Double?
    }

    public var count: Int
    public var spearman: Double
    /// R-ℓ2 × 100, as the papers' tables print it.
    public var rl2x100: Double
    public var mae: Double
    public var intervalCoverage: Double
    public var penaltyMicroF1: Double
    public var penaltyItems: [ItemFigures]
    /// Share of labelled penalties whose predicted span overlaps the true one with tIoU ≥ 0.3
    /// (a penalty the model missed counts as not localised).
    public var localization: Double
    /// Share of labelled elements whose best-covering query names them right.
    public var elementAccuracy: Double
    /// Mean diagonality of the last layer's self-attention (1 = a clean diagonal band).
    public var selfAttentionDiagonality: Double
    /// ρ of the ledger's final score (predicted difficulty + base − Σ predicted deductions),
    /// the score the report's deduction ledger adds up, against the true score.
    public var ledgerSpearman: Double
    /// MAE of the ledger's execution (base − Σ predicted deductions) against the true one.
    public var executionMAE: Double
    /// MAE of the predicted difficulty against the true one.
    public var difficultyMAE: Double

    enum CodingKeys: String, CodingKey {
        case count, spearman, mae, localization
        case rl2x100 = "rl2_x100"
        case intervalCoverage = "interval_coverage"
        case penaltyMicroF1 = "penalty_micro_f1"
        case penaltyItems = "penalty_items"
        case elementAccuracy = "element_accuracy"
        case selfAttentionDiagonality = "self_attention_diagonality"
        case ledgerSpearman = "ledger_spearman"
        case executionMAE = "execution_mae"
        case difficultyMAE = "difficulty_mae"
    }

    /// Threshold of temporal IoU for a localised penalty.
    public static let localisationIoU = 0.3

    public init(predictions: [RoutinePrediction], targets: [RoutineTargets], task: ScoringTask) {
        precondition(predictions.count == targets.count, "\(predictions.count) predictions for \(targets.count) routines")
        count = predictions.count
        let yhat = predictions.map(\.score), y = targets.map(\.score)
        spearman = count > 1 ? Metrics.spearman(yhat, y) : 0
        rl2x100 = count > 0 ? 100 * Metrics.relativeL2(yhat, y) : 0
        mae = count > 0 ? Metrics.meanAbsoluteError(yhat, y) : 0
        let ledger = predictions.map { $0.difficulty + $0.executionFromDeductions }
        ledgerSpearman = count > 1 ? Metrics.spearman(ledger, y) : 0
        executionMAE = count > 0 ? Metrics.meanAbsoluteError(predictions.map(\.executionFromDeductions), targets.map(\.execution)) : 0
        difficultyMAE = count > 0 ? Metrics.meanAbsoluteError(predictions.map(\.difficulty), targets.map(\.difficulty)) : 0
        intervalCoverage = count > 0
            ? Double(zip(predictions, y).filter { $0.0.scoreLow <= $0.1 && $0.1 <= $0.0.scoreHigh }.count) / Double(count) : 0

        var counts = [Metrics.Counts](repeating: Metrics.Counts(), count: task.penaltyItems.count)
        var severityRight = [Int](repeating: 0, count: task.penaltyItems.count)
        var labelled = 0, localised = 0
        var elementsLabelled = 0, elementsRight = 0
        var diagonality = 0.0, diagonalityCount = 0
        for (p, t) in zip(predictions, targets) {
            let severity = t.severity(itemCount: task.penaltyItems.count)
            for (i, item) in task.penaltyItems.enumerated() {
                let predicted = p.penalties.first { $0.item == item.id }
                let present = (predicted?.deduction ?? 0) > 0
                if let s = severity[i] {
                    if present {
                        counts[i].truePositives += 1
                        if predicted!.deduction == item.deductions[s] { severityRight[i] += 1 }
                    } else {
                        counts[i].falseNegatives += 1
                    }
                } else if present {
                    counts[i].falsePositives += 1
                }
            }
            // Each predicted occurrence localises at most one labelled penalty of its item
            // (greedy by temporal IoU).
            let detected = p.penalties.enumerated().filter { $0.element.deduction > 0 }
            var pairs: [(iou: Double, truth: Int, predicted: Int)] = []
            for (j, truth) in t.penalties.enumerated() {
                let id = task.penaltyItems[truth.item].id
                for (k, hit) in detected where hit.item == id {
                    let iou = Metrics.temporalIoU((hit.start, hit.end), (truth.start, truth.end))
                    if iou >= Self.localisationIoU { pairs.append((iou, j, k)) }
                }
            }
            var truthTaken = Set<Int>(), predictedTaken = Set<Int>()
            for pair in pairs.sorted(by: { $0.iou > $1.iou }) where !truthTaken.contains(pair.truth) && !predictedTaken.contains(pair.predicted) {
                truthTaken.insert(pair.truth)
                predictedTaken.insert(pair.predicted)
            }
            labelled += t.penalties.count
            localised += truthTaken.count
            if !p.elements.isEmpty, let cross = p.crossAttention.last {
                for e in t.elements {
                    elementsLabelled += 1
                    let share = TrainingObjective.overlap(cross, e.clips)
                    if let q = share.indices.max(by: { share[$0] < share[$1] }), p.elements[q].name == task.elementNames[e.name] {
                        elementsRight += 1
                    }
                }
            }
            if let s = p.selfAttention.last {
                diagonality += AttentionLoss.diagonality(s)
                diagonalityCount += 1
            }
        }
        penaltyItems = task.penaltyItems.enumerated().map { i, item in
            let probabilities = predictions.map { $0.probability(of: item.id) }
            let labels = targets.map { $0.has(item: i) }
            return ItemFigures(item: item.id, precision: counts[i].precision, recall: counts[i].recall, f1: counts[i].f1,
                               severityAccuracy: Double(severityRight[i]) / Double(Swift.max(counts[i].truePositives, 1)),
                               support: counts[i].truePositives + counts[i].falseNegatives,
                               rocAUC: Metrics.rocAUC(probabilities, labels))
        }
        penaltyMicroF1 = counts.reduce(Metrics.Counts(), +).f1
        localization = labelled > 0 ? Double(localised) / Double(labelled) : 0
        elementAccuracy = elementsLabelled > 0 ? Double(elementsRight) / Double(elementsLabelled) : 0
        selfAttentionDiagonality = diagonalityCount > 0 ? diagonality / Double(diagonalityCount) : 0
    }
}

extension Evaluation {
    /// The human-readable report of `routine evaluate`: the headline figures, then one row per
    /// penalty item.
    public var summary: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        let head = TextTable.render(
            header: ["routines", "ρ", "R-ℓ2×100", "MAE", "interval cov.", "pen micro-F1", "localisation", "element acc."],
            rows: [[String(count), f(spearman), f(rl2x100), f(mae), f(intervalCoverage), f(penaltyMicroF1), f(localization),
                    f(elementAccuracy)]])
        let items = TextTable.render(
            header: ["penalty item", "support", "precision", "recall", "F1", "severity acc.", "ROC AUC"],
            rows: penaltyItems.map { [$0.item, String($0.support), f($0.precision), f($0.recall), f($0.f1), f($0.severityAccuracy),
                                      $0.rocAUC.map(f) ?? "–"] })
        let ledger = "ledger (difficulty + base − deductions): ρ \(f(ledgerSpearman)), execution MAE \(f(executionMAE)), difficulty MAE \(f(difficultyMAE))"
        return head + "\n" + ledger + "\n\n" + items
    }
}
