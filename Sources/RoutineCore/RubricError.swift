import Foundation

/// A rubric, dataset or manifest that cannot be used: one line naming the file (and the line
/// or entry) and the reason.
public struct RoutineCoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}
