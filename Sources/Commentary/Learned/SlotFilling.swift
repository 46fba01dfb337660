import Assessment
import Foundation
import RoutineCore

/// Turns a learned draft into text with the assessment's own figures in its slots (see
/// ``Vocabulary``): `<score>` the predicted score, `<count>` the number of predicted
/// deductions, and in a sentence about a dimension (read with the ``DimensionLexicon``)
/// `<time>` the moment of that dimension's next predicted deduction and `<number>` its
/// deduction (the start of its span, as the dataset cites it). A slot with nothing to fill it
/// is dropped with the short preposition before it ("at", "bei"), so the text never cites a
/// moment the model did not predict; a sentence citing a deduction the model flags for review
/// says "(to be confirmed)", as the grounded paragraph does. Sentences citing moments are put
/// in time order among themselves.
public struct SlotFilling: Sendable {
    public let rubric: Rubric
    public let lexicon: DimensionLexicon
    /// Tokens added before the full stop of a sentence citing a deduction flagged for review.
    public var reviewMarker = ["(", "to", "be", "confirmed", ")"]

    public init(rubric: Rubric, lexicon: DimensionLexicon) {
        self.rubric = rubric
        self.lexicon = lexicon
    }

    public func text(_ tokens: [String], prediction: RoutinePrediction) -> String {
        var pending: [BodyDimension: [RoutinePrediction.Penalty]] = [:]
        var unused = prediction.deductions.sorted { ($0.start, $0.item) < ($1.start, $1.item) }
        for p in unused { if let d = rubric.penalty(p.item)?.dimension { pending[d, default: []].append(p) } }
        /// The dimension's next deduction, the named item's first when it has one left.
        func take(_ dimension: BodyDimension?, item: String?) -> RoutinePrediction.Penalty? {
            guard let d = dimension, let queue = pending[d], !queue.isEmpty else { return nil }
            let index = queue.firstIndex { $0.item == item } ?? 0
            let p = queue[index]
            pending[d]!.remove(at: index)
            unused.removeAll { $0.item == p.item && $0.start == p.start }
            return p
        }

        // Filled sentences, each with the moment it cites (if any).
        var out: [(tokens: [String], moment: Double?)] = []
        var sentence: [String] = []
        func flush() {
            let words = sentence.filter { !Vocabulary.specials.contains($0) && !TextTokenizer.isPunctuation($0) }
            let mention = lexicon.classify(words)
            let dimension = mention?.dimension
            var current: RoutinePrediction.Penalty?
            var filled: [String] = []
            for token in sentence {
                switch token {
                case Vocabulary.score: filled.append(String(format: "%.2f", prediction.score))
                case Vocabulary.count: filled.append(String(prediction.deductions.count))
                case Vocabulary.time, Vocabulary.number:
                    if token == Vocabulary.time || current == nil { current = take(dimension, item: mention?.item) ?? current }
                    if let p = current {
                        filled.append(token == Vocabulary.time ? MomentFormat.string(p.start) : String(format: "%.1f", p.deduction))
                    } else if let last = filled.last, last.count <= 3, last.allSatisfy(\.isLetter) {
                        filled.removeLast()
                    }
                default: filled.append(token)
                }
            }
            // "At <time>, the …" with nothing to cite loses "At" and then its comma too.
            while let first = filled.first, [",", ":", ";"].contains(first) { filled.removeFirst() }
            // A moment the model is unsure of is stated as the grounded paragraph states it: to be confirmed.
            if current?.needsReview == true, let last = filled.last, [".", "!", "?"].contains(last) {
                filled.insert(contentsOf: reviewMarker, at: filled.count - 1)
            }
            if !filled.isEmpty { out.append((filled, sentence.contains(Vocabulary.time) ? current?.start : nil)) }
            sentence = []
        }
        for token in tokens {
            sentence.append(token)
            if [".", "!", "?"].contains(token) { flush() }
        }
        flush()
        // The sentences citing a moment take their places in time order, as a coach tells a routine.
        let slots = out.indices.filter { out[$0].moment != nil }
        let chronological = slots.map { out[$0] }.enumerated().sorted { ($0.element.moment!, $0.offset) < ($1.element.moment!, $1.offset) }.map(\.element)
        for (slot, s) in zip(slots, chronological) { out[slot] = s }
        return TextTokenizer.detokenize(out.flatMap(\.tokens))
    }
}
