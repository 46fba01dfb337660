import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Synth

enum Rubrics {
    static let templates = JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates")
    static let all: [String: Rubric] = {
        Dictionary(uniqueKeysWithValues: ["floor", "beam", "vault"].map { ($0, try! TemplateLocator.rubric(event: $0, templates: templates)) })
    }()
}

@Suite("Synthetic routines")
struct SynthTests {
    static func job(_ out: URL, count: Int, seed: UInt64 = 7) -> SynthJob {
        var o = SynthJob.Options(out: out, count: count, seed: seed)
        o.width = 160
        o.height = 96
        o.jobs = 2
        return SynthJob(options: o, rubrics: Rubrics.all)
    }

    @Test func sameSeedSameAnnotationsAndVideos() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        let first = try Self.job(a.url, count: 3).run()
        let second = try Self.job(b.url, count: 3).run()
        #expect(first.annotations == second.annotations)
        for name in ["annotations.jsonl", "splits.json", "videos/r0001.mp4", "videos/r0002.pose.json"] {
            #expect(try Data(contentsOf: a.url.appendingPathComponent(name)) == Data(contentsOf: b.url.appendingPathComponent(name)), "\(name)")
        }
        let other = Self.job(a.url, count: 3, seed: 8).plan(index: 0).1
        #expect(other != first.annotations[0])
    }

    @Test func labelsAreInsideTheVideoAndScoresAddUp() throws {
        let job = Self.job(URL(fileURLWithPath: "/nonexistent"), count: 120)
        var items = Set<String>()
        var durations: [Double] = []
        for i in 0..<120 {
            let (_, a) = job.plan(index: i)
            try a.validate(rubric: Rubrics.all[a.event], place: a.id)  // spans inside [0, duration], items in the rubric
            #expect(abs(a.execution - max(0, 10 - a.penalties.reduce(0) { $0 + $1.deduction })) < 1e-9)
            let difficulty = a.elements.reduce(0) { $0 + Rubrics.all[a.event]!.element($1.name)!.difficulty }
            #expect(abs(a.difficulty - difficulty) < 1e-9 && abs(a.score - (a.difficulty + a.execution)) < 1e-9)
            #expect((2...6).contains(a.elements.count) || a.event == "vault")
            items.formUnion(a.penalties.map(\.item))
            durations.append(a.duration)
        }
        #expect(durations.allSatisfy { $0 >= 6 && $0 <= 20.1 }, "durations \(durations.min()!)–\(durations.max()!)")
        #expect(items.count >= 12, "items seen: \(items.sorted())")
    }

    @Test func everyCatalogueItemCanBeForcedAndIsLabelled() throws {
        for (_, rubric) in Rubrics.all {
            for item in rubric.penalties.map(\.id) where item != "hesitation" {
                let elements = rubric.elements.map(\.id).filter { ElementLibrary.possibleFaults($0).contains(item) }
                #expect(!elements.isEmpty, "no \(rubric.event) element can show \(item)")
                for element in elements {
                    var e = Execution()
                    var rng = SynthRandom(seed: 1)
                    FaultModel().apply(item, deduction: rubric.penalty(item)!.deductions.last!, to: &e, rng: &rng)
                    let performed = ElementLibrary.perform(element, execution: e, rng: &rng)
                    #expect(performed.faultSpans[item] != nil, "\(rubric.event)/\(element) did not show \(item)")
                }
            }
        }
    }
}

@Suite("Faults change the pose")
struct FaultVisibilityTests {
    /// The pose track of one element performed with `execution`, rendered small.
    static func track(_ element: String, _ execution: Execution, event: String = "floor") throws -> ([[Double]], PerformedElement) {
        var rng = SynthRandom(seed: 5)
        let performed = ElementLibrary.perform(element, execution: execution, rng: &rng)
        var timeline = RoutineTimeline(athlete: Athlete(index: 0, seed: 1), surface: 0)
        timeline.append(performed.motion, direction: 1)
        var sceneRng = SynthRandom(seed: 2)
        let routine = SyntheticRoutine(id: "t", athlete: timeline.athlete, event: event, level: 1, timeline: timeline, elements: [],
                                       penalties: [], sleeves: false, scene: GymScene(event: event, rng: &sceneRng), drift: (0, 0, 0))
        let dir = try TemporaryDirectory()
        let track = try RoutineVideoWriter(width: 128, height: 72, fps: 30).write(routine, view: "side", to: dir.url.appendingPathComponent("t.mp4"))
        return (track.world, performed)
    }

    static func angle(_ w: [Double], _ a: Int, _ b: Int, _ c: Int) -> Double {
        let p = { (i: Int) in Vector3(w[3 * i], w[3 * i + 1], w[3 * i + 2]) }
        let u = p(a) - p(b), v = p(c) - p(b)
        return acos(max(-1, min(1, u.dot(v) / (u.length * v.length)))) * 180 / .pi
    }

    @Test func bentKneesShowInTheKneeAngle() throws {
        var bent = Execution()
        bent.kneeBend = 58  // the 0.5 severity
        let (clean, _) = try Self.track("straight_jump", .perfect)
        let (faulty, performed) = try Self.track("straight_jump", bent)
        let span = try #require(performed.faultSpans["bent_knees"])
        let frame = Int(((span.lowerBound + span.upperBound) / 2 * 30).rounded())
        // left hip 11, knee 13, ankle 15: 180° is a straight leg
        let straight = Self.angle(clean[frame], 11, 13, 15), flexed = Self.angle(faulty[frame], 11, 13, 15)
        #expect(straight > 165)
        #expect(straight - flexed > 40, "knee \(straight)° clean vs \(flexed)° with the fault")
    }

    @Test func aFallPutsTheBodyOnTheFloor() throws {
        var fall = Execution()
        fall.landing = .fall
        let (clean, _) = try Self.track("tuck_jump", .perfect)
        let (faulty, performed) = try Self.track("tuck_jump", fall)
        let span = try #require(performed.faultSpans["fall"])
        let frame = Int((span.lowerBound + 0.9) * 30)
        let hipHeight = { (w: [Double]) in (w[3 * 11 + 1] + w[3 * 12 + 1]) / 2 }
        #expect(hipHeight(faulty[frame]) < 0.25, "hips at \(hipHeight(faulty[frame])) m during the fall")
        #expect(hipHeight(clean[min(frame, clean.count - 1)]) > 0.5)
    }
}
