import Foundation
import RoutineCore

/// `routine merge OUT1 OUT2 … --out OUT`: combines the result records of shard runs into one
/// `results.json` / `results.csv` (ranks recomputed over everything). A routine present in two
/// shard folders is a configuration error (the shards overlap).
public struct MergeJob {
    public var inputs: [URL]
    public var out: URL

    public init(inputs: [URL], out: URL) {
        self.inputs = inputs
        self.out = out
    }

    /// Reads every shard's records and returns the merged results.
    public func collect() throws -> [AssessmentResult] {
        guard !inputs.isEmpty else { throw BatchError.usage("merge: give at least one shard output folder") }
        var seen: [String: URL] = [:]
        var results: [AssessmentResult] = []
        let decoder = ResultsWriter.jsonDecoder()
        for folder in inputs {
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(".results").path) else {
                throw BatchError.usage("\(folder.path): not an output folder of `routine report` (no .results/)")
            }
            for (id, data) in try BatchRunner.storedResults(in: folder) {
                if let other = seen[id] {
                    throw BatchError.configuration("routine '\(id)' is in both \(other.path) and \(folder.path): the shards overlap")
                }
                seen[id] = folder
                do {
                    results.append(try Self.result(from: data, decoder: decoder))
                } catch {
                    throw BatchError.configuration("\(folder.path): the result of '\(id)' cannot be read (\(error)); re-run that shard")
                }
            }
        }
        return results
    }

    /// The result inside a stored record (a full ``RoutineRecord`` or a bare result).
    static func result(from data: Data, decoder: JSONDecoder) throws -> AssessmentResult {
        if let record = try? decoder.decode(RoutineRecord.self, from: data) { return record.result }
        return try decoder.decode(AssessmentResult.self, from: data)
    }

    /// Collects and writes the merged files; returns the number of routines.
    @discardableResult
    public func run() throws -> Int {
        let results = try collect()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try ResultsWriter.write(results, to: out)
        return results.count
    }
}
