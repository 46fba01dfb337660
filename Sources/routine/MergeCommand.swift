import ArgumentParser
import Batch
import Foundation

/// `routine merge OUT1 OUT2 … --out OUT`: the summary over shard runs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the outputs of sharded `routine report` runs into one results.json and results.csv.",
        discussion: "Each input is the --out folder of one `routine report --shard i/n` run."
    )

    @Argument(help: "Output folders of the shard runs.")
    var shards: [String]

    @Option(help: "Folder for the merged results.")
    var out: String

    func run() throws {
        try runBatch {
            let count = try MergeJob(inputs: shards.map { URL(fileURLWithPath: $0) }, out: URL(fileURLWithPath: out)).run()
            print("merged \(count) routine\(count == 1 ? "" : "s") into \(out)")
        }
    }
}

/// Runs a batch action, turning a ``BatchError`` into its one-line message and exit status.
func runBatch(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as BatchError {
        printError(error.description)
        throw ExitCode(error.exitStatus)
    }
}
