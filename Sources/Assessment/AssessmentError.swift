import Foundation

/// Why the assessment could not run; one line each, naming the file where there is one.
public enum AssessmentError: Error, CustomStringConvertible, Equatable {
    case unknownLabel(String, rubric: String)
    case rubricMismatch(model: String, modelRubric: String, rubric: String)
    case invalidModel(file: String, reason: String)
    case tokenShape(expected: String, found: String)
    case emptyDataset(String)
    case unsupportedOptions(String)

    public var description: String {
        switch self {
        case let .unknownLabel(what, rubric):
            return "\(what) is not in the rubric '\(rubric)'"
        case let .rubricMismatch(model, modelRubric, rubric):
            return "\(model): the model was trained on rubric '\(modelRubric)', not '\(rubric)'; train a model for this rubric or pass the matching --rubric"
        case let .invalidModel(file, reason):
            return "\(file): \(reason)"
        case let .tokenShape(expected, found):
            return "clip tokens are \(found), the model expects \(expected) (features made by another extractor version?)"
        case let .emptyDataset(what):
            return "\(what): no routines to train or evaluate on"
        case let .unsupportedOptions(why):
            return why
        }
    }
}

extension AssessmentError: LocalizedError {
    public var errorDescription: String? { description }
}
