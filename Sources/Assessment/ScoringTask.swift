/// What a model is trained to predict for one rubric: the penalty items with their severity
/// classes, the element vocabulary with its factorised attributes, and the base score.
/// A model is bound to the task it was trained on; ``matches(_:)`` tells whether a rubric's
/// task is the same.
public struct ScoringTask: Codable, Equatable, Sendable {
    /// One rubric penalty item as the model sees it.
    public struct PenaltyItem: Codable, Equatable, Sendable {
        public var id: String
        /// Allowed deductions, ascending; severity class `c` means `deductions[c]`.
        public var deductions: [Double]
        public init(id: String, deductions: [Double]) {
            self.id = id
            self.deductions = deductions.sorted()
        }
    }

    /// Identifier of the rubric (e.g. "floor@1" or a digest); a model refuses other rubrics.
    public var rubricID: String
    public var baseScore: Double
    public var penaltyItems: [PenaltyItem]
    /// Element names, and the factorised attributes of MTL-AQA Table 2.
    public var elementNames: [String]
    public var shapes: [String]
    public var rotations: [String]
    /// Largest number of half rotations; classes are 0…maxHalfRotations.
    public var maxHalfRotations: Int

    public init(
        rubricID: String, baseScore: Double, penaltyItems: [PenaltyItem], elementNames: [String],
        shapes: [String] = ["straight", "tuck", "pike", "straddle"],
        rotations: [String] = ["none", "forward", "backward", "sideways"], maxHalfRotations: Int = 4
    ) {
        self.rubricID = rubricID
        self.baseScore = baseScore
        self.penaltyItems = penaltyItems
        self.elementNames = elementNames
        self.shapes = shapes
        self.rotations = rotations
        self.maxHalfRotations = maxHalfRotations
    }

    /// Index of a penalty item by id.
    public func penaltyIndex(_ id: String) -> Int? { penaltyItems.firstIndex { $0.id == id } }

    /// Severity class of `deduction` for item `index` (the nearest allowed deduction).
    public func severityClass(item index: Int, deduction: Double) -> Int {
        let allowed = penaltyItems[index].deductions
        return allowed.indices.min { abs(allowed[$0] - deduction) < abs(allowed[$1] - deduction) } ?? 0
    }

    /// True when a model trained on `self` can assess routines judged by `other`.
    public func matches(_ other: ScoringTask) -> Bool { self == other }
}
