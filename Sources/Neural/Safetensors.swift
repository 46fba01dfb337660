import Foundation

/// Reading and writing the safetensors format (the format of PyTorch's `safetensors` package):
///
///     [8 bytes: header length N, little-endian UInt64]
///     [N bytes: JSON header, space-padded to a multiple of 8]
///         {"__metadata__": {"key": "value", …},
///          "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …}
///     [data buffer: each tensor's values, row-major, little-endian, at its offsets]
///
/// Files are written as F32 (and U8 for byte payloads such as pictures) with tensors sorted by
/// name, so the same tensors give the same bytes. F32, F64, F16, BF16 and U8 are read (converted
/// to Float).
public enum Safetensors {
    /// Element types this reader understands.
    public enum DType: String, Sendable, CaseIterable {
        case f32 = "F32", f64 = "F64", f16 = "F16", bf16 = "BF16", u8 = "U8"

        public var byteCount: Int {
            switch self {
            case .f32: return 4
            case .f64: return 8
            case .f16, .bf16: return 2
            case .u8: return 1
            }
        }
    }

    /// One tensor read from a file, converted to Float.
    public struct StoredTensor: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        /// The dtype in the file before conversion.
        public let dtype: DType
        public let values: [Float]

        /// The values as bytes (U8 tensors: exact).
        public var bytes: [UInt8] { values.map { UInt8(clamping: Int($0)) } }

        /// The same tensor under another name (loading one module's part of a file that
        /// holds several).
        public func renamed(_ name: String) -> StoredTensor {
            StoredTensor(name: name, shape: shape, dtype: dtype, values: values)
        }
    }

    /// The contents of a safetensors file.
    public struct File: Sendable {
        /// Tensors in the order of their data offsets.
        public let tensors: [StoredTensor]
        /// The `__metadata__` map (empty when absent).
        public let metadata: [String: String]

        public subscript(name: String) -> StoredTensor? { tensors.first { $0.name == name } }

        public init(tensors: [StoredTensor], metadata: [String: String]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// The largest header accepted (as the reference implementation: 100 MB).
    static let maximumHeaderLength = 100_000_000

    // MARK: - Writing

    /// A byte payload stored as a U8 tensor.
    public struct ByteTensor: Sendable {
        public var name: String
        public var shape: [Int]
        public var bytes: [UInt8]
        public init(name: String, shape: [Int], bytes: [UInt8]) {
            self.name = name; self.shape = shape; self.bytes = bytes
        }
    }

    /// The bytes of a safetensors file holding `tensors` as F32, `byteTensors` as U8, and `metadata`.
    public static func encode(
        _ tensors: [(name: String, tensor: Tensor)], byteTensors: [ByteTensor] = [], metadata: [String: String] = [:],
        file: String = "<memory>"
    ) throws -> Data {
        enum Payload { case floats([Float]), bytes([UInt8]) }
        var all: [(name: String, shape: [Int], payload: Payload)] = tensors.map { ($0.name, $0.tensor.shape, .floats($0.tensor.data)) }
        for b in byteTensors {
            guard Tensor.count(of: b.shape) == b.bytes.count else {
                throw SafetensorsError.invalidTensor(file: file, tensor: b.name, reason: "\(b.bytes.count) bytes for shape \(b.shape)")
            }
            all.append((b.name, b.shape, .bytes(b.bytes)))
        }
        let sorted = all.sorted { $0.name < $1.name }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name {
            throw SafetensorsError.duplicateTensor(file: file, tensor: a.name)
        }
        if let reserved = sorted.first(where: { $0.name == "__metadata__" }) {
            throw SafetensorsError.invalidTensor(file: file, tensor: reserved.name, reason: "the name is reserved")
        }
        var header = "{"
        if !metadata.isEmpty {
            let entries = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            header += "\"__metadata__\":{\(entries.joined(separator: ","))}"
        }
        var offset = 0
        for (i, entry) in sorted.enumerated() {
            let (dtype, size): (String, Int)
            switch entry.payload {
            case .floats(let f): (dtype, size) = ("F32", f.count * 4)
            case .bytes(let b): (dtype, size) = ("U8", b.count)
            }
            let end = offset + size
            if i > 0 || !metadata.isEmpty { header += "," }
            header += "\(jsonString(entry.name)):{\"dtype\":\"\(dtype)\",\"shape\":["
                + entry.shape.map(String.init).joined(separator: ",")
                + "],\"data_offsets\":[\(offset),\(end)]}"
            offset = end
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }

        var data = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for entry in sorted {
            switch entry.payload {
            case .floats(let f): f.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
            case .bytes(let b): data.append(contentsOf: b)
            }
        }
        return data
    }

    /// Writes `tensors` and `metadata` to `url` atomically (a reader never sees half a file).
    public static func write(
        _ tensors: [(name: String, tensor: Tensor)], byteTensors: [ByteTensor] = [], metadata: [String: String] = [:], to url: URL
    ) throws {
        let data = try encode(tensors, byteTensors: byteTensors, metadata: metadata, file: url.path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw SafetensorsError.unwritable(file: url.path, reason: error.localizedDescription)
        }
    }

    // MARK: - Reading

    /// Reads and validates the file at `url`.
    public static func read(contentsOf url: URL) throws -> File {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafetensorsError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try decode(data, file: url.path)
    }

    /// Parses and validates safetensors bytes; `file` names the source in errors.
    public static func decode(_ data: Data, file: String = "<memory>") throws -> File {
        guard data.count >= 8 else {
            throw SafetensorsError.truncated(file: file, reason: "\(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(maximumHeaderLength) else {
            throw SafetensorsError.invalidHeader(file: file, reason: "header length \(headerLength) is implausible")
        }
        guard 8 + Int(headerLength) <= data.count else {
            throw SafetensorsError.truncated(
                file: file, reason: "header of \(headerLength) bytes but only \(data.count - 8) bytes follow")
        }
        let start = data.startIndex
        let headerData = data.subdata(in: (start + 8)..<(start + 8 + Int(headerLength)))
        guard headerData.first == UInt8(ascii: "{"),
              let json = try? JSONSerialization.jsonObject(with: headerData),
              let header = json as? [String: Any]
        else {
            throw SafetensorsError.invalidHeader(file: file, reason: "the header is not a JSON object")
        }
        let bufferStart = 8 + Int(headerLength)
        let bufferLength = data.count - bufferStart

        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let map = raw as? [String: Any] else {
                throw SafetensorsError.invalidHeader(file: file, reason: "__metadata__ is not an object")
            }
            for (key, value) in map {
                guard let string = value as? String else {
                    throw SafetensorsError.invalidHeader(file: file, reason: "metadata value for '\(key)' is not a string")
                }
                metadata[key] = string
            }
        }

        var entries: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        for (name, raw) in header where name != "__metadata__" {
            guard let info = raw as? [String: Any],
                  let dtypeName = info["dtype"] as? String,
                  let shape = integers(info["shape"]),
                  let offsets = integers(info["data_offsets"]), offsets.count == 2
            else {
                throw SafetensorsError.invalidTensor(
                    file: file, tensor: name, reason: "needs dtype, shape and two data_offsets")
            }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw SafetensorsError.unsupportedDType(file: file, tensor: name, dtype: dtypeName)
            }
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw SafetensorsError.invalidTensor(file: file, tensor: name, reason: "negative extent in shape \(shape)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= bufferLength else {
                throw SafetensorsError.invalidTensor(
                    file: file, tensor: name, reason: "data offsets [\(begin), \(end)] outside the \(bufferLength)-byte buffer")
            }
            let expectedBytes = Tensor.count(of: shape) * dtype.byteCount
            guard end - begin == expectedBytes else {
                throw SafetensorsError.invalidTensor(
                    file: file, tensor: name,
                    reason: "\(end - begin) bytes for shape \(shape) of \(dtype.rawValue) (needs \(expectedBytes))")
            }
            entries.append((name, dtype, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.name) < ($1.begin, $1.name) }

        let tensors = data.withUnsafeBytes { raw -> [StoredTensor] in
            entries.map { e in
                let count = Tensor.count(of: e.shape)
                let base = bufferStart + e.begin
                let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
                    for i in 0..<count {
                        out[i] = element(raw, at: base + i * e.dtype.byteCount, as: e.dtype)
                    }
                    initialized = count
                }
                return StoredTensor(name: e.name, shape: e.shape, dtype: e.dtype, values: values)
            }
        }
        return File(tensors: tensors, metadata: metadata)
    }

    // MARK: - Helpers

    /// A JSON array of non-negative or negative integers, or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in array {
            guard let number = item as? NSNumber, number.doubleValue == Double(number.intValue) else { return nil }
            result.append(number.intValue)
        }
        return result
    }

    /// One little-endian element converted to Float.
    @inline(__always)
    private static func element(_ raw: UnsafeRawBufferPointer, at offset: Int, as dtype: DType) -> Float {
        switch dtype {
        case .f32:
            return Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        case .f64:
            return Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
        case .bf16:
            let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            return Float(bitPattern: UInt32(bits) << 16)
        case .f16:
            return halfToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        case .u8:
            return Float(raw[offset])
        }
    }

    /// IEEE 754 binary16 → binary32 (exact), including subnormals, infinities and NaN.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa · 2⁻²⁴.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | (UInt32(exponent - 15 + 127) << 23) | (mantissa << 13))
    }

    /// A JSON string literal.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Why a safetensors file could not be read, written or loaded into a model. Every message is
/// one line naming the file.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)
    case truncated(file: String, reason: String)
    case invalidHeader(file: String, reason: String)
    case invalidTensor(file: String, tensor: String, reason: String)
    case unsupportedDType(file: String, tensor: String, dtype: String)
    case duplicateTensor(file: String, tensor: String)
    case shapeMismatch(file: String, tensor: String, expected: [Int], found: [Int])
    case missingTensors(file: String, names: [String])
    case unexpectedTensors(file: String, names: [String])
    case formatVersionMismatch(file: String, found: String?, expected: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .unwritable(file, reason):
            return "\(file): cannot write the file: \(reason)"
        case let .truncated(file, reason):
            return "\(file): truncated safetensors file: \(reason)"
        case let .invalidHeader(file, reason):
            return "\(file): not a safetensors file: \(reason)"
        case let .invalidTensor(file, tensor, reason):
            return "\(file): tensor '\(tensor)' is malformed: \(reason)"
        case let .unsupportedDType(file, tensor, dtype):
            return "\(file): tensor '\(tensor)' has dtype \(dtype); supported: F32, F64, F16, BF16"
        case let .duplicateTensor(file, tensor):
            return "\(file): tensor name '\(tensor)' appears twice"
        case let .shapeMismatch(file, tensor, expected, found):
            return "\(file): tensor '\(tensor)' has shape \(found), the model expects \(expected)"
        case let .missingTensors(file, names):
            return "\(file): missing \(names.count) tensor(s) the model needs: \(Self.list(names))"
        case let .unexpectedTensors(file, names):
            return "\(file): \(names.count) tensor(s) the model does not have: \(Self.list(names))"
        case let .formatVersionMismatch(file, found, expected):
            return "\(file): checkpoint format version \(found ?? "(none)"), this build reads version \(expected); "
                + "retrain the model with this build or use the build that wrote it"
        }
    }

    public var errorDescription: String? { description }

    private static func list(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + ", …"
    }
}
