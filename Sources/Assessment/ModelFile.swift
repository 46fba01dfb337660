import Foundation
import Neural

/// Reading and writing a ``TrainedModel`` as one safetensors file. The metadata carries, as
/// JSON strings: the model format version, the configuration, the scoring task (with the rubric
/// id), the score and difficulty scales, the interval calibration, the feature version and
/// free-form notes — everything needed to rebuild the network before loading its tensors.
public enum ModelFile {
    static let formatKey = "routine.model_format"
    static let configurationKey = "routine.configuration"
    static let taskKey = "routine.task"
    static let calibrationKey = "routine.calibration"
    static let featureVersionKey = "routine.feature_version"
    static let rubricKey = "routine.rubric_id"
    static let notePrefix = "note."
    static let exemplarsKey = "routine.exemplars"
    static let exemplarTensorPrefix = "exemplars."
    /// The ensemble's further networks (``TrainedModel/members``): how many, and their tensors
    /// under `member.1.`, `member.2.`, …
    static let membersKey = "routine.members"
    static let membersTensorPrefix = "member."
    static func memberTensorPrefix(_ m: Int) -> String { membersTensorPrefix + "\(m + 1)." }
    /// Tensors under this prefix are pictures for the report (the exemplar gallery), not weights.
    public static let galleryTensorPrefix = "gallery."

    struct Calibration: Codable {
        var scoreScale: ScoreScale
        var difficultyScale: ScoreScale
        var intervalScale: Double
        var intervalCoverage: Double
        var penaltyThresholds: [Double]?
        var repeatThresholds: [Double]?
        var scoreSource: ScoreSource?
        var assertThreshold: Double?
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Writes `model` to `url` (same model, same bytes).
    public static func write(_ model: TrainedModel, to url: URL) throws {
        var metadata: [String: String] = [
            formatKey: Assessment.modelFormatVersion,
            configurationKey: try json(model.configuration),
            taskKey: try json(model.task),
            calibrationKey: try json(Calibration(scoreScale: model.scoreScale, difficultyScale: model.difficultyScale,
                                                 intervalScale: model.intervalScale, intervalCoverage: model.intervalCoverage,
                                                 penaltyThresholds: model.penaltyThresholds,
                                                 repeatThresholds: model.repeatThresholds.isEmpty ? nil : model.repeatThresholds,
                                                 scoreSource: model.scoreSource,
                                                 assertThreshold: model.assertThreshold > 0 ? model.assertThreshold : nil)),
            featureVersionKey: model.featureVersion,
            rubricKey: model.task.rubricID,
        ]
        for (k, v) in model.notes { metadata[notePrefix + k] = v }
        metadata[Checkpoint.formatVersionKey] = Checkpoint.formatVersion
        var tensors = model.network.parameters()
        if !model.members.isEmpty {
            metadata[membersKey] = String(model.members.count)
            for (m, member) in model.members.enumerated() {
                tensors += member.parameters().map { (memberTensorPrefix(m) + $0.name, $0.tensor) }
            }
        }
        if let bank = model.exemplarBank {
            metadata[exemplarsKey] = try json(bank.entries)
            for (i, entry) in bank.entries.enumerated() {
                tensors.append((exemplarTensorPrefix + "\(i).memory",
                                Tensor(shape: [entry.clipCount, model.configuration.width], data: bank.memories[i])))
            }
        }
        try Safetensors.write(tensors, metadata: metadata, to: url)
    }

    /// Reads a model written by ``write(_:to:)``; a file that is not one gives a one-line error
    /// naming the file and what is wrong.
    public static func read(_ url: URL) throws -> TrainedModel {
        let file: Safetensors.File
        do {
            file = try Safetensors.read(contentsOf: url)
        } catch {
            let detail = "\(error)".replacingOccurrences(of: url.path + ": ", with: "")
            throw AssessmentError.invalidModel(file: url.path, reason: "not a model file (\(detail))")
        }
        let meta = file.metadata
        guard let format = meta[formatKey] else {
            throw AssessmentError.invalidModel(file: url.path, reason: "safetensors file without routine model metadata (not made by `routine train`)")
        }
        guard format == Assessment.modelFormatVersion else {
            throw AssessmentError.invalidModel(file: url.path, reason: "model format \(format), this build reads \(Assessment.modelFormatVersion); retrain with this version")
        }
        func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            guard let text = meta[key] else { throw AssessmentError.invalidModel(file: url.path, reason: "metadata '\(key)' is missing") }
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw AssessmentError.invalidModel(file: url.path, reason: "metadata '\(key)' is not valid: \(error)")
            }
        }
        let configuration = try decode(ModelConfiguration.self, configurationKey)
        let task = try decode(ScoringTask.self, taskKey)
        let calibration = try decode(Calibration.self, calibrationKey)
        let network = AssessmentModel(configuration: configuration, task: task, seed: 0)
        var bank: ExemplarBank?
        if let text = meta[exemplarsKey] {
            let entries = try decode([ExemplarBank.Entry].self, exemplarsKey)
            _ = text
            let memories = try entries.indices.map { i -> [Float] in
                let name = exemplarTensorPrefix + "\(i).memory"
                guard let t = file[name], t.shape == [entries[i].clipCount, configuration.width] else {
                    throw AssessmentError.invalidModel(file: url.path, reason: "exemplar tensor '\(name)' is missing or has the wrong shape")
                }
                return t.values
            }
            bank = ExemplarBank(entries: entries, memories: memories)
        }
        guard let memberCount = meta[membersKey].map({ Int($0) }) ?? 0, memberCount >= 0 else {
            throw AssessmentError.invalidModel(file: url.path, reason: "metadata '\(membersKey)' is not a count")
        }
        let own = file.tensors.filter {
            !$0.name.hasPrefix(exemplarTensorPrefix) && !$0.name.hasPrefix(galleryTensorPrefix) && !$0.name.hasPrefix(membersTensorPrefix)
        }
        let members = (0..<memberCount).map { _ in AssessmentModel(configuration: configuration, task: task, seed: 0) }
        do {
            try network.load(Safetensors.File(tensors: own, metadata: meta), file: url.path)
            for (m, member) in members.enumerated() {
                let prefix = memberTensorPrefix(m)
                let tensors = file.tensors.filter { $0.name.hasPrefix(prefix) }.map { $0.renamed(String($0.name.dropFirst(prefix.count))) }
                try member.load(Safetensors.File(tensors: tensors, metadata: meta), file: url.path)
            }
        } catch {
            throw AssessmentError.invalidModel(file: url.path, reason: "\(error)")
        }
        var notes: [String: String] = [:]
        for (k, v) in meta where k.hasPrefix(notePrefix) { notes[String(k.dropFirst(notePrefix.count))] = v }
        let model = TrainedModel(network: network, scoreScale: calibration.scoreScale, difficultyScale: calibration.difficultyScale,
                            intervalScale: calibration.intervalScale, intervalCoverage: calibration.intervalCoverage,
                            featureVersion: meta[featureVersionKey] ?? "", notes: notes)
        model.exemplarBank = bank
        model.members = members
        model.penaltyThresholds = calibration.penaltyThresholds ?? []
        model.repeatThresholds = calibration.repeatThresholds ?? []
        model.scoreSource = calibration.scoreSource ?? .regression
        model.assertThreshold = calibration.assertThreshold ?? 0
        return model
    }
}

extension TrainedModel {
    /// Refuses to assess routines judged by another rubric (the heads are the rubric's items).
    public func requireTask(_ other: ScoringTask, modelFile: String) throws {
        guard task.matches(other) else {
            throw AssessmentError.rubricMismatch(model: modelFile, modelRubric: task.rubricID, rubric: other.rubricID)
        }
    }
}
