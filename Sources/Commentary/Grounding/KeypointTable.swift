import Assessment
import Foundation
import RoutineCore

/// The per-dimension coaching table (TechCoach's keypoint level), made from the predicted
/// penalties and the rubric's phrases — never from generated text, so a dimension with a
/// reported penalty is never praised: it lists the faults the model asserts (with their moments
/// and advice); a dimension with only penalties the model is unsure about (flagged for review,
/// deducted or not) is neither praised nor blamed; every other dimension gets a strength.
public struct KeypointTable: Codable, Equatable, Sendable {
    /// A predicted penalty, as the table needs it (from a ``RoutinePrediction`` or from the
    /// penalties of an `AssessmentResult`).
    public struct Fault: Equatable, Sendable {
        public var item: String
        public var deduction: Double
        public var probability: Double
        public var start: Double
        public var end: Double
        public var needsReview: Bool

        public init(item: String, deduction: Double, probability: Double, start: Double, end: Double, needsReview: Bool) {
            self.item = item
            self.deduction = deduction
            self.probability = probability
            self.start = start
            self.end = end
            self.needsReview = needsReview
        }
    }

    /// One fault, in words.
    public struct Weakness: Codable, Equatable, Sendable {
        public var item: String
        public var name: String
        /// The rubric's description of the fault at the predicted deduction.
        public var phrase: String
        public var advice: String
        public var deduction: Double
        public var probability: Double
        public var start: Double
        public var end: Double
        /// The moment cited ("0:04.2"): the start of the predicted span, as the dataset's
        /// commentary cites it.
        public var moment: String
        /// Flagged for a person to confirm.
        public var needsReview: Bool
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var dimension: BodyDimension
        /// Set only when the dimension has neither a deduction nor an unsure penalty.
        public var strength: String?
        /// Deducted faults the model asserts, in time order.
        public var weaknesses: [Weakness]
        /// Penalties flagged for review (deducted or not): to be checked by eye.
        public var unsure: [Weakness]
    }

    /// All seven dimensions, head to toe.
    public var entries: [Entry]

    /// Dimensions with an asserted deduction.
    public var penalised: Set<BodyDimension> { Set(entries.filter { !$0.weaknesses.isEmpty }.map(\.dimension)) }
    /// Dimensions with only unsure penalties.
    public var unsure: Set<BodyDimension> { Set(entries.filter { $0.weaknesses.isEmpty && !$0.unsure.isEmpty }.map(\.dimension)) }

    /// From predicted faults; `routineID` seeds the choice among the rubric's paraphrases.
    /// Faults whose item the rubric does not know are left out (the model file and the rubric
    /// are checked against each other before this).
    public init(faults: [Fault], rubric: Rubric, routineID: String) {
        let choice = PhraseChoice(routineID: routineID)
        var deducted: [BodyDimension: [Weakness]] = [:], unsure: [BodyDimension: [Weakness]] = [:]
        for f in faults.sorted(by: { ($0.start, $0.item) < ($1.start, $1.item) }) where f.deduction > 0 || f.needsReview {
            guard let item = rubric.penalty(f.item) else { continue }
            let severity = f.deduction > 0 ? (item.deductions.min { abs($0 - f.deduction) < abs($1 - f.deduction) } ?? f.deduction)
                                           : (item.deductions.first ?? 0)
            let phrases = item.weaknesses.first { abs($0.key - severity) < 1e-9 }?.value ?? []
            let w = Weakness(item: item.id, name: item.name, phrase: phrases.isEmpty ? item.name : choice.pick("weakness.\(item.id)", phrases),
                             advice: item.advice.isEmpty ? "" : choice.pick("advice.\(item.id)", item.advice), deduction: f.deduction,
                             probability: f.probability, start: f.start, end: f.end, moment: MomentFormat.string(f.start), needsReview: f.needsReview)
            if f.deduction > 0 && !f.needsReview { deducted[item.dimension, default: []].append(w) } else { unsure[item.dimension, default: []].append(w) }
        }
        entries = BodyDimension.allCases.map { d in
            let weaknesses = deducted[d] ?? [], doubts = unsure[d] ?? []
            guard weaknesses.isEmpty, doubts.isEmpty else { return Entry(dimension: d, strength: nil, weaknesses: weaknesses, unsure: doubts) }
            let pool = (rubric.dimensions[d]?.strengths ?? []) + rubric.penalties.filter { $0.dimension == d }.flatMap(\.strengths)
            return Entry(dimension: d, strength: pool.isEmpty ? nil : choice.pick("strength.\(d.rawValue)", pool), weaknesses: [], unsure: [])
        }
    }

    /// From a routine's prediction.
    public init(prediction: RoutinePrediction, rubric: Rubric, routineID: String) {
        self.init(faults: prediction.penalties.map {
            Fault(item: $0.item, deduction: $0.deduction, probability: $0.probability, start: $0.start, end: $0.end, needsReview: $0.needsReview)
        }, rubric: rubric, routineID: routineID)
    }

    /// From the penalties of a results record.
    public init(penalties: [AssessmentResult.Penalty], rubric: Rubric, routineID: String) {
        self.init(faults: penalties.map {
            Fault(item: $0.item, deduction: $0.deduction, probability: $0.probability, start: $0.start, end: $0.end, needsReview: $0.needsReview)
        }, rubric: rubric, routineID: routineID)
    }

    /// A sentence without its closing punctuation, to continue it ("… at 0:04.2.").
    static func clause(_ sentence: String) -> String {
        var s = sentence.trimmingCharacters(in: .whitespaces)
        while let last = s.last, ".!?".contains(last) { s.removeLast() }
        return s
    }

    /// The same with its first letter in lower case, to follow "At 0:04.2, ".
    static func lowerClause(_ sentence: String) -> String {
        let c = clause(sentence)
        return c.prefix(1).lowercased() + c.dropFirst()
    }
}
