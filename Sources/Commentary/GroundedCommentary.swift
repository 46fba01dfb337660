import Foundation
import RoutineCore

/// The grounded commentary generator: rubric phrases chosen deterministically per routine,
/// realised through the commentary templates. The per-dimension table comes straight from the
/// penalties, so a dimension with a deduction is never praised.
public struct GroundedCommentary: Sendable {
    public var rubric: Rubric
    public var templates: TemplateSet

    public init(rubric: Rubric, templates: TemplateSet) {
        self.rubric = rubric
        self.templates = templates
    }

    /// m:ss.t
    public static func clock(_ t: Double) -> String {
        let tenths = Int((max(0, t) * 10).rounded())
        return String(format: "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10)
    }

    /// A stable index in 0..<n from a routine id and a purpose (FNV-1a), for phrase variety
    /// that does not change between runs.
    static func pick(_ n: Int, _ key: String) -> Int {
        n > 0 ? Int(StableHash.fnv1a(key) % UInt64(n)) : 0
    }

    public func commentary(routine id: String, penalties: [AssessmentResult.Penalty]) -> AssessmentResult.CommentaryText {
        let confirmed = penalties.filter { $0.deduction > 0 }.sorted { $0.start < $1.start }
        var keypoints: [String: AssessmentResult.Keypoint] = [:]
        for dim in BodyDimension.allCases {
            let here = confirmed.filter { $0.dimension == dim }
            if let worst = here.max(by: { $0.deduction < $1.deduction }), let item = rubric.penalty(worst.item) {
                let phrases = item.weaknesses.first { abs($0.key - worst.deduction) < 1e-9 }?.value ?? [item.name]
                keypoints[dim.rawValue] = .init(weakness: phrases[Self.pick(phrases.count, id + dim.rawValue)])
            } else if !penalties.contains(where: { $0.dimension == dim && $0.needsReview }), let praise = rubric.dimensions[dim]?.strengths, !praise.isEmpty {
                keypoints[dim.rawValue] = .init(strength: praise[Self.pick(praise.count, id + dim.rawValue)])
            }
        }
        var sentences: [String] = []
        let total = confirmed.reduce(0) { $0 + $1.deduction }
        if confirmed.isEmpty {
            sentences.append(templates.render("opening-clean"))
        } else {
            sentences.append(templates.render(total <= 0.5 ? "opening-minor" : "opening-major",
                                              ["count": confirmed.count, "plural": confirmed.count != 1]))
        }
        let strengths = BodyDimension.allCases.compactMap { keypoints[$0.rawValue]?.strength }
        let praiseCount = confirmed.isEmpty ? 3 : 2
        for (i, s) in strengths.enumerated() where i < praiseCount { sentences.append(s) }
        for p in confirmed {
            guard let item = rubric.penalty(p.item) else { continue }
            let phrases = item.weaknesses.first { abs($0.key - p.deduction) < 1e-9 }?.value ?? [item.name]
            var phrase = phrases[Self.pick(phrases.count, id + p.item + String(p.start))]
            phrase = phrase.prefix(1).lowercased() + phrase.dropFirst()
            sentences.append(templates.render("weakness", ["time": Self.clock(p.start), "phrase": phrase]))
        }
        if let worst = confirmed.max(by: { $0.deduction < $1.deduction }), let item = rubric.penalty(worst.item) {
            sentences.append(templates.render("advice", ["advice": item.advice[Self.pick(item.advice.count, id + "advice")]]))
        }
        // At most two review notes, the most uncertain first, so the paragraph stays readable.
        let unsure = penalties.filter(\.needsReview).sorted { abs($0.probability - 0.5) < abs($1.probability - 0.5) }
        for p in unsure.prefix(2) {
            sentences.append(templates.render("review", ["time": Self.clock(p.start), "item": (rubric.penalty(p.item)?.name ?? p.item).lowercased()]))
        }
        return .init(source: "grounded", paragraph: sentences.joined(separator: " "), keypoints: keypoints)
    }
}
