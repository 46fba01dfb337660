import Foundation

/// What the batch does with one routine. Implementations write the routine's files under
/// `OUT` with ``AtomicFile`` and return its result record (JSON) for the aggregate outputs.
public protocol RoutineProcessor: Sendable {
    /// The key of a routine's result: changes whenever anything that made it changes (video
    /// content, model, rubric, options), so a resumed run redoes exactly the stale routines.
    func key(for routine: RoutineInput) throws -> String
    /// Processes one routine; throws a one-line error (file + reason) when it cannot.
    func process(_ routine: RoutineInput, name: String, out: URL) throws -> Data
}

/// The work queue of `routine report`: runs a processor over routines with N workers, skips
/// routines whose stored result has the current key (resume; `force` redoes them), isolates
/// failures (one line each in the log and `failures.txt`, the rest go on) and keeps every
/// result record at `OUT/.results/NAME.json` for the aggregate outputs and `routine merge`.
public struct BatchRunner {
    public enum Outcome: Sendable, Equatable {
        case done, reused, failed(String)
    }

    public struct Item: Sendable {
        public var routine: RoutineInput
        /// File-system-safe, unique output name.
        public var name: String
    }

    public let out: URL
    public let jobs: Int
    public let force: Bool

    public init(out: URL, jobs: Int, force: Bool) {
        self.out = out
        self.jobs = Swift.max(1, jobs)
        self.force = force
    }

    /// Folder of the per-routine result records.
    public var resultsFolder: URL { out.appendingPathComponent(".results", isDirectory: true) }

    public func resultURL(_ name: String) -> URL { resultsFolder.appendingPathComponent("\(name).json") }

    /// The stored record wraps the processor's result with its key.
    struct Record: Codable {
        var key: String
        var id: String
        var result: Data
    }

    /// Runs everything; returns the outcome per item (in input order).
    public func run(_ items: [Item], processor: RoutineProcessor, progress: ProgressReporter?, log: RunLog?) -> [Outcome] {
        AtomicFile.removeLeftovers(in: out)
        var outcomes = [Outcome?](repeating: nil, count: items.count)
        let lock = NSLock()
        forEachInParallel(items.count, jobs: jobs) { index in
            let outcome = runOne(items[index], processor: processor, progress: progress, log: log)
            lock.withLock { outcomes[index] = outcome }
        }
        let result = outcomes.map { $0! }
        let failures = zip(items, result).compactMap { item, o -> String? in
            if case let .failed(reason) = o { return "\(item.routine.id): \(reason)" }
            return nil
        }
        let failuresURL = out.appendingPathComponent("failures.txt")
        if failures.isEmpty {
            try? FileManager.default.removeItem(at: failuresURL)
        } else {
            try? AtomicFile.write(failures.joined(separator: "\n") + "\n", to: failuresURL)
        }
        return result
    }

    func runOne(_ item: Item, processor: RoutineProcessor, progress: ProgressReporter?, log: RunLog?) -> Outcome {
        let label = item.routine.views.first.map { $0.video.lastPathComponent } ?? item.routine.id
        progress?.started(label)
        let started = Date()
        do {
            let key = try processor.key(for: item.routine)
            if !force, let data = try? Data(contentsOf: resultURL(item.name)),
               let record = try? JSONDecoder().decode(Record.self, from: data), record.key == key {
                log?.write("reused \(item.routine.id) (result is current)")
                progress?.finished(label, ok: true, note: "up to date")
                return .reused
            }
            let result = try processor.process(item.routine, name: item.name, out: out)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try AtomicFile.write(try encoder.encode(Record(key: key, id: item.routine.id, result: result)), to: resultURL(item.name))
            log?.write(String(format: "done %@ in %.2f s", item.routine.id, Date().timeIntervalSince(started)))
            progress?.finished(label, ok: true)
            return .done
        } catch {
            let reason = "\(error)"
            log?.write("FAILED \(item.routine.id): \(reason)")
            progress?.finished(label, ok: false, note: reason)
            return .failed(reason)
        }
    }

    /// The result records stored under `out` (this run's and earlier ones'), sorted by id.
    public static func storedResults(in out: URL) throws -> [(id: String, result: Data)] {
        let folder = out.appendingPathComponent(".results", isDirectory: true)
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var records: [(String, Data)] = []
        for f in files where f.pathExtension == "json" && !f.lastPathComponent.hasPrefix(".") {
            let record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: f))
            records.append((record.id, record.result))
        }
        return records.sorted { $0.0 < $1.0 }
    }
}
