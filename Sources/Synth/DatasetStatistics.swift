import Foundation
import RoutineCore

/// The summary printed after `routine synth`: counts per event, level and element, the
/// histogram of final scores, how often each penalty item occurs, the mean duration.
public enum DatasetStatistics {
    public static func report(_ annotations: [Annotation]) -> String {
        guard !annotations.isEmpty else { return "no routines" }
        var lines: [String] = ["\(annotations.count) routines, \(Set(annotations.map(\.athlete)).count) athletes"]
        func counts(_ keys: [String]) -> String {
            Dictionary(grouping: keys, by: { $0 }).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }
                .joined(separator: ", ")
        }
        lines.append("events:   " + counts(annotations.map(\.event)))
        lines.append("levels:   " + counts(annotations.map { "L\($0.level)" }))
        lines.append("elements: " + counts(annotations.flatMap { $0.elements.map(\.name) }))
        let scores = annotations.map(\.score)
        let lo = (scores.min()! * 2).rounded(.down) / 2, hi = (scores.max()! * 2).rounded(.up) / 2
        lines.append("final score: min \(String(format: "%.2f", scores.min()!)), mean \(String(format: "%.2f", scores.reduce(0, +) / Double(scores.count))), max \(String(format: "%.2f", scores.max()!))")
        var b = lo
        let peak = Swift.max(1, stride(from: lo, to: hi, by: 0.5).map { x in scores.filter { $0 >= x && $0 < x + 0.5 }.count }.max() ?? 1)
        while b < hi {
            let n = scores.filter { $0 >= b && $0 < b + 0.5 }.count
            lines.append(String(format: "  %5.1f–%-5.1f %4d ", b, b + 0.5, n) + String(repeating: "█", count: Int((Double(n) / Double(peak) * 40).rounded())))
            b += 0.5
        }
        lines.append("penalty items (share of routines with the item):")
        let items = Set(annotations.flatMap { $0.penalties.map(\.item) }).sorted()
        for item in items {
            let n = annotations.filter { $0.penalties.contains { $0.item == item } }.count
            lines.append("  " + item.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: "%5.1f%%  (%d)", 100 * Double(n) / Double(annotations.count), n))
        }
        let clean = annotations.filter { $0.penalties.isEmpty }.count
        lines.append(String(format: "fault-free routines: %d; mean duration %.1f s", clean, annotations.map(\.duration).reduce(0, +) / Double(annotations.count)))
        return lines.joined(separator: "\n")
    }
}
