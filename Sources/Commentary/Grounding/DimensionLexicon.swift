import Foundation
import RoutineCore

/// Tells which body-part dimension a sentence talks about and whether it praises or criticises
/// it, from the rubric's own phrases — the grounded stand-in for TechCoach's GPT-M/GPT-Q judge.
///
/// Each rubric phrase is a labelled example: the dimension praise and the items' strength
/// phrases are strengths of their dimension, the items' weakness phrases (every severity) and
/// advice lines weaknesses. Text is cut into clauses (sentences split at ';' and before a
/// contrast word such as "but"); words with digits (cited times, deductions) are ignored.
/// A clause that is nearly one of the phrases (TF-IDF cosine over unigrams and bigrams ≥
/// ``nearMatch``) takes that phrase's polarity, and its dimension unless the clause names
/// exactly one dimension and the phrase names others. Otherwise it mentions a dimension only when it
/// holds a *dimension word* — one that names a dimension or whose uses in the phrases fall
/// (at least twice, ≥ 75 %) on one dimension — and two multinomial naive Bayes models trained on the phrases
/// (Laplace smoothing) give the dimension (unigrams) and the polarity (unigrams and bigrams).
/// *Neutral* sentences (the templates' own words around the phrases: "This routine scores …")
/// are examples of talking about no dimension: a clause nearer to one of them than to every
/// labelled phrase mentions nothing.
public struct DimensionLexicon: Sendable {
    /// One labelled example.
    public struct Phrase: Sendable {
        public var dimension: BodyDimension
        public var polarity: Polarity
        public var text: String
        /// The rubric item whose weakness or advice this is (nil for praise).
        public var item: String?

        public init(dimension: BodyDimension, polarity: Polarity, text: String, item: String? = nil) {
            self.dimension = dimension
            self.polarity = polarity
            self.text = text
            self.item = item
        }
    }

    /// What a clause was found to say.
    public struct Mention: Equatable, Sendable {
        public var dimension: BodyDimension
        public var polarity: Polarity
        /// Cosine similarity to the nearest phrase.
        public var similarity: Double
        /// The clause, as text.
        public var clause: String
        /// The rubric item of the phrase the clause nearly is, when it is nearly an item's
        /// weakness or advice.
        public var item: String? = nil
    }

    public let phrases: [Phrase]
    /// Words that point to one dimension (names and words used mostly for it).
    public let dimensionWords: [String: BodyDimension]
    /// Words that name exactly one dimension.
    public let dimensionNameWords: [String: BodyDimension]
    /// Words before which a new clause starts.
    public let contrastWords: Set<String>
    /// Cosine similarity from which a clause counts as a rubric phrase.
    public var nearMatch = 0.6
    /// Cosine similarity from which a clause nearer to a neutral sentence is neutral.
    public var neutralMatch = 0.3

    private let idf: [String: Double]
    private let unseenIDF: Double
    private let vectors: [SparseVector]
    private let neutralVectors: [SparseVector]
    /// Per phrase, the dimensions its words name.
    private let phraseNames: [Set<BodyDimension>]
    private let dimensionModel: NaiveBayes<BodyDimension>
    private let polarityModel: NaiveBayes<Polarity>

    /// English words for the parts of each dimension, added to a rubric's dimension names.
    public static let englishBodyWords: [BodyDimension: [String]] = [
        .headAndEyes: ["head", "eye", "gaze", "chin", "neck", "look", "focus"],
        .torsoAndCore: ["torso", "core", "trunk", "chest", "hip", "back", "tension"],
        .armsAndElbows: ["arm", "elbow", "shoulder"],
        .wristsAndHands: ["wrist", "hand", "finger", "grip", "palm"],
        .legsAndKnees: ["leg", "knee", "thigh"],
        .feetAndHeels: ["foot", "feet", "heel", "toe", "ankle", "landing"],
        .apparatus: ["apparatus", "rhythm", "flow", "beam", "mat", "table"],
    ]

    public static let defaultContrastWords: Set<String> = ["but", "however", "although", "while", "aber", "jedoch", "während", "mais", "cependant"]

    /// From labelled phrases and, per dimension, the words that name it.
    public init(phrases: [Phrase], dimensionNames: [BodyDimension: [String]], neutral: [String] = [],
                contrastWords: Set<String> = defaultContrastWords) {
        self.phrases = phrases
        self.contrastWords = contrastWords
        let words = phrases.map { Self.content(TextTokenizer.words($0.text)) }
        var named: [(BodyDimension, [String])] = []
        for d in BodyDimension.allCases {
            for name in dimensionNames[d] ?? [] { named.append((d, Self.content(TextTokenizer.words(name)))) }
        }
        // Dimension words: names of one dimension, and words used (≥ 75 %) for one dimension.
        var uses: [String: [BodyDimension: Int]] = [:]
        for (p, w) in zip(phrases, words) { for x in Set(w) { uses[x, default: [:]][p.dimension, default: 0] += 1 } }
        var pointers: [String: BodyDimension] = [:]
        for (x, byDimension) in uses {
            let total = byDimension.values.reduce(0, +)
            if x.count > 2, total >= 2, let top = byDimension.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
               Double(top.value) >= 0.75 * Double(total) {
                pointers[x] = top.key
            }
        }
        var owners: [String: Set<BodyDimension>] = [:]
        for (d, w) in named { for x in w where x.count > 2 { owners[x, default: []].insert(d) } }
        var nameWords: [String: BodyDimension] = [:]
        for (x, o) in owners where o.count == 1 { nameWords[x] = o.first! }
        dimensionNameWords = nameWords
        dimensionWords = pointers.merging(nameWords) { $1 }
        phraseNames = words.map { Set($0.compactMap { nameWords[$0] }) }
        dimensionModel = NaiveBayes(examples: zip(phrases, words).map { ($0.dimension, $1) } + named.map { ($0, $1) })
        polarityModel = NaiveBayes(examples: zip(phrases, words).map { ($0.polarity, Self.bigrams($1)) })
        let features = words.map(Self.features)
        let neutralFeatures = neutral.map { Self.features(Self.content(TextTokenizer.words($0))) }
        var df: [String: Double] = [:]
        for f in features + neutralFeatures { for k in f.keys { df[k, default: 0] += 1 } }
        let n = Double(features.count + neutralFeatures.count)
        let idf = df.mapValues { log((n + 1) / ($0 + 1)) + 1 }
        self.idf = idf
        let unseen = idf.values.max() ?? 1
        unseenIDF = unseen
        vectors = features.map { Self.weigh($0, idf: idf, unseen: unseen) }
        neutralVectors = neutralFeatures.map { Self.weigh($0, idf: idf, unseen: unseen) }
    }

    /// From a rubric: its dimension praise, item phrases and advice, and the dimension names
    /// (``standardDimensionNames``).
    public init(rubric: Rubric, neutral: [String] = [], contrastWords: Set<String> = defaultContrastWords) {
        self.init(phrases: Self.phrases(of: rubric), dimensionNames: Self.standardDimensionNames, neutral: neutral, contrastWords: contrastWords)
    }

    /// A rubric's phrases, labelled: dimension praise and item strengths are strengths; item
    /// weaknesses (every severity) and advice are weaknesses.
    public static func phrases(of rubric: Rubric) -> [Phrase] {
        var phrases: [Phrase] = []
        for d in BodyDimension.allCases {
            for s in rubric.dimensions[d]?.strengths ?? [] { phrases.append(Phrase(dimension: d, polarity: .strength, text: s)) }
        }
        for item in rubric.penalties {
            for s in item.strengths { phrases.append(Phrase(dimension: item.dimension, polarity: .strength, text: s)) }
            for d in item.deductions.sorted() {
                for s in item.weaknesses.first(where: { abs($0.key - d) < 1e-9 })?.value ?? [] {
                    phrases.append(Phrase(dimension: item.dimension, polarity: .weakness, text: s, item: item.id))
                }
            }
            for s in item.advice { phrases.append(Phrase(dimension: item.dimension, polarity: .weakness, text: s, item: item.id)) }
        }
        return phrases
    }

    /// Per dimension: its title, its id's words and ``englishBodyWords``.
    public static var standardDimensionNames: [BodyDimension: [String]] {
        Dictionary(uniqueKeysWithValues: BodyDimension.allCases.map {
            ($0, [$0.title, $0.rawValue.replacingOccurrences(of: "_", with: " ")] + (englishBodyWords[$0] ?? []))
        })
    }

    /// Clauses of a text: sentences split at ';' and before a contrast word; each as its words.
    public func clauses(_ text: String) -> [[String]] {
        var result: [[String]] = []
        for sentence in TextTokenizer.sentences(text) {
            var current: [String] = []
            for token in sentence {
                if token == ";" || (contrastWords.contains(token) && current.contains(where: { !TextTokenizer.isPunctuation($0) })) {
                    if current.contains(where: { !TextTokenizer.isPunctuation($0) }) { result.append(current) }
                    current = token == ";" ? [] : [token]
                    continue
                }
                current.append(token)
            }
            if current.contains(where: { !TextTokenizer.isPunctuation($0) }) { result.append(current) }
        }
        return result.map { $0.filter { !TextTokenizer.isPunctuation($0) } }
    }

    /// What one clause (its words) says, or nil when it is about no dimension.
    public func classify(_ clauseWords: [String]) -> Mention? {
        let words = Self.content(clauseWords)
        let clause = clauseWords.joined(separator: " ")
        let v = Self.weigh(Self.features(words), idf: idf, unseen: unseenIDF)
        var best = 0.0, bestIndex = -1
        for (i, p) in vectors.enumerated() {
            let s = Self.cosine(v, p)
            if s > best { best = s; bestIndex = i }
        }
        let nearestNeutral = neutralVectors.map { Self.cosine(v, $0) }.max() ?? 0
        if nearestNeutral > best, nearestNeutral >= neutralMatch { return nil }
        let named = Set(words.compactMap { dimensionNameWords[$0] })
        if bestIndex >= 0, best >= nearMatch {
            // "A small bend shows in the elbows" is near the knees' phrase but names other body
            // parts; a phrase that itself names a part of another dimension ("fix the eyes …"
            // as advice on balance) keeps its own dimension.
            let dimension = named.count == 1 && named != phraseNames[bestIndex] ? named.first! : phrases[bestIndex].dimension
            return Mention(dimension: dimension, polarity: phrases[bestIndex].polarity, similarity: best, clause: clause,
                           item: dimension == phrases[bestIndex].dimension ? phrases[bestIndex].item : nil)
        }
        guard named.count == 1 || words.contains(where: { dimensionWords[$0] != nil }),
              let polarity = polarityModel.classify(Self.bigrams(words)) else { return nil }
        // A clause that names exactly one dimension is about it; otherwise the dimension model decides.
        guard let dimension = named.count == 1 ? named.first : dimensionModel.classify(words) else { return nil }
        return Mention(dimension: dimension, polarity: polarity, similarity: best, clause: clause)
    }

    /// Every dimension mention in a text, clause by clause.
    public func mentions(in text: String) -> [Mention] {
        clauses(text).compactMap(classify)
    }

    /// Per dimension, the polarities a text expresses.
    public func polarities(in text: String) -> [BodyDimension: Set<Polarity>] {
        var result: [BodyDimension: Set<Polarity>] = [:]
        for m in mentions(in: text) { result[m.dimension, default: []].insert(m.polarity) }
        return result
    }

    // MARK: - TF-IDF

    /// Words without digits (times and deductions say when and how much, not what), with
    /// English plural endings removed ("knees" → "knee", "ankles" → "ankle").
    static func content(_ words: [String]) -> [String] { words.filter { !$0.contains(where: \.isNumber) }.map(stem) }

    static func stem(_ w: String) -> String {
        if w.count > 4, w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.count > 4, w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") || w.hasSuffix("sses") { return String(w.dropLast(2)) }
        if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { return String(w.dropLast()) }
        return w
    }

    /// Unigrams and bigrams.
    static func bigrams(_ words: [String]) -> [String] { words + zip(words, words.dropFirst()).map { $0 + " " + $1 } }

    static func features(_ words: [String]) -> [String: Double] {
        var f: [String: Double] = [:]
        for w in bigrams(words) { f[w, default: 0] += 1 }
        return f
    }

    /// Unknown features get `unseen` (the largest IDF): they make a clause less like every phrase.
    static func weigh(_ f: [String: Double], idf: [String: Double], unseen: Double) -> SparseVector {
         SparseVector(f.map { ($0.key, $0.value * (idf[$0.key] ?? unseen)) })
    }

    static func cosine(_ a: SparseVector, _ b: SparseVector) -> Double {
        var dot = 0.0
        for (k, v) in a.entries { if let w = b.lookup[k] { dot += v * w } }
        return a.norm > 0 && b.norm > 0 ? dot / (a.norm * b.norm) : 0
    }
}

/// A TF-IDF vector with its entries in key order, so sums (and so results) do not depend on
/// dictionary order, which changes from run to run.
struct SparseVector: Sendable {
    let entries: [(String, Double)]
    let lookup: [String: Double]
    let norm: Double

    init(_ values: [(String, Double)]) {
        entries = values.sorted { $0.0 < $1.0 }
        lookup = Dictionary(values, uniquingKeysWith: +)
        norm = entries.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
    }
}
