import Foundation
import RoutineCore
import Synth
import Testing
import TestSupport
@testable import Features

/// One small synthetic routine rendered by the project's generator, with its pose track.
enum SyntheticVideo {
    static let rubric = try! TemplateLocator.rubric(event: "floor", templates: JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates"))

    static func render(_ dir: URL, name: String = "r.mp4", seed: UInt64 = 4, execution: Execution? = nil, element: String = "straight_jump",
                       athlete: Int = 0) throws -> (video: URL, track: RoutineVideoWriter.PoseTrack, routine: SyntheticRoutine) {
        var rng = SynthRandom(seed: seed)
        let planner = RoutinePlanner(rubric: rubric)
        var routine = planner.plan(id: "t", athlete: Athlete(index: athlete, seed: 1), level: 1, rng: &rng, only: element, perfect: execution == nil)
        if let execution {
            var timeline = RoutineTimeline(athlete: routine.athlete, surface: 0)
            timeline.append(Motion(keys: [Key(0, .stand), Key(1.0, .stand)]), direction: 1)
            timeline.segments[0].origin = Vector3(-1, 0, 0)
            timeline.append(ElementLibrary.perform(element, execution: execution, rng: &rng).motion, direction: 1)
            timeline.append(Motion(keys: [Key(0, .stand), Key(1.0, .stand)]), direction: 1)
            routine.timeline = timeline
        }
        routine.drift = (0, 0, 0)
        let url = dir.appendingPathComponent(name)
        let track = try RoutineVideoWriter(width: 192, height: 108, fps: 30).write(routine, view: "side", to: url)
        return (url, track, routine)
    }
}

@Suite("Feature extraction")
struct FeatureExtractionTests {
    @Test func boxFollowsTheAthlete() throws {
        let dir = try TemporaryDirectory()
        let (video, track, _) = try SyntheticVideo.render(dir.url, element: "cartwheel")
        let f = try FeatureExtractor().extract(video: video)
        #expect(f.width == FeatureExtractor().tokenWidth && f.cellCount == 16)
        var inside = 0
        for c in 0..<f.clipCount {
            let frame = track.keypoints[min(track.keypoints.count - 1, Int(f.keyframeTime(c) * 30))]
            let xs = stride(from: 0, to: 51, by: 3).map { frame[$0] / 192 }, ys = stride(from: 1, to: 51, by: 3).map { frame[$0] / 108 }
            let b = f.boxes[c]
            let cx = (xs.min()! + xs.max()!) / 2, cy = (ys.min()! + ys.max()!) / 2
            if abs(Double(b.x) - cx) < 0.06 && abs(Double(b.y) - cy) < 0.1 { inside += 1 }
        }
        #expect(Double(inside) >= 0.8 * Double(f.clipCount), "box on the athlete in \(inside) of \(f.clipCount) clips")
    }

    @Test func cacheHitsAndInvalidatesAndIsDeterministic() throws {
        let dir = try TemporaryDirectory()
        let (video, _, _) = try SyntheticVideo.render(dir.url)
        let cache = FeatureCache(folder: dir.url.appendingPathComponent("cache"))
        let (first, hit1) = try cache.features(video: video)
        let (second, hit2) = try cache.features(video: video)
        #expect(!hit1 && hit2)
        #expect(first == second)
        #expect(try FeatureExtractor().extract(video: video) == first)  // same video, same features
        var other = FeatureOptions()
        other.grid = 2
        let (third, hit3) = try FeatureCache(folder: dir.url.appendingPathComponent("cache"), extractor: FeatureExtractor(options: other)).features(video: video)
        #expect(!hit3 && third.cellCount == 4)
    }

    @Test func poseFilesAreValidated() throws {
        let dir = try TemporaryDirectory()
        let (video, track, _) = try SyntheticVideo.render(dir.url)
        let poseURL = dir.url.appendingPathComponent("r.pose.json")
        try JSONEncoder().encode(track).write(to: poseURL)
        let f = try FeatureExtractor().extract(video: video, pose: poseURL)
        #expect(f.poseWidth == PoseStream.width && f.pose?.count == f.clipCount * PoseStream.width)
        var short = track
        short.keypoints = Array(track.keypoints.prefix(10))
        short.world = Array(track.world.prefix(10))
        try JSONEncoder().encode(short).write(to: poseURL)
        #expect(throws: FeatureError.self) { try FeatureExtractor().extract(video: video, pose: poseURL) }
        try Data("{\"keypoints\": [[1, 2, 2]]}".utf8).write(to: poseURL)
        do {
            _ = try PoseStream.read(poseURL, videoDuration: 0.03)
            Issue.record("accepted a pose with one joint")
        } catch {
            #expect("\(error)".contains("frame 0 has 1 joints, expected 17"))
        }
    }

    @Test func badVideoIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("notes.mp4")
        try Data("not a video".utf8).write(to: url)
        do {
            _ = try FeatureExtractor().extract(video: url)
            Issue.record("a text file gave features")
        } catch {
            #expect("\(error)".hasPrefix(url.path + ": "))
        }
    }
}
