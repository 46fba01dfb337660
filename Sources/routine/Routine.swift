import ArgumentParser
import Foundation

/// The `routine` command: argument parsing only; every subcommand calls into a library target.
@main
struct Routine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routine",
        abstract: "Turn judged routine videos into scored, annotated reports per athlete.",
        discussion: """
            Exit status: 0 all done; 1 some inputs failed (the rest are complete, the failures \
            listed); 2 usage or configuration error (nothing written).
            """,
        version: "0.1.0",
        subcommands: [ReportCommand.self, MergeCommand.self, SynthCommand.self, FeaturesCommand.self, TrainCommand.self, ExemplarsCommand.self, EvaluateCommand.self, InspectCommand.self]
    )

    /// Parses and runs, mapping usage errors to exit status 2 as DESIGN.md specifies
    /// (ArgumentParser's own default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
