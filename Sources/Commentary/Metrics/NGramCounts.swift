/// Counts of the n-grams (n = 1…order) of a token sequence, the statistic BLEU and CIDEr-D
/// are built from.
struct NGramCounts {
    /// counts[n − 1][gram] = occurrences of the n-gram `gram` (tokens joined by a space).
    let counts: [[String: Int]]
    let length: Int

    init(_ tokens: [String], order: Int) {
        var counts = [[String: Int]](repeating: [:], count: order)
        for n in 1...order where tokens.count >= n {
            for i in 0...(tokens.count - n) {
                counts[n - 1][tokens[i..<(i + n)].joined(separator: " "), default: 0] += 1
            }
        }
        self.counts = counts
        length = tokens.count
    }
}
