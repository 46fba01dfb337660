import Foundation

/// Multinomial naive Bayes over word features with Laplace smoothing (α = 1) and uniform
/// class priors (every dimension or polarity is as likely a priori, whatever the rubric's
/// number of phrases for it): the class maximising Σ log P(word | class). Features never seen
/// in training are ignored.
struct NaiveBayes<Label: Hashable & Comparable & Sendable>: Sendable {
    private let labels: [Label]
    private let logLikelihood: [Label: [String: Double]]
    private let unseen: [Label: Double]

    init(examples: [(Label, [String])]) {
        var counts: [Label: [String: Double]] = [:]
        var vocabulary = Set<String>()
        for (label, features) in examples {
            for f in features { counts[label, default: [:]][f, default: 0] += 1 }
            vocabulary.formUnion(features)
            if counts[label] == nil { counts[label] = [:] }
        }
        labels = counts.keys.sorted()
        let v = Double(vocabulary.count)
        var ll: [Label: [String: Double]] = [:], floor: [Label: Double] = [:]
        for (label, c) in counts {
            let total = c.values.reduce(0, +)
            ll[label] = c.mapValues { log(($0 + 1) / (total + v)) }
            floor[label] = log(1 / (total + v))
        }
        logLikelihood = ll
        unseen = floor
        known = vocabulary
    }

    private let known: Set<String>

    /// The most likely class of `features`, nil when none of them was seen in training.
    func classify(_ features: [String]) -> Label? {
        let seen = features.filter(known.contains)
        guard !seen.isEmpty else { return nil }
        var best: (Double, Label)?
        for label in labels {
            let table = logLikelihood[label]!
            let score = seen.reduce(0) { $0 + (table[$1] ?? unseen[label]!) }
            if best == nil || score > best!.0 { best = (score, label) }
        }
        return best?.1
    }
}
