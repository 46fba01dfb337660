import CCairo
import Foundation

/// Where the model looked inside the athlete at one moment: its spatial attention over the
/// G cells of the athlete-centred crop (FeatureExtractor: a square of 1.25 × the box's larger
/// side around the box centre, split into a √G × √G grid), drawn as translucent heat cells over
/// the keyframe — opaque where the weight is largest, clear where it is zero.
public struct SpatialAttentionOverlay {
    public var weights: [Double]
    /// The athlete box, normalised to the image (centre x, centre y, width, height).
    public var box: (Double, Double, Double, Double)
    /// Image width over height.
    public var imageAspect: Double
    /// Opacity of the most attended cell.
    public var maximumAlpha = 0.45

    public init(weights: [Double], box: (Double, Double, Double, Double), imageAspect: Double) {
        self.weights = weights
        self.box = box
        self.imageAspect = imageAspect
    }

    /// The crop square in normalised image coordinates (x, y, width, height).
    var crop: (Double, Double, Double, Double) {
        let (bx, by, bw, bh) = box
        // Side in units of the image height: the larger of the box's sides, × 1.25.
        let side = 1.25 * max(bw * imageAspect, bh)
        return (bx - side / imageAspect / 2, by - side / 2, side / imageAspect, side)
    }

    public func draw(_ canvas: Canvas, in cell: Rect) {
        let grid = Int(Double(weights.count).squareRoot().rounded())
        guard grid > 0, grid * grid == weights.count, let top = weights.max(), top > 0 else { return }
        let (cx, cy, cw, ch) = crop
        let cr = canvas.context.cr
        cairo_save(cr)
        cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height)
        cairo_clip(cr)
        for row in 0..<grid {
            for col in 0..<grid {
                let t = weights[row * grid + col] / top
                let c = Color.heat(t)
                canvas.context.setColor(c.r, c.g, c.b, maximumAlpha * t)
                canvas.context.rectangle(cell.x + (cx + Double(col) * cw / Double(grid)) * cell.width,
                                         cell.y + (cy + Double(row) * ch / Double(grid)) * cell.height,
                                         cw / Double(grid) * cell.width, ch / Double(grid) * cell.height)
                canvas.context.fill()
            }
        }
        cairo_restore(cr)
    }
}
