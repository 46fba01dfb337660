import Foundation

/// One routine to assess: its video(s) — several when filmed from several angles — and what
/// is known about it (from the manifest, else from the file name).
public struct RoutineInput: Sendable, Equatable {
    public struct View: Sendable, Equatable {
        public var name: String
        public var video: URL
        /// `NAME.pose.json` beside the video, when it exists.
        public var pose: URL?
    }

    /// Stable identifier: the path relative to the videos folder without extension and view.
    public var id: String
    public var views: [View]
    public var athlete: String
    public var club: String?
    public var event: String?
    public var level: Int?
    public var element: String?
    public var date: String?
}
