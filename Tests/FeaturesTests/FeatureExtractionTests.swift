import Foundation
import Media
import RoutineCore
import Synth
import Synchronization
import Testing
import TestSupport
@testable import Features

/// One small synthetic routine rendered by the project's generator, with its pose track.
enum SyntheticVideo {
    static let rubric = try! TemplateLocator.rubric(event: "floor", templates: JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates"))

    static func render(_ dir: URL, name: String = "r.mp4", seed: UInt64 = 4, execution: Execution? = nil, element: String = "straight_jump",
                       athlete: Int = 0, width: Int = 192, height: Int = 108, dress: ((inout Athlete) -> Void)? = nil) throws -> (video: URL, track: RoutineVideoWriter.PoseTrack, routine: SyntheticRoutine) {
        var rng = SynthRandom(seed: seed)
        let planner = RoutinePlanner(rubric: rubric)
        var person = Athlete(index: athlete, seed: 1)
        dress?(&person)
        var routine = planner.plan(id: "t", athlete: person, level: 1, rng: &rng, only: element, perfect: execution == nil)
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
        let track = try RoutineVideoWriter(width: width, height: height, fps: 30).write(routine, view: "side", to: url)
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

    /// Issue 5: the tracked box covers the rendered athlete, IoU ≥ 0.7 on ≥ 95 % of analysis
    /// frames. Truth is the athlete as drawn (every pixel the body changed against the empty
    /// scene, `RoutineVideoWriter.silhouetteBoxes`); the pose file's joints widened by a head
    /// radius are checked too, as the issue words it, but they stop at the wrists and ankles
    /// (a raised hand reaches ~8 px past its wrist at this size), so that truth is itself off
    /// by a few pixels. Five planned routines (several travelling elements): side and front
    /// views without camera drift, front and side views with drift and zoom. The issue's 95 %
    /// is asserted over all their frames; each routine has a floor a little under what it
    /// measured, for renderings that differ across machines. Measured (features-7, half a pixel
    /// added round the mask): drawn 100.0 / 97.3 / 99.3 / 88.7 / 98.2 %, 97.1 % of all 830
    /// frames; joints 90.4 / 89.3 / 95.9 / 92.2 / 96.4 % (features-6: drawn 96.9 / 95.3 / 97.9 / 91.5 / 98.2, joints
    /// 87.8 / 94.0 / 85.5 / 92.2 / 95.8; features-3, luma only, drawn 98.7 / 74.0 / 95.9 /
    /// about 14 / 15 % — the last two athletes' leggings and skin match the mat and the wall in
    /// brightness). Routine 35 (side, no drift) misses 95 % on its own: in the frames it
    /// misses, a stretched-out limb is cut short, by up to 24 px (docs/features.md).
    @Test func trackedBoxCoversTheRenderedAthlete() throws {
        let cases: [(seed: Int, athlete: Int, view: String, drift: Bool, drawnFloor: Double, jointsFloor: Double)] = [
            (21, 3, "side", false, 0.97, 0.88), (22, 5, "front", true, 0.95, 0.87), (23, 8, "side", true, 0.96, 0.93),
            (35, 7, "side", false, 0.86, 0.90), (36, 9, "front", false, 0.95, 0.94),
        ]
        // Two routines at a time (the machine's two cores), as the parameterised cases ran.
        let results = Mutex<[Int: Result<(drawn: [Double], joints: [Double], frames: Int, summary: String), any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let c = cases[i]
            let r = Result { try Self.trackerShares(seed: c.seed, athlete: c.athlete, view: c.view, drift: c.drift) }
            results.withLock { $0[i] = r }
        }
        let measured = try results.withLock { all in try cases.indices.map { try all[$0]!.get() } }
        for (c, m) in zip(cases, measured) {
            print(m.summary)
            #expect(m.drawn.count >= m.frames * 9 / 10)
            #expect(Self.share(m.drawn) >= c.drawnFloor, "\(m.summary)")
            #expect(Self.share(m.joints) >= c.jointsFloor, "\(m.summary)")
        }
        let all = measured.flatMap(\.drawn)
        #expect(Self.share(all) >= 0.95, "drawn athlete IoU ≥ 0.7 on \(100 * Self.share(all)) % of \(all.count) frames")
    }

    static func share(_ v: [Double]) -> Double { Double(v.filter { $0 >= 0.7 }.count) / Double(Swift.max(v.count, 1)) }

    /// Renders one planned routine at 384×216, tracks it, and returns each analysis frame's IoU
    /// against the drawn athlete and against the joints' box.
    static func trackerShares(seed: Int, athlete: Int, view: String, drift: Bool) throws
        -> (drawn: [Double], joints: [Double], frames: Int, summary: String) {
        let dir = try TemporaryDirectory()
        var rng = SynthRandom(seed: UInt64(seed))
        var routine = RoutinePlanner(rubric: SyntheticVideo.rubric).plan(id: "t", athlete: Athlete(index: athlete, seed: 1), level: 2, rng: &rng)
        routine.drift = drift ? (8, 0.03, Double(seed)) : (0, 0, 0)
        let (w, h) = (384, 216)
        let writer = RoutineVideoWriter(width: w, height: h, fps: 30)
        let url = dir.url.appendingPathComponent("routine.mp4")
        let track = try writer.write(routine, view: view, to: url)
        var boxes: [AthleteBox] = []
        let f = try FeatureExtractor().extract(video: url, pose: nil) { boxes.append($0) }
        #expect(boxes.count == f.frameCount && f.frameCount > 60)
        let frames = boxes.indices.map { min(track.keypoints.count - 1, Int((Double($0) / f.analysisFPS * 30).rounded())) }
        func iou(_ b: AthleteBox, _ truth: (Double, Double, Double, Double)) -> Double {
            let box = (Double(b.x - b.width / 2) * Double(w), Double(b.y - b.height / 2) * Double(h),
                       Double(b.x + b.width / 2) * Double(w), Double(b.y + b.height / 2) * Double(h))
            let iw = max(0, min(truth.2, box.2) - max(truth.0, box.0)), ih = max(0, min(truth.3, box.3) - max(truth.1, box.1))
            let inter = iw * ih
            return inter / ((truth.2 - truth.0) * (truth.3 - truth.1) + (box.2 - box.0) * (box.3 - box.1) - inter)
        }
        // Against the drawn athlete.
        let silhouettes = try writer.silhouetteBoxes(routine, view: view, frames: frames)
        let drawn = zip(boxes, silhouettes).compactMap { b, s in s.map { iou(b, (Double($0.0), Double($0.1), Double($0.2), Double($0.3))) } }
        // Against the joints: the body reaches past them by about a head radius (capsules, the
        // skull above the eyes), in pixels with the scale of the joints' extent on screen.
        let scales = zip(track.keypoints, track.world).map { k, w -> Double in
            let ys = stride(from: 1, to: 51, by: 3).map { k[$0] }, wy = stride(from: 1, to: 51, by: 3).map { w[$0] }
            return (ys.max()! - ys.min()!) / max(0.2, wy.max()! - wy.min()!)
        }.sorted()
        let margin = routine.athlete.headRadius * scales[scales.count / 2]
        let joints = zip(boxes, frames).map { b, i -> Double in
            let k = track.keypoints[i]
            let xs = stride(from: 0, to: 51, by: 3).map { k[$0] }, ys = stride(from: 1, to: 51, by: 3).map { k[$0] }
            return iou(b, (xs.min()! - margin, ys.min()! - margin, xs.max()! + margin, ys.max()! + margin))
        }
        let summary = String(format: "routine %d, %@ view, drift %@: drawn athlete IoU ≥ 0.7 on %.1f %% of %d frames (median %.2f); joints %.1f %% (median %.2f)",
                             seed, view, drift ? "on" : "off", 100 * share(drawn), drawn.count, drawn.sorted()[drawn.count / 2],
                             100 * share(joints), joints.sorted()[joints.count / 2])
        return (drawn, joints, boxes.count, summary)
    }

    /// Issue 5: a severity-1.0 bent-knee fault (the rubric's largest bend) changes the tokens of
    /// the same routine more than dressing the same athlete in another athlete's colours does.
    @Test func aBentKneeFaultChangesTheFeaturesMoreThanTheAthletesColours() throws {
        let dir = try TemporaryDirectory()
        var faulty = Execution()
        faulty.kneeBend = 58  // FaultModel's bend at the largest bent_knees deduction
        let other = Athlete(index: 5, seed: 1)
        let clean = try FeatureExtractor().extract(video: SyntheticVideo.render(dir.url, name: "clean.mp4", execution: .perfect, width: 384, height: 216).video)
        let bent = try FeatureExtractor().extract(video: SyntheticVideo.render(dir.url, name: "bent.mp4", execution: faulty, width: 384, height: 216).video)
        let recoloured = try FeatureExtractor().extract(video: SyntheticVideo.render(dir.url, name: "colours.mp4", execution: .perfect, width: 384, height: 216) {
            $0.leotard = other.leotard; $0.leotardAccent = other.leotardAccent; $0.skin = other.skin; $0.hair = other.hair
        }.video)
        // The clips of the element (the routine stands still for a second before and after it).
        let clips = Int((1.0 / clean.clipDuration).rounded(.up))..<Int(((clean.duration - 1.0) / clean.clipDuration).rounded(.down))
        func distance(_ a: ClipFeatures, _ b: ClipFeatures) -> Double {
            let n = a.cellCount * a.width
            var sum = 0.0
            for i in (clips.lowerBound * n)..<(clips.upperBound * n) {
                let d = Double(a.values[i] - b.values[i])
                sum += d * d
            }
            return sum.squareRoot()
        }
        #expect(clean.clipCount == bent.clipCount && clean.clipCount == recoloured.clipCount && !clips.isEmpty)
        let fault = distance(clean, bent), colours = distance(clean, recoloured)
        print(String(format: "element clips: fault %.2f vs colours %.2f", fault, colours))
        #expect(fault > colours, "element clips \(clips): fault \(fault) vs colours \(colours)")
    }

    @Test func keyframePicturesComeFromTheSameDecode() throws {
        let dir = try TemporaryDirectory()
        let (video, _, _) = try SyntheticVideo.render(dir.url)
        let plain = try FeatureExtractor().extract(video: video)
        let (features, pictures) = try FeatureExtractor().extractWithPictures(video: video)
        #expect(features == plain)  // keeping pictures changes nothing in the features
        #expect(pictures.count == features.clipCount)
        // The analysis frame (16:9) halved, with the scene in it: the picture is not flat.
        let p = try #require(pictures.first)
        #expect(p.width >= 96 && abs(Double(p.width) / Double(p.height) - 16.0 / 9) < 0.05 && p.rgb.count == p.width * p.height * 3)
        #expect(Set(p.rgb).count > 20)
        // Each full clip's picture is its keyframe in colour, as a separate RGB decode gives it.
        let options = FeatureOptions()
        let decoder = try VideoDecoder(path: video.path, options: DecodeOptions(rate: .fps(options.fps), shortSide: options.shortSide, output: .rgb,
                                                                                tolerateCorruption: true))
        var frames: [VideoFrame] = []
        while let f = try decoder.nextFrame() { frames.append(f) }
        for k in 0..<(features.clipCount - 1) {
            #expect(pictures[k] == ClipPicture(halving: frames[features.keyframes[k]]), "clip \(k)")
        }
        #expect(stride(from: 0, to: p.rgb.count, by: 3).contains { p.rgb[$0] != p.rgb[$0 + 1] }, "pictures are in colour")
        let cache = FeatureCache(folder: dir.url.appendingPathComponent("cache"))
        let first = try cache.featuresWithPictures(video: video), second = try cache.featuresWithPictures(video: video)
        #expect(!first.hit && first.pictures?.count == features.clipCount && second.hit && second.pictures == nil)
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

    @Test func aVideoCutShortIsRefused() throws {
        let dir = try TemporaryDirectory()
        let (video, _, _) = try SyntheticVideo.render(dir.url, element: "cartwheel")
        let bytes = try Data(contentsOf: video)
        let cut = dir.url.appendingPathComponent("cut.mp4")
        try bytes.prefix(bytes.count * 2 / 5).write(to: cut)
        do {
            _ = try FeatureExtractor().extract(video: cut)
            Issue.record("a video cut to 40 % gave features")
        } catch {
            #expect("\(error)".hasPrefix(cut.path + ": ") && !"\(error)".contains("\n"))
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
