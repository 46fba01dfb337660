import Foundation

/// A stable digest of a file's bytes (FNV-1a 64 over the content, plus its length), read in
/// 1 MiB chunks: the key of cached features and of resumable results, so a renamed file is
/// recognised and an edited one is not.
public enum ContentHash {
    /// Digests already computed in this process, by path, inode, size and modification time: a
    /// report hashes each video for its resume key and again for the feature cache, and a
    /// 1080p minute takes about 0.1 s to hash.
    nonisolated(unsafe) private static var known: [String: String] = [:]
    private static let lock = NSLock()

    public static func of(file url: URL) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let stamp = attributes.map { a in
            [url.standardizedFileURL.path, "\((a[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)", "\((a[.size] as? NSNumber)?.uint64Value ?? 0)",
             "\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"].joined(separator: "|")
        }
        if let stamp, let digest = lock.withLock({ known[stamp] }) { return digest }
        let digest = try compute(url)
        if let stamp { lock.withLock { known[stamp] = digest } }
        return digest
    }

    static func compute(_ url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw FeatureError(file: url.path, reason: FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")
        }
        defer { try? handle.close() }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length: UInt64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { raw in
                for b in raw.bindMemory(to: UInt8.self) {
                    h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
                }
            }
            length += UInt64(chunk.count)
        }
        return String(format: "%016llx-%llx", h, length)
    }

    /// FNV-1a 64 of a string (for option keys).
    public static func of(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%016llx", h)
    }
}
