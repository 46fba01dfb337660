import Neural

/// Decoding a paragraph from a trained ``CaptionDecoder``: greedy (the most likely next token
/// at every step) and beam search (the `width` most likely partial paragraphs kept at every
/// step, scored by their total log-probability without length normalisation, so its result is
/// comparable with greedy's). `<bos>` and `<unk>` are never written.
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

    public func beam(_ context: CaptionDecoder.Context, width: Int) -> Hypothesis {
        precondition(width >= 1, "beam width must be at least 1")
        var alive: [Hypothesis] = [Hypothesis(ids: [], logProbability: 0, finished: false)]
        var states = context.initial
        var finished: [Hypothesis] = []
        for _ in 0..<maximumLength {
            let (logp, next) = decoder.step(context, previous: alive.map { $0.ids.last ?? vocabulary.beginID }, states: states)
            // Candidates (parent, token, score), best first; ties by parent then token for determinism.
            var candidates: [(parent: Int, token: Int, score: Double)] = []
            for (b, row) in logp.enumerated() {
                var top: [(Int, Float)] = []
                for i in row.indices where allowed(i) {
                    if top.count < width + 1 { top.append((i, row[i])); top.sort { $0.1 > $1.1 } } else if row[i] > top.last!.1 {
                        top[top.count - 1] = (i, row[i])
                        top.sort { $0.1 > $1.1 }
                    }
                }
                for (i, v) in top { candidates.append((b, i, alive[b].logProbability + Double(v))) }
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
            let bestFinished = finished.map(\.logProbability).max() ?? -.infinity
            // Log-probabilities only fall as a sequence grows: nothing alive can beat a finished one above it.
            guard let bestAlive = survivors.map(\.logProbability).max(), bestAlive > bestFinished else { break }
            alive = survivors
            states = Graph.withoutGradients { next.gather(parents, axis: 0) }
        }
        let pool = finished.isEmpty ? alive : finished
        return pool.max { ($0.logProbability, -$0.ids.count) < ($1.logProbability, -$1.ids.count) }!
    }

    /// The log-probability the decoder gives `ids` followed by `<eos>` (teacher forcing).
    public func logProbability(_ context: CaptionDecoder.Context, of ids: [Int]) -> Double {
        Graph.withoutGradients {
            let logp = decoder.logits(context, inputs: [vocabulary.beginID] + ids).logSoftmax(axis: -1).rows
            return zip(logp, ids + [vocabulary.endID]).reduce(0.0) { $0 + Double($1.0[$1.1]) }
        }
    }
}
