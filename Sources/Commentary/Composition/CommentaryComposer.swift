import Assessment
import Foundation
import Neural
import RoutineCore

/// Writes a routine's commentary for the report by the rule of issue 7:
///
/// - the per-dimension table always comes from the penalty predictions (``KeypointTable``), so
///   no dimension is praised while a penalty on it is reported;
/// - the paragraph is the learned one when there is a trained generator whose quality gate
///   (measured on held-out routines, stored in its file) passed, and the learned paragraph does
///   not contradict the predicted penalties (``ConsistencyCheck``); otherwise the grounded
///   paragraph of the templates, and the reason is recorded.
public struct CommentaryComposer {
    public let rubric: Rubric
    public let templates: CommentaryTemplates
    public let lexicon: DimensionLexicon
    public let generator: CommentaryGenerator?
    public let beamWidth: Int
    /// Whether the learned paragraph is written sentence by sentence under the consistency
    /// check (``CheckedSentenceSearch``): no praise for a dimension with a deducted or unsure
    /// penalty, no fault on a dimension without one (as ``ConsistencyCheck`` reads whole
    /// paragraphs), and a moment cited only for a predicted deduction of the item named.
    public var checksSentences = true

    public init(rubric: Rubric, templates: CommentaryTemplates, generator: CommentaryGenerator? = nil, beamWidth: Int = 3) {
        self.rubric = rubric
        self.templates = templates
        lexicon = DimensionLexicon(rubric: rubric, neutral: templates.scaffolding)
        self.generator = generator
        self.beamWidth = beamWidth
    }

    /// Whether learned paragraphs may be used at all, or why not.
    public var learnedUnavailableReason: String? {
        guard let generator else { return "no trained commentary decoder" }
        guard let gate = generator.gate else { return "the commentary decoder was never evaluated" }
        guard gate.passed else {
            return String(format: "the commentary decoder did not pass its quality gate (agreement %.2f, needs %.2f; CIDEr-D %.3f, needs > %.3f)",
                          gate.learned.agreement, gate.minimumAgreement, gate.learned.ciderD, gate.minimumCiderD)
        }
        return nil
    }

    /// The grounded paragraph and table of a routine.
    public func grounded(routineID: String, prediction: RoutinePrediction) -> RoutineCommentary {
        let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: routineID)
        return RoutineCommentary(source: .grounded, paragraph: templates.paragraph(table: table, routineID: routineID),
                                 table: table, keypoints: templates.keypoints(table), fallbackReason: nil)
    }

    /// The learned paragraph of a routine, whatever the gate: the decoder's draft — written
    /// sentence by sentence, refusing sentences that contradict the predicted penalties, when
    /// ``checksSentences`` — with repeated sentences dropped (a decoder caught in a loop says the
    /// same thing again, which never helps a reader) and its numbers filled from the prediction.
    public func learnedParagraph(prediction: RoutinePrediction, memory: Tensor, queryFeatures: Tensor) -> String? {
        guard let generator else { return nil }
        let faults = generator.faults(prediction)
        let draft: CommentaryGenerator.Draft
        if checksSentences {
            let table = KeypointTable(prediction: prediction, rubric: rubric, routineID: "")
            let check = ConsistencyCheck(lexicon: lexicon)
            let lexicon = self.lexicon
            // A sentence citing a moment names a predicted fault — the item when its wording is
            // nearly the item's, else the dimension — and each deduction is cited once.
            var deductions: [String: Int] = [:]
            for p in prediction.deductions {
                deductions["item " + p.item, default: 0] += 1
                if let d = rubric.penalty(p.item)?.dimension { deductions["dimension " + d.rawValue, default: 0] += 1 }
            }
            func text(_ tokens: [String]) -> String { TextTokenizer.detokenize(tokens.filter { !Vocabulary.specials.contains($0) }) }
            func cited(_ sentence: [String]) -> String? {
                guard sentence.contains(Vocabulary.time), let m = lexicon.mentions(in: text(sentence)).first else { return nil }
                return m.item.map { "item " + $0 } ?? "dimension " + m.dimension.rawValue
            }
            draft = generator.writeChecked(memory: memory, queryFeatures: queryFeatures, faults: faults, width: beamWidth, accept: { sentence, paragraph in
                guard check.contradictions(text(sentence), table: table).isEmpty else { return false }
                guard let fault = cited(sentence) else { return true }
                return Self.sentences(paragraph).filter { cited($0) == fault }.count < deductions[fault, default: 0]
            }, focus: { tokens in Self.focus(of: tokens, lexicon: lexicon) })
        } else {
            draft = generator.write(memory: memory, queryFeatures: queryFeatures, faults: faults, beamWidth: beamWidth)
        }
        return SlotFilling(rubric: rubric, lexicon: lexicon).text(Self.withoutRepeatedSentences(draft.tokens), prediction: prediction)
    }

    /// The word a refused sentence turns on, banned when the sentence is searched again: for a
    /// cited fault ("At <time>, …") the body part it names, so the next candidate cites another;
    /// otherwise its first content word ("gaze" in "The gaze is steady", "Good" in "Good body
    /// tension"), so the next candidate praises something else.
    static func focus(of tokens: [String], lexicon: DimensionLexicon) -> Int? {
        let function: Set<String> = ["the", "a", "an", "at", ",", "and", "is", "are", Vocabulary.time]
        let content = tokens.firstIndex { !function.contains($0.lowercased()) }
        guard tokens.first?.lowercased() == "at" else { return content }
        return tokens.firstIndex { lexicon.dimensionWords[DimensionLexicon.stem($0.lowercased())] != nil } ?? content
    }

    /// Tokens split after each ".", "!" or "?".
    static func sentences(_ tokens: [String]) -> [[String]] {
        var out: [[String]] = [], sentence: [String] = []
        for t in tokens {
            sentence.append(t)
            if [".", "!", "?"].contains(t) { out.append(sentence); sentence = [] }
        }
        if !sentence.isEmpty { out.append(sentence) }
        return out
    }

    static func withoutRepeatedSentences(_ tokens: [String]) -> [String] {
        var seen = Set<[String]>()
        return sentences(tokens).filter { seen.insert($0).inserted }.flatMap { $0 }
    }

    /// The contradictions of a paragraph with a routine's predicted penalties.
    public func contradictions(_ paragraph: String, prediction: RoutinePrediction) -> [ConsistencyCheck.Contradiction] {
        ConsistencyCheck(lexicon: lexicon).contradictions(paragraph, table: KeypointTable(prediction: prediction, rubric: rubric, routineID: ""))
    }

    /// The commentary of a routine assessed by `model` from `views`.
    public func compose(routineID: String, prediction: RoutinePrediction, model: TrainedModel, views: [ClipTokens]) throws -> RoutineCommentary {
        guard generator != nil, learnedUnavailableReason == nil else {
            return compose(routineID: routineID, prediction: prediction, learnedParagraph: nil)
        }
        let features = try CommentaryGenerator.features(model, views: views)
        return compose(routineID: routineID, prediction: prediction,
                       learnedParagraph: learnedParagraph(prediction: prediction, memory: features.memory, queryFeatures: features.queryFeatures))
    }

    /// The commentary of a routine given its learned paragraph (nil when none was written).
    public func compose(routineID: String, prediction: RoutinePrediction, learnedParagraph: String?) -> RoutineCommentary {
        var commentary = grounded(routineID: routineID, prediction: prediction)
        if generator == nil { return commentary }
        if let reason = learnedUnavailableReason {
            commentary.fallbackReason = reason
            return commentary
        }
        guard let paragraph = learnedParagraph, !paragraph.isEmpty else {
            commentary.fallbackReason = "the commentary decoder wrote nothing"
            return commentary
        }
        let found = contradictions(paragraph, prediction: prediction)
        guard found.isEmpty else {
            commentary.fallbackReason = "the learned paragraph contradicts the predicted penalties: " + found.map(\.description).joined(separator: "; ")
            return commentary
        }
        commentary.source = .learned
        commentary.paragraph = paragraph
        return commentary
    }
}
