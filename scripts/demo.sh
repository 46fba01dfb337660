#!/usr/bin/env bash
# make demo: the real job on the bundled sample routines with the bundled default model.
# Writes demo-reports/: a PDF and SVG figures per athlete, results.json, results.csv, summary.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTINE=${1:-.build/release/routine}
OUT=demo-reports
"$ROUTINE" report samples/videos --manifest samples/manifest.csv --out "$OUT" "${@:2}"
echo
echo "demo: open $OUT/summary.pdf and the per-athlete PDFs; results in $OUT/results.json and $OUT/results.csv"
echo "      (ground truth of the samples: samples/annotations.jsonl)"
