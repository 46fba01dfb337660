/// The decoder's word-level vocabulary, built from the training commentary with
/// ``TextTokenizer/tokens(_:)`` (punctuation kept, so the decoder writes sentences).
///
/// Numbers are *delexicalised* (as data-to-text generators do): a token with digits becomes a
/// slot — `<time>` for a moment ("0:04.2"), `<score>` for a two-decimal score ("9.35"),
/// `<count>` for a whole number, `<number>` for any other ("0.3") — and ``SlotFilling`` puts
/// the assessment's own figures back, so the learned text never invents a time or a score.
/// A whole number that is part of the rubric's own wording ("short of 180 degrees") is a
/// *literal*: kept as a word, or the filler would put the deduction count in its place.
/// Ids: 0 `<bos>`, 1 `<eos>`, 2 `<unk>`, then the slots, then words by descending frequency
/// (ties alphabetical), so the same commentary gives the same vocabulary.
public struct Vocabulary: Codable, Equatable, Sendable {
    public static let begin = "<bos>", end = "<eos>", unknown = "<unk>"
    public static let time = "<time>", score = "<score>", count = "<count>", number = "<number>"
    public static let specials = [begin, end, unknown, time, score, count, number]

    /// Token of each id.
    public let words: [String]
    private let ids: [String: Int]
    /// The numbers this vocabulary holds as words.
    public let literals: Set<String>

    public var beginID: Int { 0 }
    public var endID: Int { 1 }
    public var unknownID: Int { 2 }
    public var size: Int { words.count }

    /// From training texts: words seen at least `minimumCount` times, at most `maximumSize` in
    /// all; `literals` are the numbers kept as words (``literalNumbers(in:)``).
    public init(texts: [String], literals: Set<String> = [], minimumCount: Int = 1, maximumSize: Int = 10_000) {
        var counts: [String: Int] = [:]
        for text in texts { for t in Self.tokens(text, literals: literals) where !Self.specials.contains(t) { counts[t, default: 0] += 1 } }
        let kept = counts.filter { $0.value >= minimumCount }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        self.init(words: Self.specials + kept.prefix(Swift.max(0, maximumSize - Self.specials.count)))
    }

    public init(words: [String]) {
        precondition(Array(words.prefix(Self.specials.count)) == Self.specials, "a vocabulary starts with \(Self.specials)")
        self.words = words
        literals = Set(words.dropFirst(Self.specials.count).filter { $0.contains(where: \.isNumber) })
        ids = Dictionary(words.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public init(from decoder: Decoder) throws {
        self.init(words: try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(words)
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }

    /// Tokens of a text, numbers replaced by their slot unless they are among `literals`.
    public static func tokens(_ text: String, literals: Set<String> = []) -> [String] {
        TextTokenizer.tokens(text).map { literals.contains($0) ? $0 : slot($0) }
    }

    /// Tokens of a text as this vocabulary reads it (its literal numbers kept).
    public func tokens(_ text: String) -> [String] { Self.tokens(text, literals: literals) }

    /// The whole numbers in `phrases` (a rubric's wording): constants of the commentary, not
    /// figures of an assessment.
    public static func literalNumbers(in phrases: [String]) -> Set<String> {
        Set(phrases.flatMap { TextTokenizer.tokens($0) }.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }

    /// The slot of a token with digits, or the token.
    static func slot(_ token: String) -> String {
        guard token.contains(where: \.isNumber) else { return token }
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), token.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." }) { return time }
        if token.allSatisfy(\.isNumber) { return count }
        if let dot = token.firstIndex(of: "."), token[token.index(after: dot)...].count == 2,
           token.allSatisfy({ $0.isNumber || $0 == "." }) { return score }
        return number
    }

    /// Ids of a text (unknown words → `<unk>`), without `<bos>`/`<eos>`.
    public func encode(_ text: String) -> [Int] { tokens(text).map { ids[$0] ?? unknownID } }

    public func id(_ token: String) -> Int? { ids[token] }

    /// Tokens of ids, up to the first `<eos>`, without `<bos>`.
    public func tokens(_ sequence: [Int]) -> [String] {
        var out: [String] = []
        for i in sequence {
            if i == endID { break }
            if i == beginID { continue }
            out.append(words[i])
        }
        return out
    }
}
