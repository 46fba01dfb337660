import Foundation

/// Progress of a long batch on stderr: a single updating bar with count, ETA and the current
/// file on a terminal; one plain line per finished item otherwise (logs, CI). Thread-safe.
public final class ProgressReporter: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let interactive: Bool
    private let started = Date()
    private var done = 0
    private var failed = 0
    private var current: [String] = []
    private let lock = NSLock()
    private let write: (String) -> Void

    /// `write` receives text for stderr (tests pass their own); `interactive` defaults to
    /// whether stderr is a terminal.
    public init(total: Int, label: String, interactive: Bool? = nil,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = total
        self.label = label
        self.interactive = interactive ?? (isatty(2) == 1)
        self.write = write
    }

    public func started(_ item: String) {
        lock.withLock {
            current.append(item)
            if interactive { draw() }
        }
    }

    public func finished(_ item: String, ok: Bool, note: String = "") {
        lock.withLock {
            done += 1
            if !ok { failed += 1 }
            current.removeAll { $0 == item }
            if interactive {
                draw()
            } else {
                write("[\(done)/\(total)] \(ok ? "done" : "FAILED") \(item)\(note.isEmpty ? "" : " – \(note)")  eta \(eta())\n")
            }
        }
    }

    /// Ends the bar with a summary line.
    public func finish() {
        lock.withLock {
            let seconds = Date().timeIntervalSince(started)
            if interactive { write("\r\u{1B}[2K") }
            write("\(label): \(done - failed) done, \(failed) failed, \(String(format: "%.1f", seconds)) s\n")
        }
    }

    private func eta() -> String {
        guard done > 0 else { return "--:--" }
        let per = Date().timeIntervalSince(started) / Double(done)
        return Self.clock(per * Double(total - done))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%02d:%02d", s / 60, s % 60)
    }

    private func draw() {
        let width = 24
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let now = current.last.map { " \($0)" } ?? ""
        write("\r\u{1B}[2K\(label) \(bar) \(done)/\(total) eta \(eta())\(failed > 0 ? " (\(failed) failed)" : "")\(now)")
    }
}
