import Foundation
import RoutineCore
import Testing

@Suite struct BodyDimensionTests {
    @Test func sevenDimensionsHeadToToe() {
        #expect(BodyDimension.allCases.count == 7)
        #expect(BodyDimension.allCases.sorted() == BodyDimension.allCases)
        #expect(BodyDimension.headAndEyes < BodyDimension.feetAndHeels)
    }

    @Test func codesAsItsIdentifier() throws {
        let data = try JSONEncoder().encode([BodyDimension.legsAndKnees])
        #expect(String(decoding: data, as: UTF8.self) == "[\"legs_knees\"]")
        let decoded = try JSONDecoder().decode([BodyDimension].self, from: Data("[\"apparatus\"]".utf8))
        #expect(decoded == [BodyDimension.apparatus])
    }
}
