import Foundation
import Neural

/// Reading and writing a trained ``CommentaryGenerator`` as a safetensors file kept next to
/// the assessment model (`model.safetensors` → `model.commentary.safetensors`): its tensors
/// (`reasoner.…`, `decoder.…`) and, in the metadata as JSON strings, the format version, the
/// configuration, the vocabulary, the sentence embedding's IDF table, the keypoint texts, the
/// quality gate, and the assessment model's feature version so a mismatched pair is refused.
public enum CommentaryModelFile {
    public static let formatVersion = "1"
    static let formatKey = "commentary.format"
    static let configurationKey = "commentary.configuration"
    static let vocabularyKey = "commentary.vocabulary"
    static let embeddingKey = "commentary.sentence_embedding"
    static let keypointTextsKey = "commentary.keypoint_texts"
    static let gateKey = "commentary.gate"
    static let sentencesKey = "commentary.sentences"
    static let featureVersionKey = "commentary.feature_version"

    /// Where the commentary file of the assessment model at `modelURL` lives.
    public static func url(besideModel modelURL: URL) -> URL {
        let name = modelURL.lastPathComponent
        let stem = name.hasSuffix(".safetensors") ? String(name.dropLast(".safetensors".count)) : name
        return modelURL.deletingLastPathComponent().appendingPathComponent(stem + ".commentary.safetensors")
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Writes `generator` (same generator, same bytes); `featureVersion` is the assessment
    /// model's.
    public static func write(_ generator: CommentaryGenerator, featureVersion: String, to url: URL) throws {
        var metadata: [String: String] = [
            formatKey: formatVersion,
            configurationKey: try json(generator.configuration),
            vocabularyKey: try json(generator.vocabulary),
            embeddingKey: try json(generator.sentenceEmbedding),
            keypointTextsKey: try json(generator.keypointTexts),
            featureVersionKey: featureVersion,
            Checkpoint.formatVersionKey: Checkpoint.formatVersion,
        ]
        if let gate = generator.gate { metadata[gateKey] = try json(gate) }
        if let bank = generator.sentenceBank { metadata[sentencesKey] = try json(bank) }
        try Safetensors.write(generator.network.parameters(), metadata: metadata, to: url)
    }

    /// Reads a generator written by ``write(_:featureVersion:to:)``. `width` and
    /// `featureVersion` are the assessment model's; a file made for another model is refused
    /// with a one-line error naming the file.
    public static func read(_ url: URL, width: Int, featureVersion: String) throws -> CommentaryGenerator {
        func fail(_ reason: String) -> CommentaryError { .invalidModel(file: url.path, reason: reason) }
        let file: Safetensors.File
        do {
            file = try Safetensors.read(contentsOf: url)
        } catch {
            throw fail("not a commentary model file (\(error))")
        }
        let meta = file.metadata
        guard let format = meta[formatKey] else { throw fail("safetensors file without commentary metadata (not written by `routine train`)") }
        guard format == formatVersion else { throw fail("commentary format \(format), this build reads \(formatVersion); retrain with this version") }
        func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            guard let text = meta[key] else { throw fail("metadata '\(key)' is missing") }
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw fail("metadata '\(key)' is not valid: \(error)")
            }
        }
        let configuration = try decode(CommentaryConfiguration.self, configurationKey)
        guard configuration.width == width else {
            throw fail("made for an assessment model of width \(configuration.width), this model has width \(width)")
        }
        if let version = meta[featureVersionKey], version != featureVersion {
            throw fail("made for features '\(version)', the assessment model uses '\(featureVersion)'")
        }
        let generator = CommentaryGenerator(
            configuration: configuration, vocabulary: try decode(Vocabulary.self, vocabularyKey),
            sentenceEmbedding: try decode(SentenceEmbedding.self, embeddingKey), keypointTexts: try decode([String].self, keypointTextsKey),
            sentenceBank: meta[sentencesKey] == nil ? nil : try decode(SentenceBank.self, sentencesKey))
        if meta[gateKey] != nil { generator.gate = try decode(CommentaryGate.self, gateKey) }
        do {
            try generator.network.load(file, file: url.path)
        } catch {
            throw fail("\(error)")
        }
        return generator
    }
}
