import Assessment
import Features
import Foundation
import Media
import Neural
import RoutineCore
import Testing
import TestSupport
@testable import Batch

@Suite("Exemplar gallery")
struct ExemplarGalleryTests {
    static func annotation(_ id: String, event: String = "floor", execution: Double, score: Double, elements: [String]) -> Annotation {
        var a = Fixture.shared.data.dataset.annotations[0]
        a.id = id
        a.event = event
        a.execution = execution
        a.score = score
        a.elements = elements.enumerated().map { i, n in
            .init(name: n, start: Double(i) * 2 + 1, end: Double(i) * 2 + 2, shape: "tuck", rotation: "none", halfRotations: 0)
        }
        return a
    }

    @Test func theExemplarOfAnElementHasTheFewestDeductions() {
        let chosen = ExemplarGallery.choose(from: [
            Self.annotation("r3", execution: 9.0, score: 9.5, elements: ["tuck_jump", "cartwheel"]),
            Self.annotation("r1", execution: 9.6, score: 9.8, elements: ["tuck_jump"]),
            Self.annotation("r2", execution: 9.6, score: 9.9, elements: ["cartwheel"]),
            Self.annotation("r0", execution: 9.6, score: 9.8, elements: ["tuck_jump"]),
            Self.annotation("b1", event: "beam", execution: 8.0, score: 8.0, elements: ["tuck_jump"]),
        ])
        #expect(chosen.map { "\($0.event)/\($0.element)=\($0.routine.id)" } == ["beam/tuck_jump=b1", "floor/cartwheel=r2", "floor/tuck_jump=r0"])
    }

    @Test func aMomentIsMatchedToTheSamePhaseOfTheSameElement() throws {
        let picture = try JPEGPicture(width: 8, height: 8, rgb: [UInt8](repeating: 90, count: 192))
        let entry = ExemplarGallery.Entry(event: "floor", element: "tuck_jump", routine: "x", athlete: "Ex", score: 10, start: 10, end: 12,
                                          phases: ExemplarGallery.phases, width: 8, height: 8)
        let gallery = ExemplarGallery(entries: [entry], pictures: [Array(repeating: picture, count: ExemplarGallery.phases.count)])
        let elements = [(name: "cartwheel", start: 1.0, end: 2.0), (name: "tuck_jump", start: 4.0, end: 5.0)]
        // 4.5 s is halfway through the athlete's tuck jump: the exemplar's halfway is 11 s.
        let m = try #require(gallery.match(time: 4.5, event: "floor", elements: elements))
        #expect(m.phase == 0.5 && m.exemplarTime == 11)
        // 5.4 s: 0.4 s after it ends, phase 1.4 → the stored 1.5, the exemplar at 13 s.
        #expect(gallery.match(time: 5.4, event: "floor", elements: elements)?.exemplarTime == 13)
        // 3.8 s: just before (phase −0.2 → 0).
        #expect(gallery.match(time: 3.8, event: "floor", elements: elements)?.phase == 0)
        // Too far from any element with an exemplar, another event, no elements: no match.
        #expect(gallery.match(time: 1.5, event: "floor", elements: elements) == nil)
        #expect(gallery.match(time: 4.5, event: "beam", elements: elements) == nil)
        #expect(gallery.match(time: 4.5, event: "floor", elements: []) == nil)
    }

    @Test func builtFromTheDatasetAndStoredInTheModelWithoutTouchingTheWeights() throws {
        let dir = try TemporaryDirectory()
        let (_, model) = try Fixture.copy(to: dir.url)
        let data = Fixture.shared.data
        let before = try Safetensors.read(contentsOf: model)
        #expect(try ExemplarGallery.read(model: model) == nil)
        let gallery = try ExemplarGallery.build(dataset: data.dataset, cache: data.cache)
        let train = try data.dataset.routines(split: "train")
        let expected = Set(train.flatMap { a in a.elements.map { "\(a.event)/\($0.name)" } })
        #expect(Set(gallery.entries.map { "\($0.event)/\($0.element)" }) == expected)
        for (e, pictures) in zip(gallery.entries, gallery.pictures) {
            #expect(train.contains { $0.id == e.routine })
            #expect(pictures.count == ExemplarGallery.phases.count)
            let decoded = try pictures.map { try $0.decodedRGB() }
            #expect(decoded.allSatisfy { $0.count == 112 * 112 * 3 })
            // The athlete moves through the element: the first and last phases differ.
            let change = zip(decoded.first!, decoded.last!).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(decoded[0].count)
            #expect(change > 1, "\(e.element): mean change \(change)")
        }
        try gallery.attach(to: model)
        try gallery.attach(to: model)  // replaces, does not add
        let after = try Safetensors.read(contentsOf: model)
        for t in before.tensors { #expect(after[t.name]?.values == t.values, "\(t.name) changed") }
        #expect(after.tensors.count == before.tensors.count + gallery.entries.count * ExemplarGallery.phases.count)
        let back = try #require(try ExemplarGallery.read(model: model))
        #expect(back.entries == gallery.entries && back.pictures == gallery.pictures)
        _ = try ModelFile.read(model)  // still a valid model
    }
}
