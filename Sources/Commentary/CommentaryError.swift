/// What can go wrong in Commentary, as one line naming the file and the reason.
public enum CommentaryError: Error, CustomStringConvertible, Equatable {
    /// A template is missing or does not parse.
    case template(file: String, reason: String)
    /// A commentary model file is missing, damaged or does not fit the assessment model.
    case invalidModel(file: String, reason: String)
    /// Training or evaluation input that cannot be used.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .template(file, reason): return "\(file): \(reason)"
        case let .invalidModel(file, reason): return "\(file): \(reason)"
        case let .invalidInput(reason): return reason
        }
    }
}
