import Foundation

extension Tensor {
    /// Sinusoidal positional encoding [length, width] (Vaswani et al.): even columns
    /// sin(p / 10000^(2i/width)), odd columns the cosine. A constant, not a parameter.
    public static func sinusoidalPositions(length: Int, width: Int) -> Tensor {
        var values = [Float](repeating: 0, count: length * width)
        for p in 0..<length {
            for i in stride(from: 0, to: width, by: 2) {
                let angle = Double(p) / Foundation.pow(10_000, Double(i) / Double(width))
                values[p * width + i] = Float(Foundation.sin(angle))
                if i + 1 < width { values[p * width + i + 1] = Float(Foundation.cos(angle)) }
            }
        }
        return Tensor(shape: [length, width], data: values)
    }
}
