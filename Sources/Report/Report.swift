/// Report draws the per-athlete and batch reports: charts, heatmaps, timelines, keyframes and
/// text laid out with Pango, written as PDF and SVG through Cairo.
public enum Report {}
