import CSV
import Foundation
import RoutineCore

/// The aggregate outputs of a batch: `results.json` (every routine, ranked, sorted, stable
/// bytes: sorted keys, snake_case, no timestamps) and `results.csv` (one row per routine).
public enum ResultsWriter {
    public static func jsonEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    public static func jsonDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    public static let csvHeader = ["athlete", "club", "event", "level", "score", "score_low", "score_high", "execution",
                                   "difficulty", "deductions", "rank", "passed", "needs_review", "file"]

    /// The bytes of `results.json` for these results (ranked and sorted here).
    public static func json(_ results: [AssessmentResult]) throws -> Data {
        var data = try jsonEncoder().encode(AssessmentResult.ranked(results))
        data.append(0x0A)
        return data
    }

    /// The text of `results.csv` (RFC 4180 quoting by CSV.swift).
    public static func csv(_ results: [AssessmentResult]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: csvHeader)
        for r in AssessmentResult.ranked(results) {
            try writer.write(row: [
                r.athlete, r.club ?? "", r.event, r.level.map(String.init) ?? "", points(r.score), points(r.scoreLow),
                points(r.scoreHigh), points(r.execution), points(r.difficulty), points(r.deductions), r.rank.map(String.init) ?? "",
                r.passed.map { $0 ? "yes" : "no" } ?? "", String(r.penalties.filter(\.needsReview).count), r.videos.first ?? "",
            ])
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func points(_ x: Double) -> String { String(format: "%.2f", x) }

    /// Writes both files into `out`, atomically.
    public static func write(_ results: [AssessmentResult], to out: URL) throws {
        try AtomicFile.write(try json(results), to: out.appendingPathComponent("results.json"))
        try AtomicFile.write(try csv(results), to: out.appendingPathComponent("results.csv"))
    }
}
