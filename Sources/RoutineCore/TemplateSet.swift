import Foundation
import Mustache

/// A folder of Mustache templates (`Templates/report/en/*.mustache`,
/// `Templates/commentary/de/*.mustache`, …), one short text each, rendered by name with a
/// context. A federation or school copies a language folder and translates the files.
public struct TemplateSet: @unchecked Sendable {
    public let folder: URL
    let templates: [String: MustacheTemplate]

    /// Loads every `.mustache` file of `folder`; a template that does not parse is an error
    /// naming the file.
    public init(folder: URL) throws {
        self.folder = folder
        var loaded: [String: MustacheTemplate] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw RoutineCoreError(file: folder.path, reason: "no such template folder")
        }
        for name in names where name.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            do {
                loaded[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch {
                throw RoutineCoreError(file: url.path, reason: "not a valid Mustache template (\(error))")
            }
        }
        templates = loaded
    }

    /// The template set `Templates/KIND/LANGUAGE` (falling back to English).
    public static func shipped(_ kind: String, language: String = "en", templates: URL? = nil) throws -> TemplateSet {
        let root = try templates ?? TemplateLocator.templatesFolder()
        let folder = root.appendingPathComponent("\(kind)/\(language)")
        if FileManager.default.fileExists(atPath: folder.path) { return try TemplateSet(folder: folder) }
        return try TemplateSet(folder: root.appendingPathComponent("\(kind)/en"))
    }

    public var names: [String] { templates.keys.sorted() }

    /// Renders template `name` with `context`; a missing template renders its name (so a
    /// half-translated folder still produces a readable page).
    public func render(_ name: String, _ context: [String: Any] = [:]) -> String {
        guard let t = templates[name] else { return name }
        return t.render(context).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
