/// A body-part dimension of the technique, after TechCoach: every penalty item and every
/// commentary sentence belongs to exactly one.
public enum BodyDimension: String, CaseIterable, Codable, Sendable, Comparable {
    case headAndEyes = "head_eyes"
    case torsoAndCore = "torso_core"
    case armsAndElbows = "arms_elbows"
    case wristsAndHands = "wrists_hands"
    case legsAndKnees = "legs_knees"
    case feetAndHeels = "feet_heels"
    case apparatus = "apparatus"

    /// The name shown to people.
    public var title: String {
        switch self {
        case .headAndEyes: return "Head & eyes"
        case .torsoAndCore: return "Torso & core"
        case .armsAndElbows: return "Arms & elbows"
        case .wristsAndHands: return "Wrists & hands"
        case .legsAndKnees: return "Legs & knees"
        case .feetAndHeels: return "Feet & heels"
        case .apparatus: return "Apparatus interaction"
        }
    }

    /// Order of declaration, so tables list dimensions head to toe.
    public static func < (lhs: BodyDimension, rhs: BodyDimension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
