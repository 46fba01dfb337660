import Testing
@testable import Report
