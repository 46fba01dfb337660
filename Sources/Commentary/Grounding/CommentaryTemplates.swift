import Assessment
import Foundation
import RoutineCore

/// The grounded commentary writer: realises a ``KeypointTable`` through the Mustache templates
/// of one language (`Templates/commentary/LANG/paragraph.mustache` and `weakness.mustache`,
/// variables in `Templates/commentary/README.md`). Users copy and translate a language folder.
public struct CommentaryTemplates: Sendable {
    public let set: TemplateSet
    /// The templates' own sentences with the tags taken out ("A routine with deductions to
    /// work on."): what a ``DimensionLexicon`` should read as about no dimension.
    public let scaffolding: [String]

    /// Loads `templates/commentary/<language>/` (`templates` is the `Templates` folder); an
    /// unknown language or a template that does not parse is an error naming the file.
    public init(templates: URL, language: String = "en") throws {
        let folder = templates.appendingPathComponent("commentary").appendingPathComponent(language)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? [])
                .filter { !$0.contains(".") }.sorted()
            throw CommentaryError.template(file: folder.path, reason: "no commentary templates for language '\(language)' (shipped: \(known.joined(separator: ", ")))")
        }
        for name in ["paragraph", "weakness"] {
            let url = folder.appendingPathComponent("\(name).mustache")
            guard FileManager.default.fileExists(atPath: url.path) else { throw CommentaryError.template(file: url.path, reason: "no such file") }
        }
        do {
            self.init(set: try TemplateSet(folder: folder))
        } catch {
            throw CommentaryError.template(file: folder.path, reason: "\(error)")
        }
    }

    /// Over an already loaded template set (`TemplateSet.shipped("commentary", …)`).
    public init(set: TemplateSet) {
        self.set = set
        scaffolding = ["paragraph", "weakness"].flatMap { name in
            (try? String(contentsOf: set.folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)).map(Self.sentences(outsideTags:)) ?? []
        }
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

    /// The coaching paragraph for a routine: an opening by the size of the deductions, the
    /// strength of every dimension the model found clean (head to toe), each asserted fault with
    /// its moment, advice for the largest, and at most two review notes (the most uncertain
    /// first).
    public func paragraph(table: KeypointTable, routineID: String, score: Double? = nil) -> String {
        let choice = PhraseChoice(routineID: routineID)
        let opening = choice.index("opening", count: 3)
        let weaknesses = table.entries.flatMap { e in e.weaknesses.map { (e.dimension, $0) } }.sorted { ($0.1.start, $0.1.item) < ($1.1.start, $1.1.item) }
        // The opening follows every deduction in the ledger, asserted or flagged for review: a
        // routine whose deductions are all unsure is not called clean.
        let deductions = table.entries.flatMap { e in e.weaknesses + e.unsure.filter { $0.deduction > 0 } }
        let clean = deductions.isEmpty
        let strengths: [[String: Any]] = table.entries.compactMap { e in
            e.strength.map { ["sentence": $0, "clause": KeypointTable.clause($0), "dimension": e.dimension.title] }
        }
        let total = deductions.reduce(0) { $0 + $1.deduction }
        let largest = weaknesses.max { ($0.1.deduction, -$0.1.start) < ($1.1.deduction, -$1.1.start) }
        let reviews = table.entries.flatMap { e in e.unsure.map { (e.dimension, $0) } }
            .sorted { (abs($0.1.probability - 0.5), $0.1.start) < (abs($1.1.probability - 0.5), $1.1.start) }.prefix(2)
        var context: [String: Any] = [
            "clean": clean, "minor": !clean && total <= 0.5 + 1e-9, "major": total > 0.5 + 1e-9,
            "deductionCount": deductions.count, "single": deductions.count == 1,
            "strengths": strengths,
            "weaknesses": weaknesses.map { Self.fields($0.1, dimension: $0.0) },
            "reviews": reviews.map { Self.fields($0.1, dimension: $0.0) },
            "hasScore": score != nil,
        ]
        if let score { context["score"] = String(format: "%.2f", score) }
        if let largest, !largest.1.advice.isEmpty { context["advice"] = largest.1.advice }
        for i in 0..<3 { context["opening\(i + 1)"] = i == opening }
        return Self.oneParagraph(set.render("paragraph", context))
    }

    /// The per-dimension table as `results.json` stores it: the strength of a clean dimension,
    /// or the faults of a penalised one, each through `weakness.mustache`; a dimension with only
    /// unsure penalties has no entry.
    public func keypoints(_ table: KeypointTable) -> [String: KeypointComment] {
        var out: [String: KeypointComment] = [:]
        for e in table.entries {
            let weakness = e.weaknesses.isEmpty ? nil
                : e.weaknesses.map { Self.oneParagraph(set.render("weakness", Self.fields($0, dimension: e.dimension))) }.joined(separator: " ")
            if e.strength != nil || weakness != nil { out[e.dimension.rawValue] = .init(strength: e.strength, weakness: weakness) }
        }
        return out
    }

    static func fields(_ w: KeypointTable.Weakness, dimension: BodyDimension) -> [String: Any] {
        ["sentence": w.phrase, "clause": KeypointTable.clause(w.phrase), "lowerClause": KeypointTable.lowerClause(w.phrase), "moment": w.moment,
         "deduction": String(format: "%.1f", w.deduction), "name": w.name, "lowerName": w.name.lowercased(), "advice": w.advice,
         "dimension": dimension.title, "needsReview": w.needsReview]
    }

    /// Whitespace runs (the templates' line breaks and indentation) become single spaces.
    static func oneParagraph(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
