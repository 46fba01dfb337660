import Foundation

/// `OUT/run.log`: what happened when, with timings — everything that must stay out of
/// `results.json` so that file is the same bytes for the same inputs. Appends; thread-safe.
public final class RunLog: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private let formatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    public init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw BatchError.configuration("\(url.path): cannot create the run log")
            }
        }
        handle = try FileHandle(forWritingTo: url)
        handle?.seekToEndOfFile()
    }

    public func write(_ line: String) {
        lock.withLock {
            handle?.write(Data("\(formatter.string(from: Date())) \(line)\n".utf8))
        }
    }

    deinit { try? handle?.close() }
}
