import Foundation
import Neural

/// Decoding a paragraph from a trained ``CaptionDecoder``: greedy (the most likely next token
/// at every step) and beam search (the `width` best partial paragraphs kept at every step).
///
/// Beam search ranks finished paragraphs by log P(Y) / lp(Y) with GNMT's length penalty
/// lp(Y) = ((5 + |Y|)/6)^α (Wu et al. 2016). α = 0 is the plain log-probability — the most
/// probable paragraph found, never less probable than greedy's when both finish — but a
/// model that is not sure yet can prefer stopping early; α = 1 (the default for writing)
/// compares paragraphs per token. The search stops when no live hypothesis can still beat the
/// best finished one: its log-probability only falls, and lp only grows up to the maximum
/// length. `<bos>` and `<unk>` are never written.
public struct CaptionSearch {
    /// A decoded sequence: token ids without `<bos>`/`<eos>`, and its log-probability
    /// (including the final `<eos>` when it ended).
    public struct Hypothesis: Equatable, Sendable {
        public var ids: [Int]
        public var logProbability: Double
        public var finished: Bool
    }

    public let decoder: CaptionDecoder
    public let vocabulary: Vocabulary
    public let maximumLength: Int

    public init(decoder: CaptionDecoder, vocabulary: Vocabulary, maximumLength: Int) {
        self.decoder = decoder
        self.vocabulary = vocabulary
        self.maximumLength = maximumLength
    }

    func allowed(_ id: Int) -> Bool { id != vocabulary.beginID && id != vocabulary.unknownID }

    public func greedy(_ context: CaptionDecoder.Context) -> Hypothesis {
        var state = context.initial
        var previous = vocabulary.beginID
        var ids: [Int] = [], total = 0.0
        for _ in 0..<maximumLength {
            let (logp, next) = decoder.step(context, previous: [previous], states: state)
            let row = logp[0]
            var best = -1
            for i in row.indices where allowed(i) && (best < 0 || row[i] > row[best]) { best = i }
            total += Double(row[best])
            if best == vocabulary.endID { return Hypothesis(ids: ids, logProbability: total, finished: true) }
            ids.append(best)
            previous = best
            state = next
        }
        return Hypothesis(ids: ids, logProbability: total, finished: false)
    }

    /// The `count` tokens of a row with the highest log-probabilities among those `admitted`,
    /// best first (the earlier token first among equals).
    static func top(_ row: [Float], count: Int, where admitted: (Int) -> Bool) -> [(Int, Float)] {
        var top: [(Int, Float)] = []
        for i in row.indices where admitted(i) {
            if top.count < count { top.append((i, row[i])); top.sort { $0.1 > $1.1 } } else if row[i] > top.last!.1 {
                top[top.count - 1] = (i, row[i])
                top.sort { $0.1 > $1.1 }
            }
        }
        return top
    }

    /// GNMT's length penalty ((5 + length)/6)^α.
    public static func lengthPenalty(_ length: Int, alpha: Double) -> Double { pow((5 + Double(length)) / 6, alpha) }

    /// The beam's ranking score of a hypothesis.
    public static func rankingScore(_ h: Hypothesis, alpha: Double) -> Double { h.logProbability / lengthPenalty(h.ids.count + 1, alpha: alpha) }

    public func beam(_ context: CaptionDecoder.Context, width: Int, lengthPenaltyAlpha alpha: Double = 1) -> Hypothesis {
        precondition(width >= 1, "beam width must be at least 1")
        var alive: [Hypothesis] = [Hypothesis(ids: [], logProbability: 0, finished: false)]
        var states = context.initial
        var finished: [Hypothesis] = []
        for _ in 0..<maximumLength {
            let (logp, next) = decoder.step(context, previous: alive.map { $0.ids.last ?? vocabulary.beginID }, states: states)
            // Candidates (parent, token, score), best first; ties by parent then token for determinism.
            var candidates: [(parent: Int, token: Int, score: Double)] = []
            for (b, row) in logp.enumerated() {
                for (i, v) in Self.top(row, count: width + 1, where: allowed) { candidates.append((b, i, alive[b].logProbability + Double(v))) }
            }
            candidates.sort { ($0.score, -$0.parent, -$0.token) > ($1.score, -$1.parent, -$1.token) }
            var survivors: [Hypothesis] = [], parents: [Int] = []
            for c in candidates {
                if c.token == vocabulary.endID {
                    finished.append(Hypothesis(ids: alive[c.parent].ids, logProbability: c.score, finished: true))
                } else if survivors.count < width {
                    survivors.append(Hypothesis(ids: alive[c.parent].ids + [c.token], logProbability: c.score, finished: false))
                    parents.append(c.parent)
                }
                if survivors.count == width, finished.count >= width { break }
            }
            let bestFinished = finished.map { Self.rankingScore($0, alpha: alpha) }.max() ?? -.infinity
            // A live hypothesis can at best keep its log-probability and reach the largest penalty.
            let ceiling = Self.lengthPenalty(maximumLength + 1, alpha: alpha)
            guard let bestAlive = survivors.map(\.logProbability).max(), bestAlive / ceiling > bestFinished else { break }
            alive = survivors
            states = Graph.withoutGradients { next.gather(parents, axis: 0) }
        }
        let pool = finished.isEmpty ? alive : finished
        return pool.max { (Self.rankingScore($0, alpha: alpha), -$0.ids.count) < (Self.rankingScore($1, alpha: alpha), -$1.ids.count) }!
    }

    /// The log-probability the decoder gives `ids` followed by `<eos>` (teacher forcing).
    public func logProbability(_ context: CaptionDecoder.Context, of ids: [Int]) -> Double {
        Graph.withoutGradients {
            let logp = decoder.logits(context, inputs: [vocabulary.beginID] + ids).logSoftmax(axis: -1).rows
            return zip(logp, ids + [vocabulary.endID]).reduce(0.0) { $0 + Double($1.0[$1.1]) }
        }
    }
}
