import Foundation
import Neural

/// The fixed sentence embedding the keypoint-level alignment (TechCoach eq. 2) aligns to, in
/// place of the paper's pretrained text encoder, which does not exist offline.
///
/// A sentence's unigram and bigram counts, weighted by IDF over the training keypoint
/// sentences, are projected to `width` dimensions by a fixed Gaussian random matrix and scaled
/// to unit length. Why this and not, say, the mean of the decoder's learnt word embeddings:
/// the target must not move while the model learns (a learnt target can be met by shrinking
/// the embeddings — the alignment would collapse), and it must not depend on training order.
/// TF-IDF keeps what tells sentences apart (content words, "knees bend" vs "knees straight")
/// and discounts what every sentence says; a random Gaussian projection preserves the
/// distances between such vectors up to a small distortion (Johnson–Lindenstrauss) at a
/// fraction of the width. Each feature's column of the projection is drawn from a generator
/// seeded by a hash of the feature itself, so only the IDF table is stored and the embedding
/// of a sentence never depends on vocabulary order. Features unseen in training are ignored.
public struct SentenceEmbedding: Codable, Equatable, Sendable {
    public let width: Int
    public let seed: UInt64
    /// IDF of each feature (unigram, or two words joined by a space), from the training sentences.
    public let idf: [String: Double]

    /// From the training keypoint sentences.
    public init(sentences: [String], width: Int = 64, seed: UInt64 = 0x5E47_E4CE) {
        var df: [String: Double] = [:]
        for s in sentences { for f in Set(Self.features(s)) { df[f, default: 0] += 1 } }
        let n = Double(sentences.count)
        idf = df.mapValues { log((n + 1) / ($0 + 1)) + 1 }
        self.width = width
        self.seed = seed
    }

    /// Lowercased words (no punctuation or numbers) and their bigrams.
    static func features(_ sentence: String) -> [String] {
        let w = TextTokenizer.words(sentence).filter { !$0.contains(where: \.isNumber) }
        return w + zip(w, w.dropFirst()).map { $0 + " " + $1 }
    }

    /// The unit-length embedding of a sentence (zeros when it has no known feature).
    public func callAsFunction(_ sentence: String) -> [Float] {
        var counts: [String: Double] = [:]
        for f in Self.features(sentence) where idf[f] != nil { counts[f, default: 0] += 1 }
        var v = [Double](repeating: 0, count: width)
        for (f, tf) in counts.sorted(by: { $0.key < $1.key }) {
            let weight = tf * idf[f]!
            let column = projection(f)
            for i in 0..<width { v[i] += weight * column[i] }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { Float(norm > 0 ? $0 / norm : 0) }
    }

    /// Column of the random projection for one feature: N(0, 1/width) entries, seeded by
    /// FNV-1a of the feature mixed with ``seed``.
    func projection(_ feature: String) -> [Double] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for b in feature.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        let rng = RandomSource(seed: h)
        let scale = 1 / Double(width).squareRoot()
        return (0..<width).map { _ in Double(rng.normal()) * scale }
    }
}
