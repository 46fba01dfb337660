import Foundation
import Testing
@testable import Neural

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("neural-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Safetensors bytes with a hand-written JSON header and data buffer.
func safetensorsBytes(header json: String, data buffer: Data) -> Data {
    var header = Array(json.utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var data = Data()
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
    return data + header + buffer
}

@Suite("Safetensors")
struct SafetensorsTests {
    /// A tiny model with nested names.
    final class Tiny: Module {
        let encoder: Linear
        let heads: [Linear]
        init(seed: UInt64, out: Int = 2) {
            let rng = RandomSource(seed: seed)
            encoder = Linear(3, 4, rng: rng)
            heads = [Linear(4, out, rng: rng), Linear(4, 1, bias: false, rng: rng)]
        }
        func parameters() -> [NamedParameter] {
            encoder.parameters(prefixedBy: "encoder") + namedParameters(of: heads, prefixedBy: "heads")
        }
    }

    @Test func roundTripWithMetadata() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        let source = Tiny(seed: 1)
        try source.save(to: url, metadata: ["rubric": "floor-2024", "athlete": "李娜 / Zoë \"Z\"\n"])
        let target = Tiny(seed: 2)
        #expect(target.parameterTensors.map(\.data) != source.parameterTensors.map(\.data))
        let metadata = try target.load(from: url)
        #expect(target.parameterTensors.map(\.data) == source.parameterTensors.map(\.data))
        #expect(metadata == ["rubric": "floor-2024", "athlete": "李娜 / Zoë \"Z\"\n", "format_version": Checkpoint.formatVersion])
        let file = try Safetensors.read(contentsOf: url)
        #expect(file.tensors.map(\.name) == ["encoder.bias", "encoder.weight", "heads.0.bias", "heads.0.weight", "heads.1.weight"])
        #expect(file["encoder.weight"]?.shape == [4, 3])
        // Deterministic bytes, 8-byte aligned data.
        let bytes = try Data(contentsOf: url)
        #expect(bytes == (try Safetensors.encode(source.parameters(), metadata: metadata)))
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        #expect((8 + headerLength) % 8 == 0)
    }

    @Test func strictLoadingNamesTheProblem() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        try Tiny(seed: 1).save(to: url)
        let path = url.path

        let wrongShape = Tiny(seed: 3, out: 5)
        let before = wrongShape.parameterTensors.map(\.data)
        #expect(throws: SafetensorsError.shapeMismatch(file: path, tensor: "heads.0.weight", expected: [5, 4], found: [2, 4])) {
            try wrongShape.load(from: url)
        }
        #expect(wrongShape.parameterTensors.map(\.data) == before, "a failed load changes nothing")

        let partial = Tiny(seed: 1).parameters().filter { $0.name != "encoder.bias" }
        try Safetensors.write(partial, metadata: ["format_version": Checkpoint.formatVersion], to: url)
        #expect(throws: SafetensorsError.missingTensors(file: path, names: ["encoder.bias"])) { try Tiny(seed: 4).load(from: url) }

        let extra = Tiny(seed: 1).parameters() + [(name: "heads.2.weight", tensor: Tensor.zeros([1]))]
        try Safetensors.write(extra, metadata: ["format_version": Checkpoint.formatVersion], to: url)
        #expect(throws: SafetensorsError.unexpectedTensors(file: path, names: ["heads.2.weight"])) { try Tiny(seed: 4).load(from: url) }

        try Safetensors.write(Tiny(seed: 1).parameters(), metadata: ["format_version": "0"], to: url)
        let versionError = SafetensorsError.formatVersionMismatch(file: path, found: "0", expected: Checkpoint.formatVersion)
        #expect(throws: versionError) { try Tiny(seed: 4).load(from: url) }
        #expect(versionError.description.contains("retrain"), "the message carries a hint")
        #expect(!versionError.description.contains("\n"))
        try Tiny(seed: 4).load(from: url, formatVersion: nil)  // files made elsewhere: no version check

        let message = SafetensorsError.shapeMismatch(file: path, tensor: "heads.0.weight", expected: [5, 4], found: [2, 4]).description
        #expect(message.hasPrefix(path) && message.contains("'heads.0.weight'") && message.contains("[2, 4]"))
    }

    @Test func malformedFilesAreRejected() throws {
        let good = try Safetensors.encode([(name: "w", tensor: Tensor(shape: [2], data: [1, 2]))])
        func decodeError(_ data: Data) -> SafetensorsError? {
            do { _ = try Safetensors.decode(data, file: "bad.safetensors"); return nil } catch { return error as? SafetensorsError }
        }
        guard case .truncated? = decodeError(Data([1, 2, 3])) else { Issue.record("short file accepted"); return }
        guard case .truncated? = decodeError(good.prefix(12)) else { Issue.record("cut header accepted"); return }
        guard case .invalidTensor(_, "w", _)? = decodeError(good.dropLast(4)) else { Issue.record("cut data accepted"); return }
        func withHeader(_ json: String) -> Data { safetensorsBytes(header: json, data: Data(count: 8)) }
        guard case .invalidHeader? = decodeError(withHeader("[1, 2]")) else { Issue.record("non-object header accepted"); return }
        guard case .invalidHeader? = decodeError(withHeader("{not json")) else { Issue.record("broken JSON accepted"); return }
        #expect(decodeError(withHeader(#"{"x":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#))
                    == .unsupportedDType(file: "bad.safetensors", tensor: "x", dtype: "I64"))
        guard case .invalidTensor(_, "x", _)? = decodeError(withHeader(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#))
        else { Issue.record("offsets past the buffer accepted"); return }
        guard case .invalidHeader? = decodeError(withHeader(#"{"__metadata__":{"a":1}}"#)) else {
            Issue.record("non-string metadata accepted"); return
        }
        #expect(throws: SafetensorsError.self) { try Safetensors.read(contentsOf: URL(fileURLWithPath: "/nonexistent/m.safetensors")) }
        #expect(throws: SafetensorsError.duplicateTensor(file: "<memory>", tensor: "a")) {
            try Safetensors.encode([(name: "a", tensor: Tensor(1)), (name: "a", tensor: Tensor(2))])
        }
    }

    @Test func halfPrecisionFormatsConvert() throws {
        // BF16 and F16 bytes written by hand: 1.5, -2, 65504 / smallest subnormal, infinity.
        let header = #"{"b":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},"h":{"dtype":"F16","shape":[3],"data_offsets":[4,10]}}"#
        var buffer = Data()
        for word: UInt16 in [0x3FC0, 0xC000, 0x7BFF, 0x0001, 0x7C00] {
            withUnsafeBytes(of: word.littleEndian) { buffer.append(contentsOf: $0) }
        }
        let file = try Safetensors.decode(safetensorsBytes(header: header, data: buffer))
        #expect(file["b"]?.values == [1.5, -2])
        #expect(file["h"]?.values == [65504, 0x1p-24, .infinity])
        #expect(file["h"]?.dtype == .f16)
        #expect(Safetensors.halfToFloat(0xBC00) == -1)
    }

    @Test func loadsAFileWrittenByPythonSafetensors() throws {
        let url = try #require(Bundle.module.url(forResource: "python_fixture", withExtension: "safetensors", subdirectory: "Fixtures"))
        let file = try Safetensors.read(contentsOf: url)
        #expect(file.metadata == ["format_version": "1", "producer": "scripts/make_safetensors_fixture.py", "note": "Zoë ✓ \"quoted\""])
        #expect(file["linear.weight"]?.shape == [2, 3])
        #expect(file["linear.weight"]?.values == [-1, -0.5, 0, 0.5, 1, 1.5])
        #expect(file["linear.bias"]?.values == [0.25, -0.75])
        #expect(file["half"]?.dtype == .f16 && file["half"]?.values == [1, -2.5, 65504, 0x1p-24])
        #expect(file["double"]?.dtype == .f64 && file["double"]?.values == [1e-3, -4, Float(3.141592653589793), 2])
        #expect(file["scalar"]?.shape == [] && file["scalar"]?.values == [7])
        #expect(file["empty"]?.shape == [0, 3] && file["empty"]?.values == [])
        // The PyTorch-layout Linear loads into a Linear module.
        final class Wrapper: Module {
            let linear = Linear(3, 2, rng: RandomSource(seed: 1))
            func parameters() -> [NamedParameter] { linear.parameters(prefixedBy: "linear") }
        }
        let wrapper = Wrapper()
        let linearOnly = Safetensors.File(tensors: file.tensors.filter { $0.name.hasPrefix("linear.") }, metadata: file.metadata)
        try wrapper.load(linearOnly, file: url.path)
        expectClose(wrapper.linear(Tensor(shape: [1, 3], data: [1, 2, 3])).data, [-1 * 1 - 0.5 * 2 + 0 + 0.25, 0.5 + 2 + 4.5 - 0.75])
    }

    /// Whether `python3` with `safetensors` and `numpy` can run here (the Makefile's `deps` installs them).
    static let pythonAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import safetensors, numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: pythonAvailable, "python3 with safetensors and numpy is not installed; skipping the cross-check"))
    func pythonReadsOurFilesAndWritesThemBack() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = dir.appendingPathComponent("swift.safetensors"), theirs = dir.appendingPathComponent("python.safetensors")
        let model = Tiny(seed: 7)
        try model.save(to: ours, metadata: ["note": "Zoë"])
        let script = """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file, save_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="numpy") as f:
                metadata = f.metadata()
            print(json.dumps({"metadata": metadata, "tensors": {k: [list(v.shape), str(v.dtype), v.ravel().tolist()] for k, v in tensors.items()}}))
            save_file({k: v * 2 for k, v in tensors.items()}, sys.argv[2], metadata=metadata)
            """
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, ours.path, theirs.path]
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed to read the file")
        let json = try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any])
        #expect(json["metadata"] as? [String: String] == ["note": "Zoë", "format_version": Checkpoint.formatVersion])
        let tensors = try #require(json["tensors"] as? [String: [Any]])
        #expect(Set(tensors.keys) == Set(model.parameters().map(\.name)))
        for (name, tensor) in model.parameters() {
            let entry = try #require(tensors[name])
            #expect(entry[0] as? [Int] == tensor.shape && entry[1] as? String == "float32")
            #expect((entry[2] as? [Double])?.map(Float.init) == tensor.data, "\(name) differs in Python")
        }
        let back = try Safetensors.read(contentsOf: theirs)
        for (name, tensor) in model.parameters() {
            #expect(back[name]?.values == tensor.data.map { $0 * 2 }, "\(name) differs after Python wrote it")
        }
    }

    /// Pictures stored as U8 next to F32 weights: exact bytes back, and Python agrees.
    @Test func byteTensorsRoundTripNextToFloats() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("mixed.safetensors")
        let model = Tiny(seed: 3)
        let payload: [UInt8] = [0xFF, 0xD8, 0, 7, 255, 128, 3]  // odd length: the floats after it are unaligned
        try Safetensors.write(model.parameters(), byteTensors: [.init(name: "a.picture", shape: [7], bytes: payload)],
                              metadata: ["k": "v"], to: url)
        let file = try Safetensors.read(contentsOf: url)
        #expect(file["a.picture"]?.dtype == .u8 && file["a.picture"]?.bytes == payload)
        for (name, tensor) in model.parameters() { #expect(file[name]?.values == tensor.data) }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.encode([], byteTensors: [.init(name: "x", shape: [2, 2], bytes: [1, 2, 3])])
        }
        guard Self.pythonAvailable else { return }
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            print(t["a.picture"].dtype, t["a.picture"].tolist(), float(t["encoder.bias"][0]))
            """, url.path]
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let bias = model.parameters().first { $0.name == "encoder.bias" }!.tensor.data[0]
        #expect(printed.hasPrefix("uint8 [255, 216, 0, 7, 255, 128, 3]"), "python printed \(printed)")
        #expect(printed.contains(String(Double(bias)).prefix(6)), "python printed \(printed)")
    }
}
