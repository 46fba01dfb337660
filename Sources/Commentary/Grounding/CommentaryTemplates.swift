import Assessment
import Foundation
import Mustache
import RoutineCore

/// The grounded commentary writer: realises a ``KeypointTable`` through the Mustache templates
/// of one language (`Templates/commentary/LANG/paragraph.mustache` and `weakness.mustache`,
/// variables in `Templates/commentary/README.md`). Users copy and translate a language folder.
public struct CommentaryTemplates: Sendable {
    public let language: String
    let paragraphTemplate: MustacheTemplate
    let weaknessTemplate: MustacheTemplate
    /// The templates' own sentences with the tags taken out ("A score of with deductions."):
    /// what a ``DimensionLexicon`` should read as about no dimension.
    public let scaffolding: [String]

    /// Loads `templates/commentary/<language>/` (`templates` is the `Templates` folder).
    public init(templates: URL, language: String = "en") throws {
        let folder = templates.appendingPathComponent("commentary").appendingPathComponent(language)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? [])
                .filter { !$0.contains(".") }.sorted()
            throw CommentaryError.template(file: folder.path, reason: "no commentary templates for language '\(language)' (shipped: \(known.joined(separator: ", ")))")
        }
        self.language = language
        let paragraph = try Self.load(folder.appendingPathComponent("paragraph.mustache"))
        let weakness = try Self.load(folder.appendingPathComponent("weakness.mustache"))
        paragraphTemplate = paragraph.template
        weaknessTemplate = weakness.template
        scaffolding = Self.sentences(outsideTags: paragraph.text) + Self.sentences(outsideTags: weakness.text)
    }

    /// The text of a template between its tags, cut into sentences (comments dropped).
    static func sentences(outsideTags text: String) -> [String] {
        var plain = "", rest = Substring(text)
        while let open = rest.range(of: "{{") {
            plain += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            plain += " "
            rest = rest[close.upperBound...]
        }
        plain += rest
        return TextTokenizer.sentences(plain).map { $0.joined(separator: " ") }.filter { $0.contains(where: \.isLetter) }
    }

    static func load(_ url: URL) throws -> (template: MustacheTemplate, text: String) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CommentaryError.template(file: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                                           ? "cannot be read as UTF-8 text" : "no such file")
        }
        do {
            return (try MustacheTemplate(string: text), text)
        } catch let error as MustacheTemplate.ParserError {
            throw CommentaryError.template(file: url.path, reason: "line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error)")
        } catch {
            throw CommentaryError.template(file: url.path, reason: "\(error)")
        }
    }

    /// The coaching paragraph for a routine.
    public func paragraph(table: KeypointTable, prediction: RoutinePrediction, routineID: String) -> String {
        let choice = PhraseChoice(routineID: routineID)
        let opening = choice.index("opening", count: 3), closing = choice.index("closing", count: 3)
        let strengths: [[String: Any]] = table.entries.compactMap { e in
            e.strength.map { ["sentence": $0, "clause": KeypointTable.clause($0), "dimension": e.dimension.title] }
        }
        let weaknesses = table.entries.flatMap { e in e.weaknesses.map { (e.dimension, $0) } }
            .sorted { ($0.1.start, $0.1.item) < ($1.1.start, $1.1.item) }
            .map { Self.fields($0.1, dimension: $0.0) }
        var context: [String: Any] = [
            "clean": weaknesses.isEmpty,
            "score": String(format: "%.2f", prediction.score),
            "deductionCount": weaknesses.count,
            "single": weaknesses.count == 1,
            "hasStrengths": !strengths.isEmpty,
            "strengths": strengths,
            "weaknesses": weaknesses,
        ]
        for i in 0..<3 {
            context["opening\(i + 1)"] = i == opening
            context["closing\(i + 1)"] = i == closing
        }
        return Self.oneParagraph(paragraphTemplate.render(context))
    }

    /// The per-dimension table as `results.json` stores it: the strength of a clean dimension,
    /// or the faults of a penalised one, each through `weakness.mustache`.
    public func keypoints(_ table: KeypointTable) -> [String: AssessmentResult.Keypoint] {
        var out: [String: AssessmentResult.Keypoint] = [:]
        for e in table.entries {
            let weakness = e.weaknesses.isEmpty ? nil
                : e.weaknesses.map { Self.oneParagraph(weaknessTemplate.render(Self.fields($0, dimension: e.dimension))) }.joined(separator: " ")
            if e.strength != nil || weakness != nil { out[e.dimension.rawValue] = .init(strength: e.strength, weakness: weakness) }
        }
        return out
    }

    static func fields(_ w: KeypointTable.Weakness, dimension: BodyDimension) -> [String: Any] {
        ["sentence": w.phrase, "clause": KeypointTable.clause(w.phrase), "moment": w.moment, "deduction": String(format: "%.1f", w.deduction),
         "name": w.name, "advice": w.advice, "dimension": dimension.title, "needsReview": w.needsReview]
    }

    /// Whitespace runs (the templates' line breaks and indentation) become single spaces.
    static func oneParagraph(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
