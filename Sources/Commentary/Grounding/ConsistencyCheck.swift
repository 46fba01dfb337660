import Assessment
import RoutineCore

/// Whether a paragraph agrees with the predicted penalties, read with a ``DimensionLexicon``:
/// it must not praise a dimension on which a penalty is reported, nor describe a fault on a
/// dimension where none is. The report uses a learned paragraph only when it passes.
public struct ConsistencyCheck: Sendable {
    public struct Contradiction: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case praisesPenalisedDimension = "praises a penalised dimension"
            case faultOnCleanDimension = "describes a fault where no penalty was found"
        }

        public var kind: Kind
        public var dimension: BodyDimension
        public var clause: String

        public var description: String { "\(kind.rawValue) (\(dimension.rawValue)): \"\(clause)\"" }
    }

    public let lexicon: DimensionLexicon

    public init(lexicon: DimensionLexicon) { self.lexicon = lexicon }

    /// The clauses of `paragraph` that contradict the penalised dimensions.
    public func contradictions(_ paragraph: String, penalised: Set<BodyDimension>) -> [Contradiction] {
        lexicon.mentions(in: paragraph).compactMap { m in
            switch (m.polarity, penalised.contains(m.dimension)) {
            case (.strength, true): return Contradiction(kind: .praisesPenalisedDimension, dimension: m.dimension, clause: m.clause)
            case (.weakness, false): return Contradiction(kind: .faultOnCleanDimension, dimension: m.dimension, clause: m.clause)
            default: return nil
            }
        }
    }

    /// The dimensions of the deductions predicted for a routine.
    public static func penalisedDimensions(_ prediction: RoutinePrediction, rubric: Rubric) -> Set<BodyDimension> {
        Set(prediction.deductions.compactMap { rubric.penalty($0.item)?.dimension })
    }
}
