/// The sentences of the training paragraphs (delexicalised tokens, each with its closing
/// punctuation), as a prefix tree the caption search can be held to: the decoder still chooses
/// every word, but only along sentences a coach wrote, so a search pushed off its first choice
/// (a sentence refused by the consistency check) moves to another real sentence instead of
/// into nonsense ("… hops to control the the of advice …"). Constrained decoding over a prefix
/// tree, as generative entity retrieval does over entity names.
public struct SentenceBank: Codable, Equatable, Sendable {
    /// Each sentence's tokens.
    public let sentences: [[String]]

    /// The sentences of `paragraphs` (tokenised as the vocabulary tokenises, split after ".",
    /// "!" and "?"), each once, in order of first appearance; sentences with a token outside
    /// `vocabulary` are left out.
    public init(paragraphs: [String], vocabulary: Vocabulary) {
        var seen = Set<[String]>(), out: [[String]] = []
        for p in paragraphs {
            var sentence: [String] = []
            for t in vocabulary.tokens(p) {
                sentence.append(t)
                guard [".", "!", "?"].contains(t) else { continue }
                if sentence.allSatisfy({ vocabulary.id($0) != nil }), seen.insert(sentence).inserted { out.append(sentence) }
                sentence = []
            }
        }
        sentences = out
    }

    /// The prefix tree over token ids: the tokens that may follow each sentence prefix.
    public func tree(_ vocabulary: Vocabulary) -> [[Int]: Set<Int>] {
        var next: [[Int]: Set<Int>] = [:]
        for s in sentences {
            let ids = s.compactMap { vocabulary.id($0) }
            for k in ids.indices { next[Array(ids[..<k]), default: []].insert(ids[k]) }
        }
        return next
    }
}
