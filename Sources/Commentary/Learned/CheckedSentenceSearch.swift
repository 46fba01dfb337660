import Foundation
import Neural

/// Writes a paragraph sentence by sentence under a check: each sentence is the best of a small
/// beam search from where the paragraph stands, among the candidates `accept` allows, not
/// written before, not looping on itself and closed where the decoder meant to close it. When
/// every candidate is refused, the word each refused sentence turns on (``focus``: the body
/// part it names) is banned at its place and the sentence is searched again, so the decoder
/// says its next most likely thing instead — another dimension's praise rather than none.
///
/// Why not refuse inside one beam search: the paragraphs open with the praise of the first
/// clean dimension head to toe, so a beam's hypotheses are all variants of the same sentence
/// ("The gaze is steady …"); refusing them at their full stop leaves only the hypothesis that
/// ended the paragraph after its opening, and the text says nothing.
public struct CheckedSentenceSearch {
    public let search: CaptionSearch
    /// Beam width within a sentence.
    public var width = 3
    /// Searches per sentence before the paragraph ends where it stands.
    public var attempts = 6
    /// Longest sentence, in tokens.
    public var maximumSentenceLength = 40

    public init(search: CaptionSearch) { self.search = search }

    /// A sentence candidate: its ids (with its closing punctuation), their log-probability, and
    /// the state after all but the last of them.
    struct Candidate {
        var ids: [Int]
        var logProbability: Double
        var state: Tensor
        /// Log-probability of the closing punctuation.
        var closing: Double
    }
    /// A candidate whose closing punctuation the decoder gave less than this probability is not
    /// written: bans can push a sentence into an ending the decoder did not mean ("The core is
    /// strong and the body.").
    public var minimumClosingProbability = 0.05
    /// When set, sentences follow this prefix tree (``SentenceBank``): after each sentence
    /// prefix only the tokens it allows.
    public var known: [[Int]: Set<Int>]?

    /// `accept` judges a sentence's ids given the paragraph's ids so far; `focus` gives the
    /// index in a refused sentence of the token to ban (nil: its first token). The paragraph
    /// ends where the decoder's most probable next token is `<eos>`, or where no sentence is
    /// accepted.
    public func write(_ context: CaptionDecoder.Context, accept: (_ sentence: [Int], _ paragraph: [Int]) -> Bool,
                      focus: ([Int]) -> Int?) -> CaptionSearch.Hypothesis {
        let vocabulary = search.vocabulary
        var ids: [Int] = [], total = 0.0
        var state = context.initial
        // A sentence already written is refused like a contradicting one: a decoder caught in a
        // loop then says something else or ends the paragraph.
        var written = Set<[Int]>()
        while ids.count < search.maximumLength {
            var bans: [[Int]: Set<Int>] = [:]
            var chosen: Candidate?
            for attempt in 0..<attempts {
                let (candidates, ending) = sentences(context, after: ids.last ?? vocabulary.beginID, state: state, bans: bans,
                                                     room: search.maximumLength - ids.count)
                if attempt == 0, let ending { return CaptionSearch.Hypothesis(ids: ids, logProbability: total + ending, finished: true) }
                if let best = candidates.first(where: { $0.closing >= log(minimumClosingProbability)
                    && !Self.loops($0.ids) && !written.contains($0.ids)
                    && accept($0.ids, ids) }) {
                    chosen = best
                    break
                }
                for c in candidates {
                    let k = Swift.min(focus(c.ids) ?? 0, c.ids.count - 1)
                    bans[Array(c.ids[..<k]), default: []].insert(c.ids[k])
                }
                if candidates.isEmpty { break }
            }
            guard let sentence = chosen else { return CaptionSearch.Hypothesis(ids: ids, logProbability: total, finished: true) }
            total += sentence.logProbability
            ids += sentence.ids
            written.insert(sentence.ids)
            state = sentence.state
        }
        return CaptionSearch.Hypothesis(ids: ids, logProbability: total, finished: false)
    }

    /// Whether a sentence repeats one of its own trigrams: a decoder caught in a loop inside a
    /// sentence ("… the eyes look at the floor to save the … the eyes look at the floor …").
    static func loops(_ ids: [Int]) -> Bool {
        guard ids.count >= 6 else { return false }
        var seen = Set<[Int]>()
        for i in 0...(ids.count - 3) where !seen.insert(Array(ids[i..<(i + 3)])).inserted { return true }
        return false
    }

    /// The next sentences a beam of `width` completes (each step keeps the `width` best
    /// unfinished ones), best first by log-probability per token (GNMT's length penalty with
    /// α = 1), none starting with a banned path; and, when `<eos>` is the most
    /// probable next token, its log-probability (the paragraph ends there).
    func sentences(_ context: CaptionDecoder.Context, after previous: Int, state: Tensor, bans: [[Int]: Set<Int>],
                   room: Int) -> (candidates: [Candidate], ending: Double?) {
        let vocabulary = search.vocabulary
        let enders = Set([".", "!", "?"].compactMap { vocabulary.id($0) })
        var alive: [(ids: [Int], logProbability: Double)] = [([], 0)]
        var states = state
        var done: [Candidate] = []
        var ending: Double?
        for step in 0..<Swift.min(maximumSentenceLength, room) {
            let (logp, next) = search.decoder.step(context, previous: alive.map { $0.ids.last ?? previous }, states: states)
            if step == 0 {
                let row = logp[0]
                let best = row.indices.filter(search.allowed).max { row[$0] < row[$1] }
                if best == vocabulary.endID { ending = Double(row[vocabulary.endID]) }
            }
            var candidates: [(parent: Int, token: Int, score: Double, step: Double)] = []
            for (b, row) in logp.enumerated() {
                let banned = bans[alive[b].ids] ?? []
                let permitted = known.map { $0[alive[b].ids] ?? [] }
                let top = CaptionSearch.top(row, count: width + 1) { search.allowed($0) && !banned.contains($0) && permitted?.contains($0) != false }
                for (i, v) in top { candidates.append((b, i, alive[b].logProbability + Double(v), Double(v))) }
            }
            candidates.sort { ($0.score, -$0.parent, -$0.token) > ($1.score, -$1.parent, -$1.token) }
            var survivors: [(ids: [Int], logProbability: Double)] = [], parents: [Int] = []
            for c in candidates {
                let ids = alive[c.parent].ids
                if c.token == vocabulary.endID {
                    continue  // the paragraph ends only between sentences, where `ending` says so
                } else if enders.contains(c.token) {
                    let after = Graph.withoutGradients { next.gather([c.parent], axis: 0) }
                    done.append(Candidate(ids: ids + [c.token], logProbability: c.score, state: after, closing: c.step))
                } else if survivors.count < width {
                    survivors.append((ids + [c.token], c.score))
                    parents.append(c.parent)
                }
            }
            if survivors.isEmpty { break }
            alive = survivors
            states = Graph.withoutGradients { next.gather(parents, axis: 0) }
        }
        func score(_ c: Candidate) -> Double { c.logProbability / CaptionSearch.lengthPenalty(c.ids.count + 1, alpha: 1) }
        let ranked = done.sorted { (score($0), -$0.ids.count) > (score($1), -$1.ids.count) }
        return (ranked, ending)
    }
}
