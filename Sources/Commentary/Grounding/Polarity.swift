/// Whether a sentence says what was done well or what to improve (TechCoach's two aspects).
public enum Polarity: String, Codable, Sendable, CaseIterable, Comparable {
    case strength, weakness

    public static func < (a: Polarity, b: Polarity) -> Bool { a == .strength && b == .weakness }
}
