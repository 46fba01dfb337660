import Foundation

/// Saving and loading a module's parameters as safetensors, strictly: every name must match and
/// every shape agree, and the engine's checkpoint format version is checked.
public enum Checkpoint {
    /// Metadata key holding the checkpoint format version.
    public static let formatVersionKey = "format_version"
    /// The version this build writes and expects (``NeuralEngine/formatVersion``).
    public static var formatVersion: String { NeuralEngine.formatVersion }
}

extension Module {
    /// Writes every parameter (F32, dotted names) and `metadata` plus the format version to `url`.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        var map = metadata
        map[Checkpoint.formatVersionKey] = Checkpoint.formatVersion
        try Safetensors.write(parameters(), metadata: map, to: url)
    }

    /// Reads `url` and loads it strictly (see ``load(_:file:formatVersion:)``); returns the metadata.
    @discardableResult
    public func load(from url: URL, formatVersion: String? = Checkpoint.formatVersion) throws -> [String: String] {
        let file = try Safetensors.read(contentsOf: url)
        try load(file, file: url.path, formatVersion: formatVersion)
        return file.metadata
    }

    /// Copies the tensors of `contents` into the parameters with the same names. Throws, changing
    /// nothing, when the format version differs from `formatVersion` (nil: not checked, e.g. for
    /// files made elsewhere), a name is missing or unexpected, or a shape differs.
    public func load(_ contents: Safetensors.File, file: String, formatVersion: String? = Checkpoint.formatVersion) throws {
        if let formatVersion, contents.metadata[Checkpoint.formatVersionKey] != formatVersion {
            throw SafetensorsError.formatVersionMismatch(
                file: file, found: contents.metadata[Checkpoint.formatVersionKey], expected: formatVersion)
        }
        let own = parameters()
        var stored: [String: Safetensors.StoredTensor] = [:]
        for t in contents.tensors { stored[t.name] = t }
        let missing = own.map(\.name).filter { stored[$0] == nil }
        if !missing.isEmpty { throw SafetensorsError.missingTensors(file: file, names: missing) }
        let ownNames = Set(own.map(\.name))
        let unexpected = contents.tensors.map(\.name).filter { !ownNames.contains($0) }
        if !unexpected.isEmpty { throw SafetensorsError.unexpectedTensors(file: file, names: unexpected) }
        for p in own where stored[p.name]!.shape != p.tensor.shape {
            throw SafetensorsError.shapeMismatch(
                file: file, tensor: p.name, expected: p.tensor.shape, found: stored[p.name]!.shape)
        }
        for p in own { p.tensor.assign(stored[p.name]!.values) }
    }
}
