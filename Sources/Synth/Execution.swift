/// How one element is performed: all zero is a perfect execution; each field is the visible
/// size of one fault of the rubric (degrees unless noted).
public struct Execution: Sendable, Equatable {
    /// Landing after the element.
    public enum Landing: Sendable, Equatable {
        case stuck
        case steps(Int)
        /// A hop of this height (metres).
        case hop(Double)
        case handsDown
        case fall
    }

    public var kneeBend = 0.0
    public var elbowBend = 0.0
    /// Extra sideways opening of each leg where the legs should be together.
    public var legGap = 0.0
    /// Extra foot flexion where the feet should be pointed.
    public var footFlex = 0.0
    /// Degrees missing from the split.
    public var splitShort = 0.0
    /// Pike (positive) or arch (negative) where the body should be straight.
    public var bodyLine = 0.0
    /// Amplitude of the torso's sway in holds and landings.
    public var wobble = 0.0
    /// Multiplier of the flight apex (1: full height).
    public var heightFactor = 1.0
    /// Head dropped forward.
    public var headDrop = 0.0
    public var landing = Landing.stuck

    public init() {}

    public static let perfect = Execution()
}
