/// Report draws the per-athlete and batch reports — charts, heatmaps, timelines, keyframes and
/// text laid out with Pango — as A4 PDF and per-figure SVG through Cairo. Charts draw through
/// ``Canvas`` and never call Cairo directly.
public enum Report {}
