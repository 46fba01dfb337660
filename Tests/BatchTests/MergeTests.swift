import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Batch

/// Produces an AssessmentResult per routine whose score is derived from its id.
struct ScoringProcessor: RoutineProcessor {
    func key(for routine: RoutineInput) throws -> String { routine.id }
    func process(_ routine: RoutineInput, name: String, out: URL) throws -> Data {
        let score = 8 + Double(routine.id.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 20) / 10
        return try ResultsWriter.jsonEncoder().encode(ResultsWriterTests.result(routine.id, athlete: routine.athlete, score: score))
    }
}

@Suite("Shards and merge")
struct MergeTests {
    @Test func shardRunsMergeIntoTheSameResultsAsOneRun() throws {
        let dir = try TemporaryDirectory()
        let ids = (0..<12).map { "athlete\($0)" }
        let items = RunnerTests.items(ids, in: dir.url)
        let whole = dir.url.appendingPathComponent("whole")
        _ = BatchRunner(out: whole, jobs: 2, force: false).run(items, processor: ScoringProcessor(), progress: nil, log: nil)
        var shardFolders: [URL] = []
        for i in 1...3 {
            let shard = try Shard(parsing: "\(i)/3")
            let folder = dir.url.appendingPathComponent("shard\(i)")
            shardFolders.append(folder)
            _ = BatchRunner(out: folder, jobs: 1, force: false)
                .run(items.filter { shard.contains($0.routine.id) }, processor: ScoringProcessor(), progress: nil, log: nil)
        }
        let merged = dir.url.appendingPathComponent("merged")
        #expect(try MergeJob(inputs: shardFolders, out: merged).run() == 12)
        let single = dir.url.appendingPathComponent("single")
        try MergeJob(inputs: [whole], out: single).run()
        #expect(try Data(contentsOf: merged.appendingPathComponent("results.json")) == Data(contentsOf: single.appendingPathComponent("results.json")))
        #expect(try Data(contentsOf: merged.appendingPathComponent("results.csv")) == Data(contentsOf: single.appendingPathComponent("results.csv")))
        // overlapping shards are refused
        #expect(throws: BatchError.self) { try MergeJob(inputs: [whole, shardFolders[0]], out: merged).collect() }
    }
}
