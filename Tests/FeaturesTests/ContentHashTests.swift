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
        // Known answer from an independent implementation (Python) of the documented digest.
        let expected = "191242d963f9319c-7"
        #expect(try ContentHash.of(file: a) == expected)
        #expect(try ContentHash.of(file: a) == expected)  // remembered
        #expect(try ContentHash.of(file: b) == expected)  // renamed copy: same digest
        try Data("routines!".utf8).write(to: a, options: .atomic)
        #expect(try ContentHash.of(file: a) == ContentHash.compute(a))
        #expect(try ContentHash.of(file: a) != expected)
        #expect(throws: FeatureError.self) { try ContentHash.of(file: dir.url.appendingPathComponent("missing.bin")) }
    }

    /// Blocks straddling the chunks the file is read in give the digest of the whole.
    @Test func chunkBoundariesDoNotChangeTheDigest() {
        let bytes = (0..<100).map { UInt8($0) }
        #expect(ContentHash.of(bytes: bytes) == "ab1478909f0ff104-64")  // known answer, Python
        var split = ContentHash.Digest()
        split.add(Data(bytes[0..<13]))
        split.add(Data(bytes[13..<45]))
        split.add(Data(bytes[45...]))
        #expect(split.finish() == "ab1478909f0ff104-64")
    }
}
