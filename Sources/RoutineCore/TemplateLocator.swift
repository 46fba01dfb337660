import Foundation

/// Finds the shipped `Templates/` folder (rubrics, commentary and report templates) at run time,
/// in this order: an explicit path; the `ROUTINE_TEMPLATES` environment variable; a `Templates`
/// folder found by walking up from the executable's directory (a build tree or
/// `PREFIX/share/routine/Templates` next to `PREFIX/bin`); the current directory.
public enum TemplateLocator {
    public static func templatesFolder(explicit: String? = nil) throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let env = ProcessInfo.processInfo.environment["ROUTINE_TEMPLATES"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            candidates.append(dir.appendingPathComponent("Templates"))
            candidates.append(dir.appendingPathComponent("share/routine/Templates"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Templates"))
        for c in candidates where fm.fileExists(atPath: c.appendingPathComponent("rubrics").path) {
            return c.standardizedFileURL
        }
        throw RoutineCoreError(file: explicit ?? "Templates", reason: "no Templates folder with rubrics/ found; set ROUTINE_TEMPLATES to the Templates folder of the installation")
    }

    /// The shipped rubric for `event` (`Templates/rubrics/EVENT.yaml`), or the file at `path`.
    public static func rubric(event: String? = nil, path: String? = nil, templates: URL? = nil) throws -> Rubric {
        if let path { return try Rubric.load(URL(fileURLWithPath: path)) }
        let folder = try templates ?? templatesFolder()
        let name = event ?? "floor"
        let url = folder.appendingPathComponent("rubrics/\(name).yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("rubrics").path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw RoutineCoreError(file: url.path, reason: "no rubric for event '\(name)' (shipped: \(known.joined(separator: ", ")))")
        }
        return try Rubric.load(url)
    }
}
