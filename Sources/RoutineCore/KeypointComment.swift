/// What was done well and what to improve on one body-part dimension (TechCoach's
/// keypoint-level commentary): in ground-truth annotations and in assessment results alike.
public struct KeypointComment: Codable, Equatable, Sendable {
    public var strength: String?
    public var weakness: String?

    public init(strength: String? = nil, weakness: String? = nil) {
        self.strength = strength
        self.weakness = weakness
    }
}
