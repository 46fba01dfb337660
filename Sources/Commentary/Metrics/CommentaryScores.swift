import RoutineCore

/// The commentary metrics of one generator on one split (what `routine evaluate --json`
/// reports under `commentary.learned`, `.grounded` and `.retrieval`): corpus BLEU-1/4,
/// METEOR (exact match), ROUGE-L and CIDEr-D against the ground-truth paragraphs, and the
/// grounded *mention* and *agreement* against the keypoint labels.
public struct CommentaryScores: Codable, Equatable, Sendable {
    public var bleu1: Double
    public var bleu4: Double
    public var meteor: Double
    public var rougeL: Double
    public var ciderD: Double
    public var mention: Double
    public var agreement: Double
    /// Routines scored.
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case bleu1, bleu4, meteor, mention, agreement, count
        case rougeL = "rouge_l"
        case ciderD = "cider_d"
    }

    public init(bleu1: Double, bleu4: Double, meteor: Double, rougeL: Double, ciderD: Double, mention: Double, agreement: Double, count: Int) {
        self.bleu1 = bleu1
        self.bleu4 = bleu4
        self.meteor = meteor
        self.rougeL = rougeL
        self.ciderD = ciderD
        self.mention = mention
        self.agreement = agreement
        self.count = count
    }

    /// Scores generated paragraphs against their ground truth (one label per paragraph).
    public init(paragraphs: [String], labels: [CommentaryLabel], lexicon: DimensionLexicon) {
        self.init(paragraphs: paragraphs, labels: labels, lexicons: Array(repeating: lexicon, count: paragraphs.count))
    }

    /// The same with each paragraph read by its own lexicon (its routine's rubric).
    public init(paragraphs: [String], labels: [CommentaryLabel], lexicons: [DimensionLexicon]) {
        precondition(paragraphs.count == labels.count, "\(paragraphs.count) paragraphs for \(labels.count) labels")
        let candidates = paragraphs.map(TextTokenizer.words)
        let references = labels.map { [TextTokenizer.words($0.paragraph)] }
        let bleu = candidates.isEmpty ? [0, 0, 0, 0] : Bleu.scores(candidates: candidates, references: references)
        let grounded = GroundedScores.scores(texts: paragraphs, truths: labels.map(\.polarities), lexicons: lexicons)
        self.init(bleu1: bleu[0], bleu4: bleu[3], meteor: Meteor.score(candidates: candidates, references: references),
                  rougeL: RougeL.score(candidates: candidates, references: references),
                  ciderD: CiderD.score(candidates: candidates, references: references),
                  mention: grounded.mention, agreement: grounded.agreement, count: paragraphs.count)
    }
}
