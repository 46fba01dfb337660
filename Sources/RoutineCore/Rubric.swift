import Foundation
import Yams

/// The judging rules of one event, as a school or federation writes them
/// (`Templates/rubrics/*.yaml`, documented in docs/rubrics.md): the base score, the penalty
/// items with their allowed deductions and the phrases commentary is made of, the elements of
/// each curriculum level with their difficulty values, and the pass mark per level.
public struct Rubric: Codable, Equatable, Sendable {
    /// Deductions a penalty item may carry (LucidAction §3: {0.1, 0.3, 0.5, 1.0}).
    public static let allowedDeductions: [Double] = [0.1, 0.3, 0.5, 1.0]

    public var id: String
    public var event: String
    public var name: String
    public var baseScore: Double
    /// Final score needed to pass each curriculum level (keys 1–4).
    public var passMarks: [Int: Double]
    /// Per dimension, praise for a dimension with no penalty.
    public var dimensions: [BodyDimension: DimensionPhrases]
    public var penalties: [PenaltyItem]
    public var elements: [RubricElement]

    enum CodingKeys: String, CodingKey {
        case id, event, name, penalties, elements, dimensions
        case baseScore = "base_score"
        case passMarks = "pass_marks"
    }

    public func penalty(_ id: String) -> PenaltyItem? { penalties.first { $0.id == id } }
    public func element(_ id: String) -> RubricElement? { elements.first { $0.id == id } }

    /// Elements of exactly `level`.
    public func elements(level: Int) -> [RubricElement] { elements.filter { $0.level == level } }

    /// Every phrase the rubric words its commentary with: praise, faults and advice.
    public var wording: [String] {
        BodyDimension.allCases.flatMap { dimensions[$0]?.strengths ?? [] }
            + penalties.flatMap { p in p.strengths + p.weaknesses.keys.sorted().flatMap { p.weaknesses[$0]! } + p.advice }
    }

    /// A digest of the rubric's content (FNV-1a of its canonical JSON), so a model or a cached
    /// result can tell whether it was made with the same rules.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(StableHash.fnv1a((try? encoder.encode(self)) ?? Data()), radix: 16)
    }
}

/// Praise for a clean dimension (≥ 3 paraphrases).
public struct DimensionPhrases: Codable, Equatable, Sendable {
    public var strengths: [String]
}

/// One penalty item: what goes wrong, on which body-part dimension, how much it costs, and
/// how to talk about it.
public struct PenaltyItem: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var dimension: BodyDimension
    /// Allowed deductions, ascending, a subset of ``Rubric/allowedDeductions``.
    public var deductions: [Double]
    /// Said when the item was checked and not penalised (≥ 3 paraphrases).
    public var strengths: [String]
    /// Per deduction, how the fault is described (≥ 3 paraphrases each).
    public var weaknesses: [Double: [String]]
    /// What to practise (≥ 3 paraphrases).
    public var advice: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, dimension, deductions, advice
        case strengths = "strength"
        case weaknesses = "weakness"
    }

    public init(id: String, name: String, dimension: BodyDimension, deductions: [Double], strengths: [String],
                weaknesses: [Double: [String]], advice: [String]) {
        self.id = id
        self.name = name
        self.dimension = dimension
        self.deductions = deductions
        self.strengths = strengths
        self.weaknesses = weaknesses
        self.advice = advice
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        let raw = try c.decode(String.self, forKey: .dimension)
        guard let d = BodyDimension(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: .dimension, in: c,
                debugDescription: "unknown dimension '\(raw)' (one of \(BodyDimension.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        dimension = d
        deductions = try c.decode([Double].self, forKey: .deductions)
        strengths = try c.decode([String].self, forKey: .strengths)
        advice = try c.decode([String].self, forKey: .advice)
        let table = try c.decode([String: [String]].self, forKey: .weaknesses)
        var w: [Double: [String]] = [:]
        for (k, v) in table {
            guard let value = Double(k) else {
                throw DecodingError.dataCorruptedError(forKey: .weaknesses, in: c, debugDescription: "weakness key '\(k)' is not a deduction")
            }
            w[value] = v
        }
        weaknesses = w
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(dimension.rawValue, forKey: .dimension)
        try c.encode(deductions, forKey: .deductions)
        try c.encode(strengths, forKey: .strengths)
        try c.encode(advice, forKey: .advice)
        var table: [String: [String]] = [:]
        for (k, v) in weaknesses { table[String(format: "%.1f", k)] = v }
        try c.encode(table, forKey: .weaknesses)
    }
}

/// An element of the curriculum: its level, difficulty value and factorised attributes
/// (MTL-AQA Table 2: body shape, rotation direction, number of half rotations).
public struct RubricElement: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var level: Int
    public var difficulty: Double
    public var shape: String
    public var rotation: String
    public var halfRotations: Int

    enum CodingKeys: String, CodingKey {
        case id, name, level, difficulty, shape, rotation
        case halfRotations = "half_rotations"
    }

    public static let shapes = ["straight", "tuck", "pike", "straddle"]
    public static let rotations = ["none", "forward", "backward", "sideways"]
}

extension Rubric {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        event = try c.decode(String.self, forKey: .event)
        name = try c.decode(String.self, forKey: .name)
        baseScore = try c.decode(Double.self, forKey: .baseScore)
        passMarks = try c.decode([Int: Double].self, forKey: .passMarks)
        penalties = try c.decode([PenaltyItem].self, forKey: .penalties)
        elements = try c.decode([RubricElement].self, forKey: .elements)
        let raw = try c.decode([String: DimensionPhrases].self, forKey: .dimensions)
        var dims: [BodyDimension: DimensionPhrases] = [:]
        for (k, v) in raw {
            guard let d = BodyDimension(rawValue: k) else {
                throw DecodingError.dataCorruptedError(forKey: .dimensions, in: c, debugDescription: "unknown dimension '\(k)'")
            }
            dims[d] = v
        }
        dimensions = dims
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(event, forKey: .event)
        try c.encode(name, forKey: .name)
        try c.encode(baseScore, forKey: .baseScore)
        try c.encode(passMarks, forKey: .passMarks)
        try c.encode(penalties, forKey: .penalties)
        try c.encode(elements, forKey: .elements)
        try c.encode(Dictionary(uniqueKeysWithValues: dimensions.map { ($0.key.rawValue, $0.value) }), forKey: .dimensions)
    }

    /// Parses and validates a rubric; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws -> Rubric {
        let rubric: Rubric
        do {
            rubric = try YAMLDecoder().decode(Rubric.self, from: yaml)
        } catch let error as DecodingError {
            throw RoutineCoreError(file: file, reason: Self.explain(error))
        } catch {
            throw RoutineCoreError(file: file, reason: "not valid YAML: \(error)")
        }
        try rubric.validate(file: file)
        return rubric
    }

    /// Reads and validates the rubric at `url`.
    public static func load(_ url: URL) throws -> Rubric {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RoutineCoreError(file: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                                   ? "cannot be read as UTF-8 text" : "no such file")
        }
        return try parse(yaml: text, file: url.path)
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, ctx): return "missing field '\(path(ctx.codingPath + [key]))'"
        case let .typeMismatch(_, ctx), let .valueNotFound(_, ctx):
            return "field '\(path(ctx.codingPath))' has the wrong type (\(ctx.debugDescription))"
        case let .dataCorrupted(ctx):
            return ctx.codingPath.isEmpty ? ctx.debugDescription : "field '\(path(ctx.codingPath))': \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Checks what YAML types cannot: allowed deductions, phrases present, unique ids, levels 1–4.
    public func validate(file: String) throws {
        func fail(_ reason: String) -> RoutineCoreError { RoutineCoreError(file: file, reason: reason) }
        guard baseScore > 0 else { throw fail("base_score must be positive") }
        var seen = Set<String>()
        for p in penalties {
            guard seen.insert(p.id).inserted else { throw fail("duplicate penalty id '\(p.id)'") }
            guard !p.deductions.isEmpty else { throw fail("penalty '\(p.id)' has no deductions") }
            for d in p.deductions where !Self.allowedDeductions.contains(where: { abs($0 - d) < 1e-9 }) {
                throw fail("penalty '\(p.id)': deduction \(d) is not one of 0.1, 0.3, 0.5, 1.0")
            }
            guard p.deductions == p.deductions.sorted() else { throw fail("penalty '\(p.id)': deductions must be ascending") }
            if p.strengths.count < 3 { throw fail("penalty '\(p.id)': needs at least 3 strength phrases, has \(p.strengths.count)") }
            if p.advice.count < 3 { throw fail("penalty '\(p.id)': needs at least 3 advice lines, has \(p.advice.count)") }
            for d in p.deductions {
                let phrases = p.weaknesses.first { abs($0.key - d) < 1e-9 }?.value ?? []
                if phrases.count < 3 { throw fail("penalty '\(p.id)': needs at least 3 weakness phrases for deduction \(d), has \(phrases.count)") }
            }
            for key in p.weaknesses.keys where !p.deductions.contains(where: { abs($0 - key) < 1e-9 }) {
                throw fail("penalty '\(p.id)': weakness phrases for \(key), which is not one of its deductions")
            }
            if (p.strengths + p.advice + p.weaknesses.values.flatMap { $0 }).contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw fail("penalty '\(p.id)': empty phrase")
            }
        }
        if penalties.count < 1 { throw fail("no penalty items") }
        seen = []
        for e in elements {
            guard seen.insert(e.id).inserted else { throw fail("duplicate element id '\(e.id)'") }
            guard (1...4).contains(e.level) else { throw fail("element '\(e.id)': level \(e.level) is not 1–4") }
            guard e.difficulty >= 0 else { throw fail("element '\(e.id)': negative difficulty") }
            guard RubricElement.shapes.contains(e.shape) else { throw fail("element '\(e.id)': unknown shape '\(e.shape)' (\(RubricElement.shapes.joined(separator: ", ")))") }
            guard RubricElement.rotations.contains(e.rotation) else { throw fail("element '\(e.id)': unknown rotation '\(e.rotation)' (\(RubricElement.rotations.joined(separator: ", ")))") }
            guard e.halfRotations >= 0 else { throw fail("element '\(e.id)': negative half_rotations") }
        }
        for level in Set(elements.map(\.level)) where passMarks[level] == nil {
            throw fail("no pass mark for level \(level)")
        }
        for level in passMarks.keys where !(1...4).contains(level) { throw fail("pass mark for level \(level), which is not 1–4") }
        for d in BodyDimension.allCases {
            guard let phrases = dimensions[d], phrases.strengths.count >= 3 else {
                throw fail("dimension '\(d.rawValue)' needs at least 3 strength phrases")
            }
        }
    }
}
