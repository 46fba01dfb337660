import CSV
import Foundation

/// The optional manifest of a batch (`manifest.csv`, header row, DESIGN.md §Files):
/// `file,athlete,club,event,level,element,view,date`. Only `file` is required; a missing value
/// falls back to what the file name says. Rows with the same athlete and element and
/// different views are one multi-view routine.
public struct Manifest: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Path as written, relative to the videos folder.
        public var file: String
        public var athlete: String?
        public var club: String?
        public var event: String?
        public var level: Int?
        public var element: String?
        public var view: String?
        public var date: String?
        /// 1-based line in the manifest (for errors).
        public var line: Int
    }

    public static let columns = ["file", "athlete", "club", "event", "level", "element", "view", "date"]

    public var rows: [Row]

    /// The row describing `file` (relative path), if any.
    public func row(for file: String) -> Row? { rows.first { $0.file == file } }

    /// Parses manifest text; `file` names it in errors ("manifest.csv:7: …").
    public static func parse(_ text: String, file: String) throws -> Manifest {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw RoutineCoreError(file: file, reason: "not a CSV file with a header row (\(error))")
        }
        guard let header = reader.headerRow?.map({ $0.lowercased() }), header.contains("file") else {
            throw RoutineCoreError(file: file, reason: "the header row must name a 'file' column (columns: \(columns.joined(separator: ",")))")
        }
        for name in header where !columns.contains(name) && !name.isEmpty {
            throw RoutineCoreError(file: file, reason: "unknown column '\(name)' (columns: \(columns.joined(separator: ",")))")
        }
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy({ $0.isEmpty }) { continue }
            let place = "\(file):\(line)"
            guard fields.count == header.count else {
                throw RoutineCoreError(file: place, reason: "\(fields.count) fields, the header has \(header.count)")
            }
            var value: [String: String] = [:]
            for (k, v) in zip(header, fields) where !v.isEmpty { value[k] = v }
            guard let path = value["file"] else { throw RoutineCoreError(file: place, reason: "empty 'file'") }
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                throw RoutineCoreError(file: place, reason: "'file' must be a path inside the videos folder, got '\(path)'")
            }
            if let other = seen[path] { throw RoutineCoreError(file: place, reason: "'\(path)' is listed again (first on line \(other))") }
            seen[path] = line
            var level: Int?
            if let text = value["level"] {
                guard let l = Int(text), (1...4).contains(l) else { throw RoutineCoreError(file: place, reason: "level '\(text)' is not 1–4") }
                level = l
            }
            rows.append(Row(file: path, athlete: value["athlete"], club: value["club"], event: value["event"]?.lowercased(), level: level,
                            element: value["element"], view: value["view"], date: value["date"], line: line))
        }
        if let error = reader.error { throw RoutineCoreError(file: "\(file):\(line + 1)", reason: "malformed CSV (\(error))") }
        return Manifest(rows: rows)
    }

    public static func load(_ url: URL) throws -> Manifest {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RoutineCoreError(file: url.path, reason: FileManager.default.fileExists(atPath: url.path) ? "cannot be read as UTF-8 text" : "no such file")
        }
        return try parse(text, file: url.path)
    }
}

/// Turns a person's name into a file name that stays inside the output folder and readable:
/// letters of any script, digits, space, '-', '_' and '.' are kept; path separators, control
/// characters and other punctuation become '_'; leading dots are dropped (no hidden files, no
/// '..'); empty results become "routine"; at most 100 characters.
public func safeFileName(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars {
        let props = scalar.properties
        if props.isAlphabetic || CharacterSet.decimalDigits.contains(scalar) || " -_.".unicodeScalars.contains(scalar)
            || props.generalCategory == .nonspacingMark {
            out.unicodeScalars.append(scalar)
        } else {
            out += "_"
        }
    }
    while out.hasPrefix(".") || out.hasPrefix(" ") { out.removeFirst() }
    out = out.trimmingCharacters(in: .whitespaces)
    if out.isEmpty || out.allSatisfy({ $0 == "_" }) { out = "routine" }
    return String(out.prefix(100))
}
