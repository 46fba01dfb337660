import Assessment
import Foundation
import Neural
import RoutineCore

/// The learned commentary generator, trained jointly with the assessment model as an
/// ``AuxiliaryObjective`` (MTL-AQA's total loss with the caption term; TechCoach §4.4–4.5):
/// the ``KeypointReasoner`` reads the routine's memory tokens into keypoint embeddings aligned
/// to the keypoint sentences (eq. 2), and the ``CaptionDecoder`` writes the paragraph from them
/// and the score token. Its per-routine labels are kept here, keyed by routine id; routines
/// without a label add no loss.
public final class CommentaryGenerator: AuxiliaryObjective {
    public let configuration: CommentaryConfiguration
    public let vocabulary: Vocabulary
    public let sentenceEmbedding: SentenceEmbedding
    /// Per dimension (head to toe), the general technical keypoint text the queries start from.
    public let keypointTexts: [String]
    public let network: CommentaryNetwork
    /// Ground truth by routine id (training only; not saved).
    public var labels: [String: CommentaryLabel]
    /// How the trained generator did on held-out routines, and whether that is good enough for
    /// reports (saved with it).
    public var gate: CommentaryGate?
    /// The training paragraphs' sentences, which checked writing keeps to (nil: files written
    /// before they were stored; writing is then free).
    public let sentenceBank: SentenceBank?
    private let sentenceTree: [[Int]: Set<Int>]?
    private var targetCache: [String: [Float]] = [:]

    public var module: Module { network }
    /// The loss returned is already weighted (``CommentaryConfiguration/captionWeight`` and
    /// ``CommentaryConfiguration/alignmentWeight``).
    public var weight: Float { 1 }

    public init(configuration: CommentaryConfiguration, vocabulary: Vocabulary, sentenceEmbedding: SentenceEmbedding,
                keypointTexts: [String], labels: [String: CommentaryLabel] = [:], sentenceBank: SentenceBank? = nil) {
        precondition(keypointTexts.count == BodyDimension.allCases.count, "one keypoint text per dimension")
        precondition(sentenceEmbedding.width == configuration.sentenceWidth, "sentence embedding width differs from the configuration")
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.sentenceEmbedding = sentenceEmbedding
        self.keypointTexts = keypointTexts
        self.labels = labels
        self.sentenceBank = sentenceBank
        sentenceTree = sentenceBank?.tree(vocabulary)
        network = CommentaryNetwork(configuration: configuration, vocabularySize: vocabulary.size,
                                    keypointText: keypointTexts.map { sentenceEmbedding($0) })
    }

    /// A generator for a training set: the vocabulary from its paragraphs, the sentence
    /// embedding from its keypoint sentences, the keypoint texts from the rubric (each
    /// dimension's name and praise). The numbers in `wording` (the rubrics' phrases) stay words.
    public convenience init(configuration: CommentaryConfiguration, training labels: [String: CommentaryLabel], rubric: Rubric?,
                            wording: [String] = []) throws {
        guard !labels.isEmpty else { throw CommentaryError.invalidInput("no routine with commentary to train the commentary generator on") }
        let ordered = labels.sorted { $0.key < $1.key }.map(\.value)
        let sentences = ordered.flatMap { l in BodyDimension.allCases.flatMap { d in Polarity.allCases.compactMap { l.sentence(d, $0) } } }
        let vocabulary = Vocabulary(texts: ordered.map(\.paragraph), literals: Vocabulary.literalNumbers(in: wording),
                                    minimumCount: configuration.minimumWordCount)
        let texts = BodyDimension.allCases.map { d in ([d.title] + (rubric?.dimensions[d]?.strengths ?? [])).joined(separator: " ") }
        let embedding = SentenceEmbedding(sentences: sentences + texts, width: configuration.sentenceWidth, seed: configuration.seed)
        self.init(configuration: configuration, vocabulary: vocabulary, sentenceEmbedding: embedding, keypointTexts: texts, labels: labels,
                  sentenceBank: SentenceBank(paragraphs: ordered.map(\.paragraph), vocabulary: vocabulary))
    }

    // MARK: - Training

    public func loss(memory: Tensor, queryFeatures: Tensor, example: TrainingExample, rng: RandomSource?) -> Tensor? {
        guard let label = labels[example.id] else { return nil }
        let faults = FaultMention.labelled(example.targets)
        guard configuration.shapesEncoder ?? true else {
            return loss(memory: memory.detached(), queryFeatures: queryFeatures.detached(), label: label, faults: faults, rng: rng)
        }
        return loss(memory: memory, queryFeatures: queryFeatures, label: label, faults: faults, rng: rng)
    }

    /// captionWeight · NLL + alignmentWeight · alignment for one routine; `faults` are the
    /// penalties its paragraph cites (the labelled ones in training).
    public func loss(memory: Tensor, queryFeatures: Tensor, label: CommentaryLabel, faults: [FaultMention] = [], rng: RandomSource?) -> Tensor {
        let keypoints = network.reasoner(memory, rng: rng)  // [14, d]
        var total = captionLoss(keypoints: keypoints, queryFeatures: queryFeatures, faults: faults, paragraph: label.paragraph, rng: rng)
            .scaled(by: configuration.captionWeight)
        if let align = alignmentLoss(keypoints: keypoints, label: label) {
            total = total + align.scaled(by: configuration.alignmentWeight)
        }
        return total
    }

    /// Mean token cross-entropy of the paragraph (then `<eos>`) under teacher forcing.
    public func captionLoss(keypoints: Tensor, queryFeatures: Tensor, faults: [FaultMention] = [], paragraph: String, rng: RandomSource?) -> Tensor {
        let ids = Array(vocabulary.encode(paragraph).prefix(configuration.maximumLength))
        let context = network.decoder.context(keypoints: keypoints, queryFeatures: queryFeatures, faults: faults)
        let logits = network.decoder.logits(context, inputs: [vocabulary.beginID] + ids, rng: rng)
        return Loss.crossEntropy(logits, targets: ids + [vocabulary.endID])
    }

    /// TechCoach eq. 2: Σ w[i, j] · ‖ψ(f_kq[i, j]) − f_kc[i, j]‖₂ over the (dimension, aspect)
    /// pairs whose ground-truth sentence exists (w = 1), divided by their number so the weight
    /// does not depend on how many a routine has; f_kc is the fixed ``SentenceEmbedding`` of the
    /// sentence. Nil when the routine has no keypoint sentence.
    public func alignmentLoss(keypoints: Tensor, label: CommentaryLabel) -> Tensor? {
        var rows: [Int] = [], targets: [Float] = []
        for d in BodyDimension.allCases {
            for p in Polarity.allCases {
                guard let sentence = label.sentence(d, p) else { continue }
                rows.append(KeypointReasoner.row(d, p))
                targets += target(sentence)
            }
        }
        guard !rows.isEmpty else { return nil }
        let projected = network.reasoner.psi(keypoints.gather(rows, axis: 0))  // [n, E]
        return Loss.l2Distance(projected, Tensor(shape: [rows.count, configuration.sentenceWidth], data: targets))
    }

    /// f_kc of a sentence (computed once per sentence).
    func target(_ sentence: String) -> [Float] {
        if let t = targetCache[sentence] { return t }
        let t = sentenceEmbedding(sentence)
        targetCache[sentence] = t
        return t
    }

    // MARK: - Writing

    /// What the generator writes for a routine: the delexicalised tokens and their log-probability.
    public struct Draft: Sendable {
        public var tokens: [String]
        public var logProbability: Double
    }

    /// The penalties of a prediction the paragraph should cite, as this generator reads them
    /// (none when it was made without a scoring task's items).
    public func faults(_ prediction: RoutinePrediction) -> [FaultMention] {
        configuration.penaltyItems.map { FaultMention.predicted(prediction, items: $0) } ?? []
    }

    /// Writes a paragraph for a routine from its memory [T, d], query features [K, d] and the
    /// faults to cite (``FaultMention/predicted(_:items:)``): beam search with `beamWidth` and
    /// GNMT length penalty α (see ``CaptionSearch``); a width of 1 is greedy decoding.
    public func write(memory: Tensor, queryFeatures: Tensor, faults: [FaultMention] = [], beamWidth: Int = 3,
                      lengthPenaltyAlpha: Double = 1) -> Draft {
        Graph.withoutGradients {
            let context = network.decoder.context(keypoints: network.reasoner(memory), queryFeatures: queryFeatures, faults: faults)
            let search = CaptionSearch(decoder: network.decoder, vocabulary: vocabulary, maximumLength: configuration.maximumLength)
            let h = beamWidth <= 1 ? search.greedy(context) : search.beam(context, width: beamWidth, lengthPenaltyAlpha: lengthPenaltyAlpha)
            return Draft(tokens: vocabulary.tokens(h.ids), logProbability: h.logProbability)
        }
    }

    /// Writes a paragraph sentence by sentence, each the best of `width` candidates among the
    /// ``sentenceBank``'s that `accept` allows given the paragraph so far (``CheckedSentenceSearch``); `focus` names the
    /// token of a refused sentence to ban when searching it again. Both read tokens (slots
    /// unfilled).
    public func writeChecked(memory: Tensor, queryFeatures: Tensor, faults: [FaultMention] = [], width: Int = 3,
                             accept: @escaping (_ sentence: [String], _ paragraph: [String]) -> Bool,
                             focus: @escaping ([String]) -> Int?) -> Draft {
        Graph.withoutGradients {
            let context = network.decoder.context(keypoints: network.reasoner(memory), queryFeatures: queryFeatures, faults: faults)
            var search = CheckedSentenceSearch(search: CaptionSearch(decoder: network.decoder, vocabulary: vocabulary,
                                                                     maximumLength: configuration.maximumLength))
            search.width = width
            search.known = sentenceTree
            let vocabulary = self.vocabulary
            let h = search.write(context, accept: { accept(vocabulary.tokens($0), vocabulary.tokens($1)) }, focus: { focus(vocabulary.tokens($0)) })
            return Draft(tokens: vocabulary.tokens(h.ids), logProbability: h.logProbability)
        }
    }

    /// The routine's memory and query features from an assessment model (no graph); the first
    /// view's memory when several are given.
    public static func features(_ model: TrainedModel, views: [ClipTokens]) throws -> (memory: Tensor, queryFeatures: Tensor) {
        try Graph.withoutGradients {
            let out = try model.network(views)
            return (out.memory, out.queryFeatures)
        }
    }
}
