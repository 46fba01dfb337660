/// One labelled routine for training or evaluation: its tokens and its ground truth.
public struct TrainingExample: Sendable {
    public var id: String
    public var athlete: String
    public var tokens: ClipTokens
    public var targets: RoutineTargets

    public init(id: String, athlete: String, tokens: ClipTokens, targets: RoutineTargets) {
        self.id = id
        self.athlete = athlete
        self.tokens = tokens
        self.targets = targets
    }
}
