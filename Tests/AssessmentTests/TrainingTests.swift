import Foundation
import Neural
import Testing
@testable import Assessment

@Suite("Training")
struct TrainingTests {
    static func trainTiny(_ examples: [TrainingExample], epochs: Int = 120, members: Int = 1,
                          configuration: ModelConfiguration = ToyRoutines.configuration(),
                          progress: (Trainer.EpochReport) -> Void = { _ in }) throws -> TrainedModel {
        var options = Trainer.Options()
        options.members = members
        options.epochs = epochs
        options.batchSize = 4
        options.learningRate = 3e-3
        options.validationFraction = 0
        options.patience = 0
        options.seed = 11
        return try Trainer(configuration: configuration, task: ToyRoutines.task, options: options, featureVersion: "toy")
            .train(examples, progress: progress)
    }

    /// `model` written to a fresh temporary file and read back; `body` sees the file too.
    static func reloaded(_ model: TrainedModel, _ body: (TrainedModel, URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        try ModelFile.write(model, to: url)
        try body(try ModelFile.read(url), url)
    }

    @Test func tinyModelOverfitsEightRoutines() throws {
        // eight routines with distinct scores (with tied truths ρ = 1 would be unreachable)
        var seen = Set<Double>()
        let examples = Array(ToyRoutines.make(count: 40, seed: 21).filter { seen.insert($0.targets.score).inserted }.prefix(8))
        #expect(examples.count == 8)
        let model = try Self.trainTiny(examples, epochs: 200)
        let predictions = try examples.map { try model.predict($0.tokens) }
        let rho = Metrics.spearman(predictions.map(\.score), examples.map(\.targets.score))
        #expect(rho == 1, "ρ on the 8 training routines: \(rho); predicted \(predictions.map(\.score)), truth \(examples.map(\.targets.score))")
        // the deduction density's total has learnt each routine's total deduction
        let deducted = examples.map { e in e.targets.penalties.reduce(0) { $0 + ToyRoutines.task.penaltyItems[$1.item].deductions[$1.severity] } }
        let expected = predictions.map { $0.expectedDeduction ?? -1 }
        // (labelled totals 0.3–1.6 points: a constant guess is off by about 0.5 on average)
        #expect(Metrics.meanAbsoluteError(expected, deducted) < 0.15, "density totals \(expected), labelled \(deducted)")
        #expect(Metrics.spearman(expected, deducted) > 0.9, "density totals \(expected), labelled \(deducted)")
    }

    @Test func ledgerScoreAddsUpAndSurvivesSaveLoad() throws {
        let examples = ToyRoutines.make(count: 4, seed: 23)
        let model = try Self.trainTiny(examples, epochs: 3)
        model.scoreSource = .ledger
        for e in examples {
            let p = try model.predict(e.tokens)
            let deducted = try #require(p.expectedDeduction)
            #expect(abs(p.score - (p.difficulty + Swift.max(0, 10 - deducted))) < 1e-9)
            // the curves the report draws still add up to the score
            #expect(abs(p.queries.reduce(0) { $0 + $1.contribution } - p.score) < 1e-4)
            #expect(p.scoreLow < p.score && p.score < p.scoreHigh)
        }
        try Self.reloaded(model) { (loaded: TrainedModel, _: URL) throws in
            #expect(loaded.scoreSource == .ledger)
            for e in examples { #expect(try loaded.predict(e.tokens) == model.predict(e.tokens)) }
        }
    }

    /// The assert threshold is what its definition says on the routines it was calibrated on
    /// (here the training routines: no validation athletes): the lowest multiple of 0.05 at
    /// which at least half of the deductions at or above it are real; every deduction below it
    /// is flagged for review; it survives save and load.
    @Test func assertThresholdIsWhereHalfTheDeductionsAreReal() throws {
        let examples = ToyRoutines.make(count: 16, seed: 24)
        let model = try Self.trainTiny(examples, epochs: 1)
        let predictions = try examples.map { try model.predict($0.tokens) }
        var made: [(p: Double, real: Bool, review: Bool)] = []
        for (p, e) in zip(predictions, examples) {
            let labelled = Set(e.targets.penalties.map { ToyRoutines.task.penaltyItems[$0.item].id })
            for d in p.penalties where d.deduction > 0 { made.append((d.probability, labelled.contains(d.item), d.needsReview)) }
        }
        try #require(!made.isEmpty, "the tiny model makes deductions")
        func precision(_ t: Double) -> Double? {
            let above = made.filter { $0.p >= t }
            return above.isEmpty ? nil : Double(above.filter(\.real).count) / Double(above.count)
        }
        let t = model.assertThreshold
        if t < 1 { #expect(try #require(precision(t)) >= 0.5, "threshold \(t)") }
        if t >= 0.05 { #expect((precision(t - 0.05) ?? 1) < 0.5, "threshold \(t) is the lowest") }
        for d in made where d.p < t { #expect(d.review, "a deduction at \(d.p) below \(t) is flagged") }
        try Self.reloaded(model) { (loaded: TrainedModel, _: URL) throws in #expect(loaded.assertThreshold == t) }
    }

    /// By hand: at 0 and 0.05 … 0.30 three of seven deductions are real; at 0.35 three of five.
    @Test func assertThresholdByHand() {
        let made: [(probability: Double, real: Bool)] = [(0.31, false), (0.33, false), (0.4, true), (0.45, false), (0.6, true), (0.7, false), (0.9, true)]
        #expect(Trainer.assertThreshold(made) == 0.35)
        #expect(Trainer.assertThreshold(made.map { ($0.probability, true) }) == 0, "all real: everything is asserted")
        #expect(Trainer.assertThreshold(made.map { ($0.probability, false) }) == 1, "none real: nothing is asserted")
        #expect(Trainer.assertThreshold([]) == 0)
    }

    @Test func saveThenLoadGivesIdenticalPredictions() throws {
        let examples = ToyRoutines.make(count: 4, seed: 22)
        let model = try Self.trainTiny(examples, epochs: 3)
        try Self.reloaded(model) { (loaded: TrainedModel, url: URL) throws in
            #expect(loaded.configuration == model.configuration)
            #expect(loaded.task == model.task)
            for e in examples {
                #expect(try loaded.predict(e.tokens) == model.predict(e.tokens))
            }
            // same model, same bytes
            let again = url.deletingLastPathComponent().appendingPathComponent("again.safetensors")
            try ModelFile.write(loaded, to: again)
            #expect(try Data(contentsOf: url) == Data(contentsOf: again))
        }
    }

    @Test func modelRefusesAnotherRubric() throws {
        let model = try Self.trainTiny(ToyRoutines.make(count: 2, seed: 23), epochs: 1)
        var other = ToyRoutines.task
        other.rubricID = "beam@1"
        other.penaltyItems.removeLast()
        #expect(throws: AssessmentError.self) { try model.requireTask(other, modelFile: "m.safetensors") }
        do {
            try model.requireTask(other, modelFile: "m.safetensors")
        } catch {
            #expect("\(error)".contains("trained on rubric 'toy@1', not 'beam@1'"))
        }
        #expect(throws: Never.self) { try model.requireTask(ToyRoutines.task, modelFile: "m.safetensors") }
    }

    @Test func notAModelFileIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        try Data("hello".utf8).write(to: url)
        do {
            _ = try ModelFile.read(url)
            Issue.record("a text file loaded as a model")
        } catch {
            #expect("\(error)".hasPrefix(url.path + ": "))
        }
    }

    @Test func trainingIsDeterministic() throws {
        let examples = ToyRoutines.make(count: 4, seed: 24)
        let a = try Self.trainTiny(examples, epochs: 2)
        let b = try Self.trainTiny(examples, epochs: 2)
        #expect(a.network.parameters().map(\.tensor.data) == b.network.parameters().map(\.tensor.data))
    }

    @Test func contrastiveModeUsesExemplarsAndSurvivesSaveLoad() throws {
        var c = ToyRoutines.configuration()
        c.exemplars = 2
        var options = Trainer.Options()
        options.epochs = 4
        options.batchSize = 4
        options.validationFraction = 0.25
        options.seed = 5
        let examples = ToyRoutines.make(count: 12, seed: 25)
        let model = try Trainer(configuration: c, task: ToyRoutines.task, options: options, featureVersion: "toy").train(examples)
        let bank = try #require(model.exemplarBank)
        #expect(!bank.entries.isEmpty && bank.entries.count == bank.memories.count)
        let p = try model.predict(examples[0].tokens)
        #expect(p.exemplars.count == 2)
        #expect(Set(p.exemplars).isSubset(of: Set(bank.entries.map(\.id))))
        #expect(abs(p.queries.map(\.contribution).reduce(0, +) - p.score) < 1e-6)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("model.safetensors")
        try ModelFile.write(model, to: url)
        let loaded = try ModelFile.read(url)
        #expect(try loaded.predict(examples[0].tokens) == p)
    }

    @Test func exemplarsAreTheCleanestRoutinesPerElement() {
        let examples = ToyRoutines.make(count: 20, seed: 26)
        let chosen = ExemplarBank.select(from: examples, task: ToyRoutines.task)
        for (n, _) in ToyRoutines.task.elementNames.enumerated() {
            let holders = examples.filter { $0.targets.elements.contains { $0.name == n } }
            guard let best = holders.map(\.targets.execution).max() else { continue }
            #expect(chosen.contains { e in e.targets.execution == best && e.targets.elements.contains { $0.name == n } })
        }
    }
}
