import Foundation

/// A minimal PCM WAV file, for inputs that are media but carry no video.
public enum WaveFile {
    /// 16-bit mono 16 kHz sine tone.
    public static func sine(seconds: Double, frequency: Double = 440, sampleRate: Int = 16_000) -> Data {
        let count = Int(seconds * Double(sampleRate))
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + count * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16))
        append(UInt16(1)); append(UInt16(1)); append(UInt32(sampleRate)); append(UInt32(sampleRate * 2))
        append(UInt16(2)); append(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); append(UInt32(count * 2))
        for i in 0..<count {
            append(Int16(8000 * sin(2 * Double.pi * frequency * Double(i) / Double(sampleRate))))
        }
        return data
    }
}
