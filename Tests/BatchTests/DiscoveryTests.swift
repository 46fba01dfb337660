import Foundation
import Testing
import TestSupport
@testable import Batch

@Suite("Video discovery")
struct DiscoveryTests {
    @Test func groupsViewsAndFindsPoseFiles() throws {
        let dir = try TemporaryDirectory()
        let root = dir.url
        for name in ["anna.mp4", "ben.front.mp4", "ben.side.mp4", "carl.lee.mov", "notes.txt", ".hidden.mp4", "sub/dora.MKV",
                     "ben.front.pose.json", "out/old.mp4"] {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let files = try VideoDiscovery.videoFiles(in: root, excluding: [root.appendingPathComponent("out")])
        #expect(files.map(\.lastPathComponent) == ["anna.mp4", "ben.front.mp4", "ben.side.mp4", "carl.lee.mov", "dora.MKV"])
        let routines = VideoDiscovery.routines(in: root, files: files)
        #expect(routines.map(\.id) == ["anna", "ben", "carl.lee", "sub/dora"])
        let ben = routines[1]
        #expect(ben.views.map(\.name) == ["front", "side"])
        #expect(ben.views[0].pose?.lastPathComponent == "ben.front.pose.json")
        #expect(ben.views[1].pose == nil)
        #expect(routines[2].views.map(\.name) == ["main"])  // "lee" is not a view: a dotted name
    }

    /// A folder of links (a selection made with `ln -s`) is read like a folder of files; a
    /// dangling link is skipped.
    @Test func linksToVideosAreFound() throws {
        let dir = try TemporaryDirectory()
        let store = dir.url.appendingPathComponent("store"), selection = dir.url.appendingPathComponent("selection")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: selection, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: store.appendingPathComponent("anna.mp4"))
        try FileManager.default.createSymbolicLink(at: selection.appendingPathComponent("anna.mp4"), withDestinationURL: store.appendingPathComponent("anna.mp4"))
        try FileManager.default.createSymbolicLink(at: selection.appendingPathComponent("gone.mp4"), withDestinationURL: store.appendingPathComponent("gone.mp4"))
        let files = try VideoDiscovery.videoFiles(in: selection)
        #expect(files.map(\.lastPathComponent) == ["anna.mp4"])
        #expect(VideoDiscovery.routines(in: selection, files: files).map(\.id) == ["anna"])
    }

    @Test func linkedFoldersAreWalkedOnceWithoutLooping() throws {
        let dir = try TemporaryDirectory()
        let meet = dir.url.appendingPathComponent("meet"), selection = dir.url.appendingPathComponent("selection")
        try FileManager.default.createDirectory(at: meet.appendingPathComponent("juniors"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: selection, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: meet.appendingPathComponent("juniors/anna.mp4"))
        try Data("x".utf8).write(to: selection.appendingPathComponent("ben.mp4"))
        let fm = FileManager.default
        try fm.createSymbolicLink(at: selection.appendingPathComponent("meet1"), withDestinationURL: meet)
        // the same folder linked twice, a link back to the selection itself, and one to its parent
        try fm.createSymbolicLink(at: selection.appendingPathComponent("meet1-again"), withDestinationURL: meet)
        try fm.createSymbolicLink(at: selection.appendingPathComponent("loop"), withDestinationURL: selection)
        try fm.createSymbolicLink(at: meet.appendingPathComponent("up"), withDestinationURL: dir.url)
        let files = try VideoDiscovery.videoFiles(in: selection)
        let base = selection.standardizedFileURL.path
        #expect(files.map { VideoDiscovery.relative($0, to: base) } == ["ben.mp4", "meet1/juniors/anna.mp4"])
        #expect(VideoDiscovery.routines(in: selection, files: files).map(\.id) == ["ben", "meet1/juniors/anna"])
    }

    @Test func missingFolderIsAUsageError() {
        #expect(throws: BatchError.self) { try VideoDiscovery.videoFiles(in: URL(fileURLWithPath: "/nonexistent/videos")) }
    }
}
