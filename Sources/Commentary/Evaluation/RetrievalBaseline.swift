import Assessment
import Neural

/// The captioning papers' retrieval baseline: a routine gets the ground-truth paragraph of the
/// training routine nearest to it in the assessment model's embedding space — the mean of its
/// memory tokens — by cosine similarity (ties: the smaller id).
public struct RetrievalBaseline: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var embedding: [Float]
        public var paragraph: String
    }

    public let entries: [Entry]

    /// Embeds the training routines that have a label.
    public init(model: TrainedModel, training: [TrainingExample], labels: [String: CommentaryLabel]) throws {
        entries = try training.filter { labels[$0.id] != nil }.sorted { $0.id < $1.id }.map {
            Entry(id: $0.id, embedding: try Self.embedding(model, views: $0.views), paragraph: labels[$0.id]!.paragraph)
        }
        guard !entries.isEmpty else { throw CommentaryError.invalidInput("no training routine with commentary for the retrieval baseline") }
    }

    /// Mean memory token [d] of a routine.
    public static func embedding(_ model: TrainedModel, views: [ClipTokens]) throws -> [Float] {
        try Graph.withoutGradients { try model.network(views).memory.mean(axis: 0).data }
    }

    /// The nearest training routine to an embedding.
    public func nearest(_ embedding: [Float]) -> Entry {
        func cosine(_ a: [Float], _ b: [Float]) -> Double {
            var dot = 0.0, na = 0.0, nb = 0.0
            for (x, y) in zip(a, b) { dot += Double(x * y); na += Double(x * x); nb += Double(y * y) }
            return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : -1
        }
        var best = entries[0], bestScore = cosine(embedding, entries[0].embedding)
        for e in entries.dropFirst() {
            let s = cosine(embedding, e.embedding)
            if s > bestScore { best = e; bestScore = s }
        }
        return best
    }

    /// The paragraph retrieved for a routine.
    public func paragraph(model: TrainedModel, views: [ClipTokens]) throws -> String {
        nearest(try Self.embedding(model, views: views)).paragraph
    }
}
