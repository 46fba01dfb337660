import Foundation
import Testing
import TestSupport
@testable import Features

@Suite("Content hash")
struct ContentHashTests {
    @Test func sameBytesSameDigestAndAnEditIsSeen() throws {
        let dir = try TemporaryDirectory()
        let a = dir.url.appendingPathComponent("a.bin"), b = dir.url.appendingPathComponent("b.bin")
        try Data("routine".utf8).write(to: a)
        try Data("routine".utf8).write(to: b)
        // FNV-1a 64 of "routine", then the length
        let expected = ContentHash.of("routine") + "-7"
        #expect(try ContentHash.of(file: a) == expected)
        #expect(try ContentHash.of(file: a) == expected)  // remembered
        #expect(try ContentHash.of(file: b) == expected)  // renamed copy: same digest
        try Data("routines!".utf8).write(to: a, options: .atomic)
        #expect(try ContentHash.of(file: a) == ContentHash.compute(a))
        #expect(try ContentHash.of(file: a) != expected)
        #expect(throws: FeatureError.self) { try ContentHash.of(file: dir.url.appendingPathComponent("missing.bin")) }
    }
}
