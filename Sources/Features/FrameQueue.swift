import Foundation
import Media

/// Decodes a video on its own thread and hands the frames over through a small bounded queue,
/// so decoding and feature extraction run on the two cores at once while memory stays bounded
/// (at most `capacity` frames wait).
final class FrameQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var frames: [VideoFrame] = []
    private var finished = false
    private var failure: Error?
    private let capacity: Int
    private(set) var report = DecodeReport()

    init(path: String, options: DecodeOptions, capacity: Int = 6) throws {
        self.capacity = capacity
        // Open on the caller's thread so a bad file fails here, with its clear error.
        let probe = try VideoDecoder(path: path, options: options)
        let box = UncheckedBox(probe)
        let thread = Thread { [self] in
            let decoder = box.value
            do {
                while let frame = try decoder.nextFrame() { push(frame) }
                finish(nil, report: decoder.report)
            } catch {
                finish(error, report: decoder.report)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func push(_ frame: VideoFrame) {
        condition.lock()
        while frames.count >= capacity { condition.wait() }
        frames.append(frame)
        condition.signal()
        condition.unlock()
    }

    private func finish(_ error: Error?, report: DecodeReport) {
        condition.lock()
        finished = true
        failure = error
        self.report = report
        condition.broadcast()
        condition.unlock()
    }

    /// The next frame, nil at the end; rethrows the decoder's error at the end.
    func next() throws -> VideoFrame? {
        condition.lock()
        defer { condition.unlock() }
        while frames.isEmpty && !finished { condition.wait() }
        if !frames.isEmpty {
            let f = frames.removeFirst()
            condition.signal()
            return f
        }
        if let failure { throw failure }
        return nil
    }
}

/// Moves a non-Sendable value to the one thread that will own it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
