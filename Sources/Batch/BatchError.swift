import Foundation

/// Errors of the batch commands. `usage` and `configuration` stop the run before any work
/// (exit 2); `input` concerns one routine and is recorded while the others go on.
public enum BatchError: Error, CustomStringConvertible, Equatable {
    case usage(String)
    case configuration(String)
    case input(file: String, reason: String)
    case someFailed(Int, log: String)

    public var description: String {
        switch self {
        case let .usage(m), let .configuration(m): return m
        case let .input(file, reason): return "\(file): \(reason)"
        case let .someFailed(n, log): return "\(n) routine\(n == 1 ? "" : "s") failed; see \(log)"
        }
    }

    /// The process exit status DESIGN.md §Command line gives this error.
    public var exitStatus: Int32 {
        switch self {
        case .usage, .configuration: return 2
        case .input, .someFailed: return 1
        }
    }
}

extension BatchError: LocalizedError {
    public var errorDescription: String? { description }
}
