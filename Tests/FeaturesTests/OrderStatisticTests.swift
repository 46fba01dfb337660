import Testing
@testable import Features

@Suite struct OrderStatisticTests {
    @Test func kthSmallestAgreesWithSorting() {
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40 % 64)  // many ties, as grey-level differences have
        }
        for n in [1, 2, 3, 7, 100, 1001] {
            let values = (0..<n).map { _ in next() }
            let sorted = values.sorted()
            for k in Set([0, n / 2, n - 1, n / 3]) {
                var scratch = values
                #expect(kthSmallest(&scratch, k) == sorted[k], "n \(n), k \(k)")
                #expect(scratch.sorted() == sorted)
            }
        }
        var constant = [Float](repeating: 3, count: 50)
        #expect(kthSmallest(&constant, 25) == 3)
    }
}
