import ArgumentParser
import Foundation
import Media

/// `routine inspect <video>`: what the decoder sees.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the decoder sees in a video: streams, fps, size, duration, rotation, frames decoded."
    )

    @Argument(help: "The video file.")
    var video: String

    @Option(help: "Analysis frame rate in frames per second, or 'native' for every decoded frame.")
    var fps: String = "15"

    @Option(help: "Analysis short side in pixels, or 'native' to keep the displayed size.")
    var size: String = "224"

    @Option(help: "Pixel buffers to produce: rgb, gray, both, or none (decode only).")
    var pixels: String = "both"

    @Option(help: "Decoder threads (0: automatic, two more than the cores).")
    var threads: Int = 0

    @Flag(help: "Keep the H.264/HEVC deblocking filter (exact pictures, about 15% slower).")
    var exact = false

    func validate() throws {
        if fps != "native", Double(fps).map({ $0 > 0 }) != true {
            throw ValidationError("--fps must be a positive number or 'native', got '\(fps)'")
        }
        if size != "native", Int(size).map({ $0 >= 2 }) != true {
            throw ValidationError("--size must be an integer ≥ 2 or 'native', got '\(size)'")
        }
        if !["rgb", "gray", "both", "none"].contains(pixels) {
            throw ValidationError("--pixels must be rgb, gray, both or none, got '\(pixels)'")
        }
        if threads < 0 { throw ValidationError("--threads must be ≥ 0") }
    }

    func run() throws {
        let outputs: [String: DecodeOptions.Output] = ["rgb": .rgb, "gray": .gray, "both": [.rgb, .gray], "none": .none]
        let options = DecodeOptions(
            rate: fps == "native" ? .native : .fps(Double(fps)!),
            shortSide: size == "native" ? nil : Int(size)!,
            output: outputs[pixels]!,
            threads: threads,
            skipLoopFilter: !exact
        )
        let inspection: VideoInspection
        do {
            inspection = try VideoInspection.run(path: video, options: options)
        } catch let error as MediaError {
            printError(error.description)
            throw ExitCode(1)
        }
        print(inspection.lines.joined(separator: "\n"))
        if let error = inspection.error {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("routine: error: \(message)\n".utf8))
}
