/// How commentary cites a moment of the routine: minutes, seconds and tenths, "0:04.2".
public enum MomentFormat {
    public static func string(_ seconds: Double) -> String {
        let tenths = Int((Swift.max(0, seconds) * 10).rounded())
        let minutes = tenths / 600
        let rest = tenths % 600
        let s = rest / 10, t = rest % 10
        return "\(minutes):\(s < 10 ? "0" : "")\(s).\(t)"
    }
}
