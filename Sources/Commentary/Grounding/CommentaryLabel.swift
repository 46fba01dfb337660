import RoutineCore

/// The ground-truth commentary of one routine: the paragraph and, per dimension, the
/// keypoint-level strength and/or weakness sentence (TechCoach's hierarchical commentary).
public struct CommentaryLabel: Codable, Equatable, Sendable {
    public var paragraph: String
    public var keypoints: [BodyDimension: Annotation.Keypoint]

    public init(paragraph: String, keypoints: [BodyDimension: Annotation.Keypoint]) {
        self.paragraph = paragraph
        self.keypoints = keypoints
    }

    /// From an annotation's commentary; keys that are not dimension ids are dropped
    /// (``Annotation/validate(rubric:place:)`` rejects them earlier).
    public init(_ commentary: Annotation.Commentary) {
        paragraph = commentary.paragraph
        var k: [BodyDimension: Annotation.Keypoint] = [:]
        for (key, value) in commentary.keypoints {
            if let d = BodyDimension(rawValue: key) { k[d] = value }
        }
        keypoints = k
    }

    /// Per dimension, the polarities the ground truth states (empty dimensions left out).
    public var polarities: [BodyDimension: Set<Polarity>] {
        var result: [BodyDimension: Set<Polarity>] = [:]
        for (d, k) in keypoints {
            var s = Set<Polarity>()
            if let t = k.strength, !t.isEmpty { s.insert(.strength) }
            if let t = k.weakness, !t.isEmpty { s.insert(.weakness) }
            if !s.isEmpty { result[d] = s }
        }
        return result
    }

    /// The keypoint sentence of `dimension` for `polarity`, if the ground truth has one.
    public func sentence(_ dimension: BodyDimension, _ polarity: Polarity) -> String? {
        let k = keypoints[dimension]
        let text = polarity == .strength ? k?.strength : k?.weakness
        return text?.isEmpty == false ? text : nil
    }
}
