import Foundation

/// Validates JSON against a JSON Schema with Python's `jsonschema` package (installed by
/// `make deps`), so the project's schemas in docs/ are checked by an independent validator.
public enum JSONSchemaCheck {
    /// nil when `json` validates against the schema at `schema`; otherwise the validator's message.
    public static func problems(json: Data, schema: URL) throws -> String? {
        let dir = try TemporaryDirectory("schema-check")
        let file = dir.url.appendingPathComponent("instance.json")
        try json.write(to: file)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); instance = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
            print("\\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "python3 jsonschema failed: \(errors)"])
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The repository root (for docs/ schemas), found from this source file's location.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
