import Foundation
import RoutineCore

/// Shared test inputs: the shipped rubrics and a small hand-written one.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("Templates")

    static func rubric(_ event: String) throws -> Rubric {
        try Rubric.load(templates.appendingPathComponent("rubrics/\(event).yaml"))
    }
}

import Assessment

extension Fixtures {
    /// A prediction as `TrainedModel.predict` makes one (built through its JSON form): every
    /// rubric item listed, the given ones with their deduction and span, the rest absent.
    static func prediction(rubric: Rubric, score: Double = 9.0, penalties: [(item: String, deduction: Double, start: Double, end: Double)],
                           review: Set<String> = []) throws -> RoutinePrediction {
        let items: [[String: Any]] = rubric.penalties.enumerated().map { i, item in
            let p = penalties.first { $0.item == item.id }
            return ["item": item.id, "probability": p == nil ? 0.1 : 0.9, "deduction": p?.deduction ?? 0,
                    "start": p?.start ?? 0, "end": p?.end ?? 0, "needsReview": review.contains(item.id), "query": i % 4]
        }
        let object: [String: Any] = [
            "score": score, "scoreLow": score - 0.2, "scoreHigh": score + 0.2, "difficulty": 2.0,
            "executionFromDeductions": rubric.baseScore - penalties.reduce(0) { $0 + $1.deduction }, "ledgerDisagreement": 0.0,
            "queries": [] as [Any], "penalties": items, "elements": [] as [Any], "selfAttention": [] as [Any],
            "crossAttention": [] as [Any], "spatialAttention": [] as [Any], "clipDuration": 0.5, "exemplars": [] as [Any],
        ]
        return try JSONDecoder().decode(RoutinePrediction.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// A small rubric written in German, to show that a translated rubric and template give
    /// German commentary.
    static func germanRubric() throws -> Rubric {
        func three(_ a: String, indent: String) -> String { [1, 2, 3].map { "\(indent)- \(a) (\($0))." }.joined(separator: "\n") }
        let praise: [(BodyDimension, String)] = [
            (.headAndEyes, "Der Kopf ist gut gehalten"), (.torsoAndCore, "Der Rumpf ist stabil"), (.armsAndElbows, "Die Arme sind kräftig"),
            (.wristsAndHands, "Die Hände sind sauber gesetzt"), (.legsAndKnees, "Die Beine sind gestreckt"),
            (.feetAndHeels, "Die Füße sind gestreckt"), (.apparatus, "Die Übung fließt gut"),
        ]
        var lines = ["id: boden_de", "event: floor", "name: Boden", "base_score: 10.0", "pass_marks:", "  1: 9.0", "elements: []", "dimensions:"]
        for (d, text) in praise { lines += ["  \(d.rawValue):", "    strengths:", three(text, indent: "    ")] }
        lines.append("penalties:")
        for (id, name, dimension, good, light, strong, advice) in [
            ("kopf", "Kopf gesenkt", "head_eyes", "Der Kopf bleibt oben", "Der Kopf sinkt leicht", "Der Kopf fällt deutlich nach vorn",
             "Einen Punkt an der Wand anschauen"),
            ("knie", "Knie gebeugt", "legs_knees", "Die Knie bleiben gestreckt", "Die Knie sind leicht gebeugt", "Die Knie sind stark gebeugt",
             "Die Knie bewusst durchdrücken"),
        ] {
            lines += ["- id: \(id)", "  name: \(name)", "  dimension: \(dimension)", "  deductions: [0.1, 0.3]", "  strength:", three(good, indent: "  "),
                      "  weakness:", "    '0.1':", three(light, indent: "    "), "    '0.3':", three(strong, indent: "    "),
                      "  advice:", three(advice, indent: "  ")]
        }
        return try Rubric.parse(yaml: lines.joined(separator: "\n") + "\n", file: "boden_de.yaml")
    }
}
