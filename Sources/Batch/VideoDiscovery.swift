import Foundation

/// Finds the routine videos under a folder (recursively, sorted, hidden entries skipped) and
/// groups the views of one routine: `NAME.VIEW.ext` files sharing NAME are one multi-view
/// routine when VIEW is a known view name or when several files share NAME.
public enum VideoDiscovery {
    public static let extensions: Set<String> = ["mp4", "mov", "mkv", "avi", "webm", "m4v"]
    public static let knownViews: Set<String> = ["front", "side", "back", "top", "left", "right", "rear", "overhead"]

    /// Video files under `folder` (links to video files and to folders included), sorted by
    /// relative path; `excluding` (e.g. the output folder when it lies inside) is skipped.
    public static func videoFiles(in folder: URL, excluding: [URL] = []) throws -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) else {
            throw BatchError.usage("\(folder.path): no such folder")
        }
        if !isDir.boolValue {
            guard extensions.contains(folder.pathExtension.lowercased()) else {
                throw BatchError.usage("\(folder.path): not a folder or a video file")
            }
            return [folder.standardizedFileURL]
        }
        let skip = Set(excluding.flatMap { [$0.standardizedFileURL.path, $0.resolvingSymlinksInPath().path] })
        var visited = [folder.resolvingSymlinksInPath().path]
        var found: [URL] = []
        collect(folder.standardizedFileURL, shownAs: folder.standardizedFileURL, skip: skip, visited: &visited, into: &found)
        let base = folder.standardizedFileURL.path
        return found.sorted { relative($0, to: base) < relative($1, to: base) }
    }

    /// Adds the videos under `folder` to `found`, descending into linked folders (folders of
    /// links are how a selection is often made) unless one leads to a folder already walked
    /// or to one that holds it (a loop); a dangling link counts for nothing.
    /// `shownAs`: the path the videos are named under (a linked folder is walked at its target,
    /// whose contents the file system does not list through the link).
    static func collect(_ folder: URL, shownAs: URL, skip: Set<String>, visited: inout [String], into found: inout [URL]) {
        func shown(_ url: URL) -> URL {
            folder == shownAs ? url.standardizedFileURL : shownAs.appendingPathComponent(relative(url, to: folder.path)).standardizedFileURL
        }
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                     options: [.skipsHiddenFiles]) else { return }
        var linkedFolders: [URL] = []
        for case let url as URL in e {
            let path = url.standardizedFileURL.path
            if skip.contains(path) {
                e.skipDescendants()
                continue
            }
            let isLink = (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true
            if isLink, (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                linkedFolders.append(url)
                continue
            }
            if extensions.contains(url.pathExtension.lowercased()),
               (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(shown(url))
            }
        }
        // In path order, so which of two links to one folder names its videos does not depend
        // on the order the file system lists them.
        for link in linkedFolders.sorted(by: { $0.path < $1.path }) {
            let target = link.resolvingSymlinksInPath().path
            let loops = visited.contains { $0 == target || $0.hasPrefix(target + "/") || target.hasPrefix($0 + "/") }
            guard !loops, !skip.contains(target) else { continue }
            visited.append(target)
            collect(URL(fileURLWithPath: target, isDirectory: true), shownAs: shown(link), skip: skip, visited: &visited, into: &found)
        }
    }

    static func relative(_ url: URL, to base: String) -> String {
        let p = url.path
        return p.hasPrefix(base + "/") ? String(p.dropFirst(base.count + 1)) : url.lastPathComponent
    }

    /// Groups files into routines (ids relative to `folder`, views named, pose files attached).
    public static func routines(in folder: URL, files: [URL]) -> [RoutineInput] {
        let base = folder.standardizedFileURL.path
        // stem relative path → (name part, view part)
        var parsed: [(file: URL, name: String, view: String?)] = []
        for f in files {
            let rel = relative(f, to: base)
            let stem = (rel as NSString).deletingPathExtension
            let last = (stem as NSString).lastPathComponent
            if let dot = last.lastIndex(of: "."), dot != last.startIndex {
                let view = String(last[last.index(after: dot)...])
                let name = (stem as NSString).deletingLastPathComponent.isEmpty
                    ? String(last[..<dot]) : ((stem as NSString).deletingLastPathComponent as NSString).appendingPathComponent(String(last[..<dot]))
                parsed.append((f, name, view))
            } else {
                parsed.append((f, stem, nil))
            }
        }
        var counts: [String: Int] = [:]
        for p in parsed { counts[p.name, default: 0] += 1 }
        var groups: [String: [RoutineInput.View]] = [:]
        var order: [String] = []
        for p in parsed {
            let isView = p.view.map { knownViews.contains($0.lowercased()) || counts[p.name, default: 0] > 1 } ?? false
            let id = isView ? p.name : ((relative(p.file, to: base) as NSString).deletingPathExtension)
            let view = isView ? p.view! : "main"
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(.init(name: view, video: p.file, pose: poseFile(for: p.file)))
        }
        return order.map { id in
            RoutineInput(id: id, views: groups[id]!.sorted { $0.name < $1.name }, athlete: (id as NSString).lastPathComponent)
        }
    }

    /// `NAME.pose.json` beside a video, if present.
    public static func poseFile(for video: URL) -> URL? {
        let pose = video.deletingPathExtension().appendingPathExtension("pose.json")
        return FileManager.default.fileExists(atPath: pose.path) ? pose : nil
    }
}
