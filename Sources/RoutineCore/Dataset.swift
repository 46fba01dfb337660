import Foundation

/// A labelled dataset folder: `annotations.jsonl` (one ``Annotation`` per line) and
/// `splits.json` (`{"train": [ids], "test": [ids]}`, split by athlete). Written with sorted
/// keys and scores rounded to 3 decimals, so the same routines give the same bytes.
public struct Dataset: Sendable {
    public var folder: URL
    public var annotations: [Annotation]
    public var splits: [String: [String]]

    public init(folder: URL, annotations: [Annotation], splits: [String: [String]]) {
        self.folder = folder
        self.annotations = annotations
        self.splits = splits
    }

    public static let annotationsFile = "annotations.jsonl"
    public static let splitsFile = "splits.json"

    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// The routines of one split, in the split file's order.
    public func routines(split: String) throws -> [Annotation] {
        guard let ids = splits[split] else {
            throw RoutineCoreError(file: folder.appendingPathComponent(Self.splitsFile).path,
                                   reason: "no split '\(split)' (has \(splits.keys.sorted().joined(separator: ", ")))")
        }
        let byID = Dictionary(annotations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.map { id in
            guard let a = byID[id] else {
                throw RoutineCoreError(file: folder.appendingPathComponent(Self.splitsFile).path, reason: "split '\(split)' names unknown routine '\(id)'")
            }
            return a
        }
    }

    /// Reads and validates a dataset folder (rubrics by event, when given, check the labels).
    public static func read(_ folder: URL, rubrics: [String: Rubric] = [:]) throws -> Dataset {
        let file = folder.appendingPathComponent(annotationsFile)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw RoutineCoreError(file: file.path, reason: FileManager.default.fileExists(atPath: file.path) ? "cannot be read as UTF-8" : "no such file (not a dataset folder?)")
        }
        var annotations: [Annotation] = []
        var ids = Set<String>()
        let decoder = decoder()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let place = "\(file.path):\(n + 1)"
            let a: Annotation
            do {
                a = try decoder.decode(Annotation.self, from: Data(trimmed.utf8))
            } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
                throw RoutineCoreError(file: place, reason: "not valid JSON")
            } catch let error as DecodingError {
                throw RoutineCoreError(file: place, reason: Rubric.explain(error))
            } catch {
                throw RoutineCoreError(file: place, reason: "not valid JSON")
            }
            guard ids.insert(a.id).inserted else { throw RoutineCoreError(file: place, reason: "duplicate routine id '\(a.id)'") }
            try a.validate(rubric: rubrics[a.event], place: place)
            annotations.append(a)
        }
        let splitsURL = folder.appendingPathComponent(splitsFile)
        var splits: [String: [String]] = [:]
        if let data = try? Data(contentsOf: splitsURL) {
            do {
                splits = try JSONDecoder().decode([String: [String]].self, from: data)
            } catch {
                throw RoutineCoreError(file: splitsURL.path, reason: "expected {\"train\": [ids], \"test\": [ids]}")
            }
        } else {
            splits = ["train": annotations.map(\.id)]
        }
        let dataset = Dataset(folder: folder, annotations: annotations, splits: splits)
        try dataset.checkSplits()
        return dataset
    }

    /// No athlete may appear in two splits (the quality figures are on unseen athletes).
    public func checkSplits() throws {
        let athleteOf = Dictionary(annotations.map { ($0.id, $0.athlete) }, uniquingKeysWith: { a, _ in a })
        var owner: [String: String] = [:]
        for split in splits.keys.sorted() {
            for id in splits[split]! {
                guard let athlete = athleteOf[id] else {
                    throw RoutineCoreError(file: folder.appendingPathComponent(Self.splitsFile).path, reason: "split '\(split)' names unknown routine '\(id)'")
                }
                if let other = owner[athlete], other != split {
                    throw RoutineCoreError(file: folder.appendingPathComponent(Self.splitsFile).path,
                                           reason: "athlete '\(athlete)' is in both '\(other)' and '\(split)'; splits must be by athlete")
                }
                owner[athlete] = split
            }
        }
    }

    /// The bytes of `annotations.jsonl`.
    public static func encodeAnnotations(_ annotations: [Annotation]) throws -> Data {
        let encoder = encoder()
        var data = Data()
        for a in annotations {
            data.append(try encoder.encode(a.rounded()))
            data.append(0x0A)
        }
        return data
    }

    /// Writes `annotations.jsonl` and `splits.json` into `folder`.
    public func write() throws {
        try checkSplits()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.encodeAnnotations(annotations).write(to: folder.appendingPathComponent(Self.annotationsFile), options: .atomic)
        var splitData = try Self.encoder(pretty: true).encode(splits)
        splitData.append(0x0A)
        try splitData.write(to: folder.appendingPathComponent(Self.splitsFile), options: .atomic)
    }

    /// Splits routines into train/test by athlete: a seeded shuffle of the athletes, the first
    /// `testFraction` of them to test.
    public static func splitByAthlete(_ annotations: [Annotation], testFraction: Double, seed: UInt64) -> [String: [String]] {
        let athletes = Array(Set(annotations.map(\.athlete))).sorted()
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var order = athletes
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        let testCount = athletes.count > 1 ? Swift.max(1, Int((Double(athletes.count) * testFraction).rounded())) : 0
        let test = Set(order.prefix(testCount))
        return ["train": annotations.filter { !test.contains($0.athlete) }.map(\.id),
                "test": annotations.filter { test.contains($0.athlete) }.map(\.id)]
    }
}

extension Annotation {
    /// Times to 1 ms and scores to 3 decimals, so encoded files are stable and readable.
    func rounded() -> Annotation {
        func r(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        var a = self
        a.difficulty = r(a.difficulty)
        a.execution = r(a.execution)
        a.score = r(a.score)
        a.duration = r(a.duration)
        a.elements = a.elements.map { var e = $0; e.start = r(e.start); e.end = r(e.end); return e }
        a.penalties = a.penalties.map { var p = $0; p.start = r(p.start); p.end = r(p.end); p.deduction = r(p.deduction); return p }
        return a
    }
}
