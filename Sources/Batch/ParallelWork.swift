import Foundation

/// Runs `body(0..<count)` on at most `jobs` threads, each taking the next index as it
/// finishes one: how the batch spreads routines, and their pages, over the cores.
func forEachInParallel(_ count: Int, jobs: Int, _ body: (Int) -> Void) {
    let lock = NSLock()
    var next = 0
    DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(jobs, count))) { _ in
        while true {
            let index: Int? = lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
            guard let index else { return }
            body(index)
        }
    }
}
