/// What the model says about one routine: everything the report and the metrics need, as
/// plain values (scores in points, times in seconds).
public struct RoutinePrediction: Codable, Equatable, Sendable {
    /// One temporal query: its weight, score and contribution (weight × score, points) and the
    /// part of the routine its cross-attention covers.
    public struct Query: Codable, Equatable, Sendable {
        public var weight: Double
        public var score: Double
        public var contribution: Double
        public var start: Double
        public var end: Double
    }

    /// A rubric item's prediction: probability that it occurred, the deduction (0 when judged
    /// absent), when, and whether a person should confirm it.
    public struct Penalty: Codable, Equatable, Sendable {
        public var item: String
        public var probability: Double
        public var deduction: Double
        public var start: Double
        public var end: Double
        public var needsReview: Bool
        /// Index of the query whose cross-attention weighs the penalty's peak clip most.
        public var query: Int
    }

    /// The recognised element of a query, factorised (MTL-AQA Table 2).
    public struct Element: Codable, Equatable, Sendable {
        public var name: String
        public var shape: String
        public var rotation: String
        public var halfRotations: Int
        public var confidence: Double
        public var start: Double
        public var end: Double
        public var query: Int
    }

    public var score: Double
    public var scoreLow: Double
    public var scoreHigh: Double
    public var difficulty: Double
    /// base − Σ predicted deductions (floored at 0).
    public var executionFromDeductions: Double
    /// |score − (difficulty + executionFromDeductions)|: how far the regressed score and the
    /// ledger implied by the penalties disagree.
    public var ledgerDisagreement: Double
    /// Σ over clips of the deduction density: the points the routine is expected to lose,
    /// without deciding which penalty is which (nil without the density head).
    public var expectedDeduction: Double?
    public var queries: [Query]
    /// Per rubric item, in rubric order: its strongest occurrence (deduction 0 when under the
    /// item's threshold), then each further occurrence of the same item judged present.
    public var penalties: [Penalty]
    public var elements: [Element]
    /// Per decoder layer: self-attention [K][K] and cross-attention [K][T], head-averaged.
    public var selfAttention: [[[Float]]]
    public var crossAttention: [[[Float]]]
    /// [T][G] spatial attention per clip.
    public var spatialAttention: [[Float]]
    public var clipDuration: Double
    /// Ids of the exemplars compared with (contrastive mode; empty otherwise).
    public var exemplars: [String]

    /// The deductions judged present.
    public var deductions: [Penalty] { penalties.filter { $0.deduction > 0 } }

    /// The routine-level probability that `item` occurred (its strongest occurrence; 0 for an
    /// item the model does not score).
    public func probability(of item: String) -> Double { penalties.first { $0.item == item }?.probability ?? 0 }
}
