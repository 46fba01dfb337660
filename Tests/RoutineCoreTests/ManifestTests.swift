import Testing
@testable import RoutineCore

@Suite("Manifest")
struct ManifestTests {
    @Test func parsesRowsWithOptionalColumns() throws {
        let text = """
            file,athlete,club,event,level,element,view,date
            ben.front.mp4,Ben,"Turnverein, Nord",Floor,2,cartwheel,front,2026-11-01
            ben.side.mp4,Ben,"Turnverein, Nord",floor,2,cartwheel,side,2026-11-01

            anna.mp4,Zoë Müller,,,,,,
            """
        let m = try Manifest.parse(text, file: "manifest.csv")
        #expect(m.rows.count == 3)
        #expect(m.rows[0].club == "Turnverein, Nord")
        #expect(m.rows[0].event == "floor")
        #expect(m.row(for: "anna.mp4")?.athlete == "Zoë Müller")
        #expect(m.row(for: "anna.mp4")?.level == nil)
        #expect(m.rows[2].line == 5)
        #expect(try Manifest.parse("file\nx.mp4\n", file: "m.csv").rows.map(\.file) == ["x.mp4"])
    }

    @Test(arguments: [
        ("athlete\nAnna\n", "m.csv: the header row must name a 'file' column"),
        ("file,level\na.mp4,7\n", "m.csv:2: level '7' is not 1–4"),
        ("file,athlete\na.mp4\n", "m.csv:2: 1 fields, the header has 2"),
        ("file,colour\na.mp4,red\n", "unknown column 'colour'"),
        ("file\n../../etc/passwd\n", "m.csv:2: 'file' must be a path inside the videos folder"),
        ("file\na.mp4\na.mp4\n", "m.csv:3: 'a.mp4' is listed again (first on line 2)"),
    ])
    func brokenRowsAreNamed(text: String, message: String) {
        do {
            _ = try Manifest.parse(text, file: "m.csv")
            Issue.record("accepted: \(message)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func safeFileNames() {
        #expect(safeFileName("Zoë Müller") == "Zoë Müller")
        #expect(safeFileName("李娜") == "李娜")
        #expect(safeFileName("../../etc/passwd") == "_.._etc_passwd")
        #expect(!safeFileName("a/b\\c").contains("/"))
        #expect(safeFileName("..") == "routine")
        #expect(safeFileName("") == "routine")
        #expect(safeFileName(".hidden") == "hidden")
        #expect(safeFileName(String(repeating: "x", count: 300)).count == 100)
    }
}
