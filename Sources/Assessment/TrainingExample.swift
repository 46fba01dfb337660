/// One labelled routine for training or evaluation: its tokens (one set per camera view,
/// time-aligned) and its ground truth.
public struct TrainingExample: Sendable {
    public var id: String
    public var athlete: String
    /// Per view, in a fixed order (at least one).
    public var views: [ClipTokens]
    public var targets: RoutineTargets

    /// The first view's tokens.
    public var tokens: ClipTokens { views[0] }

    public init(id: String, athlete: String, views: [ClipTokens], targets: RoutineTargets) {
        precondition(!views.isEmpty, "a routine needs at least one view")
        self.id = id
        self.athlete = athlete
        self.views = views
        self.targets = targets
    }

    public init(id: String, athlete: String, tokens: ClipTokens, targets: RoutineTargets) {
        self.init(id: id, athlete: athlete, views: [tokens], targets: targets)
    }
}
