import Foundation
import Neural
import Testing
@testable import Assessment

@Suite("Ensemble of networks")
struct EnsembleTests {
    static func trainEnsemble(_ examples: [TrainingExample], members: Int) throws -> TrainedModel {
        try TrainingTests.trainTiny(examples, epochs: 3, members: members)
    }

    /// The first network trains exactly as a lone one; the others start elsewhere.
    @Test func theFirstNetworkIsTheLoneOneAndTheOthersDiffer() throws {
        let examples = ToyRoutines.make(count: 4, seed: 31)
        let lone = try TrainingTests.trainTiny(examples, epochs: 3)
        let ensemble = try Self.trainEnsemble(examples, members: 3)
        #expect(ensemble.members.count == 2)
        #expect(ensemble.network.parameters().map(\.tensor.data) == lone.network.parameters().map(\.tensor.data))
        #expect(ensemble.members[0].parameters().map(\.tensor.data) != lone.network.parameters().map(\.tensor.data))
        #expect(ensemble.members[0].parameters().map(\.tensor.data) != ensemble.members[1].parameters().map(\.tensor.data))
    }

    /// Clip-level penalty logits and the difficulty are the networks' means; the score samples
    /// are every network's heads; queries stay the first network's, with contributions that
    /// still add up to the score.
    @Test func clipLogitsAreAveragedAndScoreHeadsPooled() throws {
        let examples = ToyRoutines.make(count: 4, seed: 32)
        let ensemble = try Self.trainEnsemble(examples, members: 2)
        let tokens = [examples[0].tokens]
        let combined = try Graph.withoutGradients { try ensemble.forward(tokens) }
        let (a, b) = try Graph.withoutGradients { (try ensemble.network(tokens), try ensemble.members[0](tokens)) }
        for (x, (y, z)) in zip(combined.penalties.clipOccurrence.data, zip(a.penalties.clipOccurrence.data, b.penalties.clipOccurrence.data)) {
            #expect(abs(x - (y + z) / 2) < 1e-6)
        }
        #expect(abs(combined.difficulty.scalar - (a.difficulty.scalar + b.difficulty.scalar) / 2) < 1e-6)
        #expect(combined.weightScore.headTotals.count == a.weightScore.headTotals.count + b.weightScore.headTotals.count)
        #expect(combined.crossAttention == a.crossAttention)
        ensemble.scoreSource = .regression
        let p = try ensemble.predict(examples[0].tokens)
        let heads = (a.weightScore.headTotals + b.weightScore.headTotals).map { ensemble.scoreScale.denormalise($0.scalar) }
        #expect(abs(p.score - heads.reduce(0, +) / Double(heads.count)) < 1e-9)
        #expect(abs(p.queries.reduce(0) { $0 + $1.contribution } - p.score) < 1e-6)
    }

    @Test func anEnsembleSurvivesSaveLoad() throws {
        let examples = ToyRoutines.make(count: 4, seed: 33)
        let ensemble = try Self.trainEnsemble(examples, members: 2)
        try TrainingTests.reloaded(ensemble) { (loaded: TrainedModel, url: URL) throws in
            #expect(loaded.members.count == 1)
            for e in examples { #expect(try loaded.predict(e.tokens) == ensemble.predict(e.tokens)) }
            let again = url.deletingLastPathComponent().appendingPathComponent("again.safetensors")
            try ModelFile.write(loaded, to: again)
            #expect(try Data(contentsOf: url) == Data(contentsOf: again))
        }
    }

    @Test func anEnsembleRefusesContrastiveRegression() throws {
        var configuration = ToyRoutines.configuration()
        configuration.exemplars = 2
        var options = Trainer.Options()
        options.members = 2
        let trainer = Trainer(configuration: configuration, task: ToyRoutines.task, options: options, featureVersion: "toy")
        #expect(throws: AssessmentError.self) { try trainer.train(ToyRoutines.make(count: 4, seed: 34)) }
    }
}
