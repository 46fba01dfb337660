/// METEOR (Banerjee & Lavie 2005), **exact-match module only** (no stemming, no WordNet
/// synonyms), with the paper's parameters:
///
/// - alignment: every candidate unigram maps to at most one identical reference unigram; among
///   the alignments with the most mappings, the one with the fewest crossing mappings;
/// - P = m/|candidate|, R = m/|reference|, F_mean = 10PR / (R + 9P);
/// - fragmentation penalty 0.5 · (chunks/m)³, where a chunk is a maximal run of mappings
///   adjacent in both strings; score = F_mean · (1 − penalty).
///
/// With several references a segment takes the reference that scores best. The corpus score
/// combines the statistics (m, lengths, chunks) summed over the segments with the same formula,
/// as the paper does for a whole test set.
///
/// The fewest-crossings alignment: identical words map in order (uncrossed) within each word;
/// when a word occurs more often on one side, which occurrences map is chosen by a dynamic
/// programme minimising its crossings with the other words' mappings, repeated word by word
/// until nothing improves (coordinate descent; exact when the words' choices do not interact).
public enum Meteor {
    /// What one candidate–reference pair contributes.
    public struct Statistics: Equatable, Sendable {
        public var matches: Int
        public var chunks: Int
        public var candidateLength: Int
        public var referenceLength: Int

        public static func + (a: Statistics, b: Statistics) -> Statistics {
            Statistics(matches: a.matches + b.matches, chunks: a.chunks + b.chunks,
                       candidateLength: a.candidateLength + b.candidateLength, referenceLength: a.referenceLength + b.referenceLength)
        }

        public var precision: Double { candidateLength > 0 ? Double(matches) / Double(candidateLength) : 0 }
        public var recall: Double { referenceLength > 0 ? Double(matches) / Double(referenceLength) : 0 }
        public var fMean: Double {
            let (p, r) = (precision, recall)
            return p > 0 && r > 0 ? 10 * p * r / (r + 9 * p) : 0
        }
        public var penalty: Double {
            guard matches > 0 else { return 0 }
            let f = Double(chunks) / Double(matches)
            return 0.5 * f * f * f
        }
        public var score: Double { fMean * (1 - penalty) }
    }

    /// Statistics of `candidate` against its best reference.
    public static func statistics(candidate: [String], references: [[String]]) -> Statistics {
        precondition(!references.isEmpty, "a candidate without references")
        var best: Statistics?
        for ref in references {
            let s = statistics(candidate: candidate, reference: ref)
            if best == nil || s.score > best!.score { best = s }
        }
        return best!
    }

    /// Corpus score from the summed statistics.
    public static func score(candidates: [[String]], references: [[[String]]]) -> Double {
        precondition(candidates.count == references.count, "\(candidates.count) candidates for \(references.count) reference sets")
        guard !candidates.isEmpty else { return 0 }
        return zip(candidates, references).map { statistics(candidate: $0, references: $1) }.reduce(
            Statistics(matches: 0, chunks: 0, candidateLength: 0, referenceLength: 0), +).score
    }

    static func statistics(candidate: [String], reference: [String]) -> Statistics {
        let mapping = alignment(candidate, reference)
        return Statistics(matches: mapping.count, chunks: chunks(mapping), candidateLength: candidate.count, referenceLength: reference.count)
    }

    /// Chunks of an alignment given as (candidate index, reference index) pairs.
    static func chunks(_ mapping: [(Int, Int)]) -> Int {
        let sorted = mapping.sorted { $0.0 < $1.0 }
        guard !sorted.isEmpty else { return 0 }
        var count = 1
        for (a, b) in zip(sorted, sorted.dropFirst()) where !(b.0 == a.0 + 1 && b.1 == a.1 + 1) { count += 1 }
        return count
    }

    /// Number of crossing pairs of mappings.
    static func crossings(_ mapping: [(Int, Int)]) -> Int {
        var n = 0
        for i in mapping.indices {
            for j in mapping.indices where j > i {
                let (a, b) = (mapping[i], mapping[j])
                if (a.0 - b.0) * (a.1 - b.1) < 0 { n += 1 }
            }
        }
        return n
    }

    /// The maximum alignment with (locally) fewest crossings, as (candidate, reference) pairs.
    static func alignment(_ candidate: [String], _ reference: [String]) -> [(Int, Int)] {
        var candidatePositions: [String: [Int]] = [:], referencePositions: [String: [Int]] = [:]
        for (i, w) in candidate.enumerated() { candidatePositions[w, default: []].append(i) }
        for (j, w) in reference.enumerated() { referencePositions[w, default: []].append(j) }
        let words = candidatePositions.keys.filter { referencePositions[$0] != nil }.sorted()
        // Initial choice: the first occurrences, in order.
        var lines: [String: [(Int, Int)]] = [:]
        for w in words {
            let (h, r) = (candidatePositions[w]!, referencePositions[w]!)
            let m = Swift.min(h.count, r.count)
            lines[w] = (0..<m).map { (h[$0], r[$0]) }
        }
        let ambiguous = words.filter { candidatePositions[$0]!.count != referencePositions[$0]!.count }
        for _ in 0..<10 {
            var improved = false
            for w in ambiguous {
                let others = words.filter { $0 != w }.flatMap { lines[$0]! }
                func cost(_ line: (Int, Int)) -> Int {
                    others.reduce(0) { $0 + ((line.0 - $1.0) * (line.1 - $1.1) < 0 ? 1 : 0) }
                }
                let current = lines[w]!.reduce(0) { $0 + cost($1) }
                let chosen = bestSubset(candidatePositions[w]!, referencePositions[w]!, cost: cost)
                if chosen.cost < current {
                    lines[w] = chosen.lines
                    improved = true
                }
            }
            if !improved { break }
        }
        return words.flatMap { lines[$0]! }
    }

    /// Maps the shorter list of positions in order onto a subset of the longer one, choosing
    /// the subset of least total `cost` (dynamic programme over (position, mapped so far)).
    static func bestSubset(_ h: [Int], _ r: [Int], cost: ((Int, Int)) -> Int) -> (lines: [(Int, Int)], cost: Int) {
        let flip = h.count < r.count
        let (long, short) = flip ? (r, h) : (h, r)
        let (n, m) = (long.count, short.count)
        func line(_ i: Int, _ k: Int) -> (Int, Int) { flip ? (short[k], long[i]) : (long[i], short[k]) }
        let infinity = Int.max / 4
        // best[i][k]: least cost mapping the first k short positions within the first i long ones.
        var best = [[Int]](repeating: [Int](repeating: infinity, count: m + 1), count: n + 1)
        var took = [[Bool]](repeating: [Bool](repeating: false, count: m + 1), count: n + 1)
        for i in 0...n { best[i][0] = 0 }
        if m > 0, n > 0 {
            for i in 1...n {
                for k in 1...Swift.min(i, m) {
                    let skip = best[i - 1][k]
                    let take = best[i - 1][k - 1] == infinity ? infinity : best[i - 1][k - 1] + cost(line(i - 1, k - 1))
                    if take <= skip {
                        best[i][k] = take
                        took[i][k] = true
                    } else {
                        best[i][k] = skip
                    }
                }
            }
        }
        var lines: [(Int, Int)] = []
        var (i, k) = (n, m)
        while k > 0 {
            if took[i][k] {
                lines.append(line(i - 1, k - 1))
                k -= 1
            }
            i -= 1
        }
        return (lines.reversed(), best[n][m])
    }
}
