import Testing
@testable import Batch

@Suite("Shards")
struct ShardTests {
    @Test func parsesAndRejects() throws {
        #expect(try Shard(parsing: "2/8") == Shard(uncheckedIndex: 2, count: 8))
        for bad in ["0/4", "5/4", "x/4", "2", "2/0", "/"] {
            #expect(throws: BatchError.self) { try Shard(parsing: bad) }
        }
    }

    @Test func shardsPartitionTheRoutinesStably() throws {
        let names = (0..<500).map { "athlete-\($0)/routine" }
        let shards = try (1...4).map { try Shard(parsing: "\($0)/4") }
        for name in names {
            #expect(shards.filter { $0.contains(name) }.count == 1)
        }
        let sizes = shards.map { s in names.filter { s.contains($0) }.count }
        #expect(sizes.allSatisfy { $0 > 80 })  // roughly balanced: 125 expected each
        // FNV-1a 64 of "a" (published test vector)
        #expect(Shard.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
