import Testing
@testable import Commentary
