import Foundation
import RoutineCore

/// The default model shipped with the tool: `models/default.safetensors` next to the
/// `Templates` folder (in a build tree, the repository's `models/`).
public enum BundledModel {
    public static func url(templates: String? = nil) throws -> URL {
        let folder = try TemplateLocator.templatesFolder(explicit: templates).deletingLastPathComponent()
        let url = folder.appendingPathComponent("models/default.safetensors")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BatchError.configuration("\(url.path): the bundled model is missing; run `make model` or pass --model")
        }
        return url
    }
}
