import Assessment
import RoutineCore

/// Whether a paragraph agrees with the predicted penalties, read with a ``DimensionLexicon``:
/// it must not praise a dimension on which a penalty is reported (or one the model is unsure
/// about), nor describe a fault on a dimension where none is reported or suspected. The report
/// uses a learned paragraph only when it passes.
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

    /// The clauses of `paragraph` that contradict the penalised dimensions (and the `unsure`
    /// ones: flagged for review, not deducted).
    public func contradictions(_ paragraph: String, penalised: Set<BodyDimension>, unsure: Set<BodyDimension> = []) -> [Contradiction] {
        lexicon.mentions(in: paragraph).compactMap { m in
            let faulty = penalised.contains(m.dimension), doubtful = unsure.contains(m.dimension)
            switch m.polarity {
            case .strength where faulty || doubtful:
                return Contradiction(kind: .praisesPenalisedDimension, dimension: m.dimension, clause: m.clause)
            case .weakness where !faulty && !doubtful:
                return Contradiction(kind: .faultOnCleanDimension, dimension: m.dimension, clause: m.clause)
            default: return nil
            }
        }
    }

    /// The contradictions of a paragraph with a keypoint table's penalised and unsure dimensions.
    public func contradictions(_ paragraph: String, table: KeypointTable) -> [Contradiction] {
        contradictions(paragraph, penalised: table.penalised, unsure: table.unsure)
    }

    /// The dimensions of the deductions predicted for a routine.
    public static func penalisedDimensions(_ prediction: RoutinePrediction, rubric: Rubric) -> Set<BodyDimension> {
        Set(prediction.deductions.compactMap { rubric.penalty($0.item)?.dimension })
    }
}
