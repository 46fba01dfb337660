import Assessment
import Foundation
import RoutineCore

/// The per-dimension coaching table (TechCoach's keypoint level), made from the predicted
/// penalties and the rubric's phrases — never from generated text, so a dimension with a
/// reported penalty is never praised: it lists the faults (with their moments and advice),
/// and a clean dimension gets a strength.
public struct KeypointTable: Codable, Equatable, Sendable {
    /// One predicted fault, in words.
    public struct Weakness: Codable, Equatable, Sendable {
        public var item: String
        public var name: String
        /// The rubric's description of the fault at the predicted deduction.
        public var phrase: String
        public var advice: String
        public var deduction: Double
        public var start: Double
        public var end: Double
        /// The moment cited ("0:04.2"): the middle of the predicted span.
        public var moment: String
        /// Flagged for a person to confirm.
        public var needsReview: Bool
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var dimension: BodyDimension
        /// Set only when the dimension has no predicted penalty.
        public var strength: String?
        public var weaknesses: [Weakness]
    }

    /// All seven dimensions, head to toe.
    public var entries: [Entry]

    public var penalised: Set<BodyDimension> { Set(entries.filter { !$0.weaknesses.isEmpty }.map(\.dimension)) }

    /// From a routine's prediction; `routineID` seeds the choice among the rubric's paraphrases.
    /// Penalties whose item the rubric does not know are left out (the model file and the
    /// rubric are checked against each other before this).
    public init(prediction: RoutinePrediction, rubric: Rubric, routineID: String) {
        let choice = PhraseChoice(routineID: routineID)
        var byDimension: [BodyDimension: [Weakness]] = [:]
        for p in prediction.deductions.sorted(by: { ($0.start, $0.item) < ($1.start, $1.item) }) {
            guard let item = rubric.penalty(p.item) else { continue }
            let severity = item.deductions.min { abs($0 - p.deduction) < abs($1 - p.deduction) } ?? p.deduction
            let phrases = item.weaknesses.first { abs($0.key - severity) < 1e-9 }?.value ?? []
            let phrase = phrases.isEmpty ? item.name : choice.pick("weakness.\(item.id)", phrases)
            let advice = item.advice.isEmpty ? "" : choice.pick("advice.\(item.id)", item.advice)
            byDimension[item.dimension, default: []].append(Weakness(
                item: item.id, name: item.name, phrase: phrase, advice: advice, deduction: p.deduction, start: p.start, end: p.end,
                moment: MomentFormat.string((p.start + p.end) / 2), needsReview: p.needsReview))
        }
        entries = BodyDimension.allCases.map { d in
            let weaknesses = byDimension[d] ?? []
            guard weaknesses.isEmpty else { return Entry(dimension: d, strength: nil, weaknesses: weaknesses) }
            let pool = (rubric.dimensions[d]?.strengths ?? []) + rubric.penalties.filter { $0.dimension == d }.flatMap(\.strengths)
            return Entry(dimension: d, strength: pool.isEmpty ? nil : choice.pick("strength.\(d.rawValue)", pool), weaknesses: [])
        }
    }

    /// A sentence without its closing punctuation, to continue it ("… at 0:04.2.").
    static func clause(_ sentence: String) -> String {
        var s = sentence.trimmingCharacters(in: .whitespaces)
        while let last = s.last, ".!?".contains(last) { s.removeLast() }
        return s
    }
}
