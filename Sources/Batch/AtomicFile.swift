import Foundation

/// Writes files so that a reader (or a resumed run) never sees half of one: the bytes go to a
/// hidden temporary name in the same folder, then one `rename(2)` puts them in place.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw BatchError.input(file: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw BatchError.input(file: url.path, reason: "cannot move into place: \(reason)")
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Removes temporaries left by a killed run (`.NAME.partial-…`) under `folder`.
    public static func removeLeftovers(in folder: URL) {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in e where url.lastPathComponent.hasPrefix(".") && url.lastPathComponent.contains(".partial-") {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
