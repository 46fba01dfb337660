import Foundation

/// A stable digest of a file's bytes (FNV-1a 64 over the content, plus its length), read in
/// 1 MiB chunks: the key of cached features and of resumable results, so a renamed file is
/// recognised and an edited one is not.
public enum ContentHash {
    public static func of(file url: URL) throws -> String {
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
