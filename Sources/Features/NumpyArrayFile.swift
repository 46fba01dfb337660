import Foundation

/// A NumPy `.npy` file (format version 1.0): little-endian float32 in C order, the layout
/// research code reads with `numpy.load` — one feature file per video, as public AQA code
/// expects.
public enum NumpyArrayFile {
    /// The bytes of an `.npy` file holding `values` with `shape` (its product must be the count).
    public static func data(values: [Float], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        // Magic (6) + version (2) + header length (2) + header, padded with spaces and ended
        // by a newline so the data starts on a 64-byte boundary.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        out.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        out.append(contentsOf: Array(header.utf8))
        out.reserveCapacity(out.count + 4 * values.count)
        for v in values {
            let bits = v.bitPattern.littleEndian
            out.append(contentsOf: [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)])
        }
        return out
    }

    /// Writes `values` with `shape` to `url` (atomically).
    public static func write(values: [Float], shape: [Int], to url: URL) throws {
        try data(values: values, shape: shape).write(to: url, options: .atomic)
    }
}
