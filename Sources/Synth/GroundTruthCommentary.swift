import Foundation
import RoutineCore

/// The commentary ground truth of a synthetic routine, made from the rubric's phrases: per
/// dimension a weakness sentence for its largest fault and/or a strength sentence when it was
/// clean, and a paragraph that opens with an overall judgement, praises, names each fault with
/// its moment and ends with advice. Paraphrases are drawn from the routine's own seed.
public enum GroundTruthCommentary {
    static func clock(_ t: Double) -> String {
        let tenths = Int((t * 10).rounded())
        return String(format: "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10)
    }

    public static func make(penalties: [SyntheticRoutine.PenaltyLabel], elements: [String], rubric: Rubric, score: Double,
                            rng: inout SynthRandom) -> Annotation.Commentary {
        var keypoints: [String: Annotation.Keypoint] = [:]
        // Weakness per dimension: its largest deduction.
        var worst: [BodyDimension: SyntheticRoutine.PenaltyLabel] = [:]
        for p in penalties {
            guard let item = rubric.penalty(p.item) else { continue }
            if let w = worst[item.dimension], w.deduction >= p.deduction { continue }
            worst[item.dimension] = p
        }
        for dim in BodyDimension.allCases {
            guard let p = worst[dim] else { continue }
            let item = rubric.penalty(p.item)!
            let phrases = item.weaknesses.first { abs($0.key - p.deduction) < 1e-9 }?.value ?? [item.name]
            keypoints[dim.rawValue, default: .init()].weakness = rng.pick(phrases)
        }
        // Strengths for clean dimensions that the routine's elements exercise.
        let judged = Set(elements.flatMap { ElementLibrary.possibleFaults($0) }.compactMap { rubric.penalty($0)?.dimension })
        for dim in BodyDimension.allCases where worst[dim] == nil && judged.contains(dim) {
            let items = rubric.penalties.filter { $0.dimension == dim }
            let options = (rubric.dimensions[dim]?.strengths ?? []) + items.flatMap(\.strengths)
            if !options.isEmpty { keypoints[dim.rawValue, default: .init()].strength = rng.pick(options) }
        }

        // Paragraph.
        let opening: [String]
        switch score - (penalties.isEmpty ? 0 : 0) {
        case _ where penalties.isEmpty:
            opening = ["A clean routine with no deductions.", "An excellent, fault-free routine.", "A very clean performance from start to finish."]
        case _ where penalties.reduce(0, { $0 + $1.deduction }) <= 0.5:
            opening = ["A solid routine with a few small faults.", "A good routine with only minor deductions.", "A confident performance with some small errors."]
        default:
            opening = ["A routine with several faults to work on.", "A performance with clear room for improvement.", "Some elements need more work."]
        }
        var sentences = [rng.pick(opening)]
        let strengths = BodyDimension.allCases.compactMap { keypoints[$0.rawValue]?.strength }
        sentences += strengths.prefix(2)
        for p in penalties {
            guard let item = rubric.penalty(p.item) else { continue }
            let phrases = item.weaknesses.first { abs($0.key - p.deduction) < 1e-9 }?.value ?? [item.name]
            var s = rng.pick(phrases)
            if s.hasSuffix(".") { s.removeLast() }
            sentences.append("At \(clock(p.start)), \(s.prefix(1).lowercased() + s.dropFirst()).")
        }
        if let biggest = penalties.max(by: { $0.deduction < $1.deduction }), let item = rubric.penalty(biggest.item) {
            sentences.append("Advice: " + rng.pick(item.advice))
        }
        return Annotation.Commentary(paragraph: sentences.joined(separator: " "), keypoints: keypoints)
    }
}
