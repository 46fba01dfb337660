import Foundation
import RoutineCore

/// Shared test inputs: the shipped rubrics and a small hand-written one.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("Templates")

    static func rubric(_ event: String) throws -> Rubric {
        try Rubric.load(templates.appendingPathComponent("rubrics/\(event).yaml"))
    }
}
