import RoutineCore

/// TechCoach's GPT-M and GPT-Q (appendix B.1) computed without a language model, from the
/// keypoint labels and a ``DimensionLexicon``:
///
/// - *mention*: per routine, the share of the ground truth's dimensions (those with a strength
///   or weakness sentence) that the text talks about; averaged over routines with any.
/// - *agreement*: per routine, among the dimensions both mention, the share where everything
///   the text says has a polarity the ground truth gives that dimension (praising a dimension
///   the ground truth only criticises, or the reverse, disagrees); averaged over routines with
///   any dimension mentioned by both.
public enum GroundedScores {
    /// (mention, agreement) of `texts` against the keypoint polarities of their ground truth.
    public static func scores(texts: [String], truths: [[BodyDimension: Set<Polarity>]], lexicon: DimensionLexicon) -> (mention: Double, agreement: Double) {
        scores(texts: texts, truths: truths, lexicons: Array(repeating: lexicon, count: texts.count))
    }

    /// The same with each text read by its own lexicon (its routine's rubric).
    public static func scores(texts: [String], truths: [[BodyDimension: Set<Polarity>]], lexicons: [DimensionLexicon]) -> (mention: Double, agreement: Double) {
        precondition(texts.count == truths.count && texts.count == lexicons.count, "\(texts.count) texts for \(truths.count) labels and \(lexicons.count) lexicons")
        var mention: [Double] = [], agreement: [Double] = []
        for (i, (text, truth)) in zip(texts, truths).enumerated() where !truth.isEmpty {
            let said = lexicons[i].polarities(in: text)
            let both = truth.keys.filter { said[$0] != nil }
            mention.append(Double(both.count) / Double(truth.count))
            guard !both.isEmpty else { continue }
            let agreeing = both.filter { said[$0]!.isSubset(of: truth[$0]!) }
            agreement.append(Double(agreeing.count) / Double(both.count))
        }
        func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        return (mean(mention), mean(agreement))
    }
}
