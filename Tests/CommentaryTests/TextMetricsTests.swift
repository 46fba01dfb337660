import Foundation
import Testing
@testable import Commentary

/// Every metric against values worked out by hand from its paper's definition (the
/// arithmetic is in the comments).
struct TextMetricsTests {
    func w(_ s: String) -> [String] { TextTokenizer.words(s) }

    @Test func tokenizerSplitsPunctuationKeepsTimesAndWords() {
        #expect(TextTokenizer.tokens("The knees bend at 0:04.2; well-timed, don't!")
                == ["the", "knees", "bend", "at", "0:04.2", ";", "well-timed", ",", "don't", "!"])
        #expect(TextTokenizer.tokens("Zoë’s Füße (0.3).") == ["zoë's", "füße", "(", "0.3", ")", "."])
        #expect(TextTokenizer.words("Good - very good.") == ["good", "very", "good"])
        #expect(TextTokenizer.detokenize(["good", "legs", ".", "the", "knees", "bend", "at", "0:04.2", "."])
                == "Good legs. The knees bend at 0:04.2.")
        #expect(TextTokenizer.sentences("One at 0:04.2. Two!").count == 2)
    }

    @Test func bleuCorpusWithBrevityPenalty() {
        // Segment 1: "the cat sat on the mat" vs "the cat sat on a mat":
        //   unigrams 5/6 (second "the" clipped), bigrams 3/5, trigrams 2/4, 4-grams 1/3.
        // Segment 2: "a dog runs" vs "a dog runs in the park": 3/3, 2/2, 1/1, 0/0.
        // Corpus: p = 8/9, 5/7, 3/5, 1/3; c = 9, r = 12, BP = exp(1 − 12/9).
        // BLEU-1 = 8/9 · BP = 0.636917; BLEU-4 = (8/9 · 5/7 · 3/5 · 1/3)^¼ · BP = 0.427733.
        let b = Bleu.scores(candidates: [w("the cat sat on the mat"), w("a dog runs")],
                            references: [[w("the cat sat on a mat")], [w("a dog runs in the park")]])
        #expect(abs(b[0] - 0.636917) < 1e-5)
        #expect(abs(b[3] - 0.427733) < 1e-5)
    }

    @Test func bleuClosestReferenceLengthAndClipping() {
        // "the the the" vs refs "the cat" (2) and "a cat on the mat" (5): closest length 2 ≥ c? c = 3,
        // r = 2, no penalty; unigram "the" clipped to max count 1 → BLEU-1 = 1/3.
        let b = Bleu.scores(candidates: [w("the the the")], references: [[w("the cat"), w("a cat on the mat")]])
        #expect(abs(b[0] - 1.0 / 3) < 1e-9)
        // A zero 4-gram precision makes BLEU-4 vanish (coco-caption's 10⁻¹⁵ guard, not exactly 0).
        #expect(b[3] < 1e-3)
    }

    @Test func meteorExamples() {
        // Identical: m = 6, 1 chunk: F = 1, penalty 0.5·(1/6)³ → 0.997685.
        #expect(abs(Meteor.score(candidates: [w("the cat sat on the mat")], references: [[w("the cat sat on the mat")]]) - 0.997685) < 1e-6)
        // "on the mat sat the cat": the two "the" map in order (fewest crossings), so no two
        // mappings are adjacent in both strings: 6 chunks, penalty 0.5 → 0.5.
        #expect(abs(Meteor.score(candidates: [w("on the mat sat the cat")], references: [[w("the cat sat on the mat")]]) - 0.5) < 1e-9)
        // "the cat was sat on the mat": P = 6/7, R = 1, F = 10PR/(R+9P) = 60/61; chunks 2,
        // penalty 0.5·(2/6)³ → 60/61 · (1 − 1/54) = 0.965392.
        #expect(abs(Meteor.score(candidates: [w("the cat was sat on the mat")], references: [[w("the cat sat on the mat")]]) - 0.965392) < 1e-6)
    }

    @Test func meteorPicksTheUncrossedOccurrence() {
        // "a b a" vs "b a": mapping the first "a" crosses b→b; the second does not and joins it
        // in one chunk. m = 2, P = 2/3, R = 1: F = 20/21, penalty 0.5·(1/2)³ → 0.892857.
        let s = Meteor.statistics(candidate: w("a b a"), references: [w("b a")])
        #expect(s.matches == 2 && s.chunks == 1)
        #expect(abs(s.score - 0.892857) < 1e-6)
    }

    @Test func meteorCorpusAggregatesStatistics() {
        // (m, chunks, |c|, |r|) = (6, 1, 6, 6) + (6, 2, 7, 6) = (12, 3, 13, 12):
        // F = 10·(12/13)/(1 + 9·12/13) = 120/121, penalty 0.5·(3/12)³ → 0.983988.
        let s = Meteor.score(candidates: [w("the cat sat on the mat"), w("the cat was sat on the mat")],
                             references: [[w("the cat sat on the mat")], [w("the cat sat on the mat")]])
        #expect(abs(s - 0.983988) < 1e-6)
        #expect(Meteor.score(candidates: [w("nothing here")], references: [[w("the cat")]]) == 0)
    }

    @Test func rougeLMeanOverSegments() {
        // 1: LCS("the cat sat on the mat", "the cat is on the mat") = 5, P = R = 5/6 → F = 5/6.
        // 2: LCS = 3, P = 1, R = 1/2 → F = (1 + 1.44)·0.5 / (0.5 + 1.44) = 0.628866.
        // Mean 0.731100.
        let s = RougeL.score(candidates: [w("the cat sat on the mat"), w("a dog runs")],
                             references: [[w("the cat is on the mat")], [w("a dog runs in the park")]])
        #expect(abs(s - 0.731100) < 1e-6)
        #expect(RougeL.longestCommonSubsequence(w("a b c d"), w("b d a c")) == 2)
    }

    @Test func ciderDTfIdfClippingAndLengthPenalty() {
        // References "red ball", "blue ball"; |I| = 2, so g = tf·(ln 2 − ln df): "ball" (df 2)
        // weighs 0, every other n-gram ln 2 (unseen n-grams count df = 1).
        // 1: "red red ball": n=1 cand (red 2ln2, ball 0), ref (red ln2): clipped min(2ln2, ln2)·ln2
        //    / (2ln2·ln2) = 1/2; n=2 cand (red red ln2, red ball ln2), ref (red ball ln2): 1/√2;
        //    n=3,4: 0. Length 3 vs 2: exp(−1/72). Score 10·(0.5 + 0.707107)·0.986207/4 = 2.976143.
        // 2: "blue" vs "blue ball": n=1 cosine 1, nothing else; exp(−1/72) → 10·0.986207/4 = 2.465518.
        let s = CiderD.segmentScores(candidates: [w("red red ball"), w("blue")], references: [[w("red ball")], [w("blue ball")]])
        #expect(abs(s[0] - 2.976143) < 1e-5)
        #expect(abs(s[1] - 2.465518) < 1e-5)
        #expect(abs(CiderD.score(candidates: [w("red red ball"), w("blue")], references: [[w("red ball")], [w("blue ball")]]) - 2.720831) < 1e-5)
        // Exact copy of a reference: n = 1, 2 cosines 1, no 3- and 4-grams: 10·2/4 = 5.
        #expect(abs(CiderD.segmentScores(candidates: [w("red ball"), w("blue")], references: [[w("red ball")], [w("blue ball")]])[0] - 5) < 1e-9)
    }
}
