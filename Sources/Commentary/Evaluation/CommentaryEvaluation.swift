import Assessment
import Foundation
import RoutineCore

/// The commentary part of `routine evaluate`: the learned generator, the grounded templates
/// and the retrieval baseline scored on the same labelled routines (``CommentaryScores`` each;
/// `--json` puts them under `commentary.learned`, `.grounded`, `.retrieval`), and how many
/// paragraphs contradict the predicted penalties — the learned generator's own, and the
/// report's after the rule of ``CommentaryComposer``.
public struct CommentaryEvaluation: Codable, Equatable, Sendable {
    /// Nil when the model has no commentary generator.
    public var learned: CommentaryScores?
    public var grounded: CommentaryScores
    public var retrieval: CommentaryScores
    /// Learned paragraphs that contradict their routine's predicted penalties.
    public var learnedContradictions: Int?
    /// Report paragraphs (learned or grounded, by the composer's rule) that do.
    public var reportContradictions: Int
    /// Report paragraphs that are learned (the rest are grounded).
    public var reportLearned: Int
    /// Each scored routine's paragraphs by routine id, for reading them beside the truth
    /// (`routine evaluate --predictions`); not part of the JSON summary.
    public var paragraphs: [String: Paragraphs] = [:]

    /// What the three generators wrote for one routine, and its ground truth.
    public struct Paragraphs: Codable, Equatable, Sendable {
        public var learned: String?
        public var grounded: String
        public var retrieval: String
        public var truth: String
    }

    enum CodingKeys: String, CodingKey {
        case learned, grounded, retrieval
        case learnedContradictions = "learned_contradictions"
        case reportContradictions = "report_contradictions"
        case reportLearned = "report_learned"
    }

    /// Scores the commentary of `model` on the `test` routines that have a label; the
    /// retrieval baseline draws from the labelled `training` routines. One event (rubric).
    public static func run(model: TrainedModel, composer: CommentaryComposer, training: [TrainingExample], test: [TrainingExample],
                           labels: [String: CommentaryLabel]) throws -> CommentaryEvaluation {
        try run(model: model, composers: ["": composer], eventOf: [:], training: training, test: test, labels: labels)
    }

    /// The same for a dataset of several events: each routine is written and read with the
    /// composer (rubric, templates, lexicon) of its event (`eventOf[id]`, or "" when absent).
    /// The composers share one generator (or none).
    public static func run(model: TrainedModel, composers: [String: CommentaryComposer], eventOf: [String: String],
                           training: [TrainingExample], test: [TrainingExample], labels: [String: CommentaryLabel]) throws -> CommentaryEvaluation {
        let scored = test.filter { labels[$0.id] != nil }
        guard !scored.isEmpty else { throw CommentaryError.invalidInput("no test routine has commentary to evaluate against") }
        let withGenerator = composers.values.contains { $0.generator != nil }
        let retrieval = try RetrievalBaseline(model: model, training: training, labels: labels)
        var learnedTexts: [String] = [], groundedTexts: [String] = [], retrievedTexts: [String] = [], lexicons: [DimensionLexicon] = []
        var learnedContradictions = 0, reportContradictions = 0, reportLearned = 0
        for e in scored {
            let event = eventOf[e.id] ?? ""
            guard let composer = composers[event] else {
                throw CommentaryError.invalidInput("routine '\(e.id)': no rubric for event '\(event)' (have \(composers.keys.sorted().joined(separator: ", ")))")
            }
            lexicons.append(composer.lexicon)
            let prediction = try model.predict(e.views)
            let grounded = composer.grounded(routineID: e.id, prediction: prediction)
            groundedTexts.append(grounded.paragraph)
            retrievedTexts.append(try retrieval.paragraph(model: model, views: e.views))
            var learned: String?
            if withGenerator {
                let features = try CommentaryGenerator.features(model, views: e.views)
                let text = composer.learnedParagraph(prediction: prediction, memory: features.memory, queryFeatures: features.queryFeatures) ?? ""
                learnedTexts.append(text)
                learned = text
                if !composer.contradictions(text, prediction: prediction).isEmpty { learnedContradictions += 1 }
            }
            let report = composer.compose(routineID: e.id, prediction: prediction, learnedParagraph: learned)
            if report.source == .learned { reportLearned += 1 }
            if !composer.contradictions(report.paragraph, prediction: prediction).isEmpty { reportContradictions += 1 }
        }
        let truth = scored.map { labels[$0.id]! }
        var paragraphs: [String: Paragraphs] = [:]
        for (i, e) in scored.enumerated() {
            paragraphs[e.id] = Paragraphs(learned: withGenerator ? learnedTexts[i] : nil, grounded: groundedTexts[i], retrieval: retrievedTexts[i],
                                          truth: truth[i].paragraph)
        }
        var evaluation = CommentaryEvaluation(
            learned: withGenerator ? CommentaryScores(paragraphs: learnedTexts, labels: truth, lexicons: lexicons) : nil,
            grounded: CommentaryScores(paragraphs: groundedTexts, labels: truth, lexicons: lexicons),
            retrieval: CommentaryScores(paragraphs: retrievedTexts, labels: truth, lexicons: lexicons),
            learnedContradictions: withGenerator ? learnedContradictions : nil,
            reportContradictions: reportContradictions, reportLearned: reportLearned)
        evaluation.paragraphs = paragraphs
        return evaluation
    }

    /// Measures a freshly trained generator on held-out routines (the trainer's validation
    /// athletes) and returns its quality gate: agreement ≥ `minimumAgreement` and CIDEr-D above
    /// the retrieval baseline's on the same routines. Store it in `generator.gate` before
    /// writing the commentary file. `rubrics` by event, `eventOf` by routine id (one event:
    /// `["": rubric]` and `[:]`).
    public static func gate(model: TrainedModel, generator: CommentaryGenerator, rubrics: [String: Rubric], eventOf: [String: String],
                            templates: CommentaryTemplates, training: [TrainingExample], heldOut: [TrainingExample],
                            labels: [String: CommentaryLabel], minimumAgreement: Double = CommentaryGate.defaultMinimumAgreement,
                            routines: String = "validation athletes") throws -> CommentaryGate {
        let composers = rubrics.mapValues { CommentaryComposer(rubric: $0, templates: templates, generator: generator) }
        let e = try run(model: model, composers: composers, eventOf: eventOf, training: training, test: heldOut, labels: labels)
        return CommentaryGate(learned: e.learned!, minimumCiderD: e.retrieval.ciderD, minimumAgreement: minimumAgreement, routines: routines)
    }

    /// ``gate(model:generator:rubrics:eventOf:templates:training:heldOut:labels:minimumAgreement:routines:)`` for one rubric.
    public static func gate(model: TrainedModel, generator: CommentaryGenerator, rubric: Rubric, templates: CommentaryTemplates,
                            training: [TrainingExample], heldOut: [TrainingExample], labels: [String: CommentaryLabel],
                            minimumAgreement: Double = CommentaryGate.defaultMinimumAgreement, routines: String = "validation athletes")
        throws -> CommentaryGate {
        try gate(model: model, generator: generator, rubrics: ["": rubric], eventOf: [:], templates: templates, training: training,
                 heldOut: heldOut, labels: labels, minimumAgreement: minimumAgreement, routines: routines)
    }

    /// The three rows as a terminal table (what `routine evaluate` prints without `--json`).
    public var summary: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        let rows: [(String, CommentaryScores?)] = [("learned", learned), ("grounded", grounded), ("retrieval", retrieval)]
        let table = TextTable.render(
            header: ["commentary", "routines", "BLEU-1", "BLEU-4", "METEOR", "ROUGE-L", "CIDEr-D", "mention", "agreement"],
            rows: rows.compactMap { name, s in
                s.map { [name, String($0.count), f($0.bleu1), f($0.bleu4), f($0.meteor), f($0.rougeL), f($0.ciderD), f($0.mention), f($0.agreement)] }
            })
        var notes = ["METEOR is the exact-match variant; mention and agreement are read from the text by the rubric lexicon."]
        if learned == nil { notes.append("The model has no commentary decoder (no MODEL.commentary.safetensors beside it).") }
        if let n = learnedContradictions { notes.append("Learned paragraphs contradicting the predicted penalties: \(n).") }
        notes.append("Report paragraphs: \(reportLearned) learned, the rest grounded; contradicting the predicted penalties: \(reportContradictions).")
        return table + "\n" + notes.joined(separator: "\n")
    }
}
