import Foundation

/// A stable digest of a file's bytes, read in 1 MiB chunks: the key of cached features and of
/// resumable results, so a renamed file is recognised and an edited one is not. Four lanes of
/// 64-bit multiply–xorshift over the little-endian words of each 32-byte block (a byte-wise
/// FNV-1a of a 1080p minute took 0.1 s, in front of every report's decoding), FNV-1a 64 over
/// the last < 32 bytes, then the length.
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
        var digest = Digest()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { digest.add(chunk) }
        return digest.finish()
    }

    /// The digest of bytes in memory (what `of(file:)` gives for a file holding them).
    static func of(bytes: [UInt8]) -> String {
        var digest = Digest()
        digest.add(Data(bytes))
        return digest.finish()
    }

    /// The running state: the four lanes, the bytes of an unfinished block, the length.
    struct Digest {
        var lanes: [UInt64] = [0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9, 0x85eb_ca77_c2b2_ae63]
        var pending: [UInt8] = []
        var length: UInt64 = 0

        static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let x = (lane ^ word) &* 0xff51_afd7_ed55_8ccd
            return x ^ (x >> 29)
        }

        mutating func add(_ chunk: Data) {
            length += UInt64(chunk.count)
            let bytes = pending.isEmpty ? chunk : Data(pending) + chunk
            let whole = bytes.count / 32 * 32
            var (a, b, c, d) = (lanes[0], lanes[1], lanes[2], lanes[3])
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < whole {
                    a = Self.mix(a, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                    b = Self.mix(b, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
                    c = Self.mix(c, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
                    d = Self.mix(d, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
                    offset += 32
                }
            }
            lanes = [a, b, c, d]
            pending = Array(bytes[bytes.startIndex.advanced(by: whole)...])
        }

        func finish() -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for lane in lanes { h = Self.mix(h, lane) }
            for b in pending { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            return String(format: "%016llx-%llx", h, length)
        }
    }

    /// FNV-1a 64 of a string (for option keys).
    public static func of(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%016llx", h)
    }
}
