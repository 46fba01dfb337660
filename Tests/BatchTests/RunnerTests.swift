import Foundation
import Testing
import TestSupport
@testable import Batch

/// Writes one text file per routine, fails on names containing "bad", counts calls.
final class RecordingProcessor: RoutineProcessor, @unchecked Sendable {
    let lock = NSLock()
    var calls: [String] = []
    var version = "v1"

    func key(for routine: RoutineInput) throws -> String { "\(routine.id)@\(version)" }

    func process(_ routine: RoutineInput, name: String, out: URL) throws -> Data {
        lock.withLock { calls.append(routine.id) }
        if routine.id.contains("bad") { throw BatchError.input(file: routine.views[0].video.path, reason: "not a media file") }
        try AtomicFile.write("report of \(routine.id)\n", to: out.appendingPathComponent("\(name).txt"))
        return Data("{\"id\":\"\(routine.id)\"}".utf8)
    }
}

@Suite("Batch runner")
struct RunnerTests {
    static func items(_ ids: [String], in dir: URL) -> [BatchRunner.Item] {
        ids.map { id in
            BatchRunner.Item(routine: RoutineInput(id: id, views: [.init(name: "main", video: dir.appendingPathComponent("\(id).mp4"), pose: nil)],
                                                   athlete: id), name: id)
        }
    }

    @Test func isolatesFailuresAndResumes() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out")
        let items = Self.items(["a", "bad", "c", "d"], in: dir.url)
        let processor = RecordingProcessor()
        var lines: [String] = []
        let progress = ProgressReporter(total: items.count, label: "report", interactive: false) { lines.append($0) }
        let outcomes = BatchRunner(out: out, jobs: 2, force: false).run(items, processor: processor, progress: progress, log: nil)
        #expect(outcomes[1] == .failed("\(dir.url.path)/bad.mp4: not a media file"))
        #expect(outcomes.filter { $0 == .done }.count == 3)
        let failures = try String(contentsOf: out.appendingPathComponent("failures.txt"), encoding: .utf8)
        #expect(failures == "bad: \(dir.url.path)/bad.mp4: not a media file\n")
        #expect(lines.count == 4 && lines.contains { $0.contains("FAILED bad.mp4") })
        #expect(try BatchRunner.storedResults(in: out).map(\.id) == ["a", "c", "d"])

        // Second run: finished routines are reused, the failed one is tried again.
        processor.calls = []
        let again = BatchRunner(out: out, jobs: 2, force: false).run(items, processor: processor, progress: nil, log: nil)
        #expect(processor.calls == ["bad"])
        #expect(again.filter { $0 == .reused }.count == 3)
        // A changed key (new model) redoes everything; so does --force.
        processor.version = "v2"
        processor.calls = []
        _ = BatchRunner(out: out, jobs: 1, force: false).run(items, processor: processor, progress: nil, log: nil)
        #expect(processor.calls.sorted() == ["a", "bad", "c", "d"])
        processor.calls = []
        _ = BatchRunner(out: out, jobs: 1, force: true).run(items, processor: processor, progress: nil, log: nil)
        #expect(processor.calls.count == 4)
    }

    @Test func atomicWritesLeaveNoPartialFiles() throws {
        let dir = try TemporaryDirectory()
        let target = dir.url.appendingPathComponent("x/report.txt")
        try AtomicFile.write("hello", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "hello")
        // a leftover from a killed run is cleaned up
        let leftover = dir.url.appendingPathComponent("x/.report.pdf.partial-1-2")
        try Data("half".utf8).write(to: leftover)
        AtomicFile.removeLeftovers(in: dir.url)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("x").path) == ["report.txt"])
    }

    @Test func etaClock() {
        #expect(ProgressReporter.clock(75) == "01:15")
        #expect(ProgressReporter.clock(3725) == "1:02:05")
    }
}
