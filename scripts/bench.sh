#!/usr/bin/env bash
# Benchmarks: each section prints its figures and the ratio to its target.
# Media: decoding a 60 s 1080p30 H.264 file with `routine inspect` vs `ffmpeg -threads 2`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTINE=.build/release/routine
DATA=bench-data
mkdir -p "$DATA"
FILE="$DATA/bench-1080p30-60s.mp4"
RUNS=${BENCH_RUNS:-3}

if [ ! -s "$FILE" ]; then
  echo "bench: generating $FILE (60 s 1080p30 H.264, moving test pattern with film-like noise)…" >&2
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=3:allf=t" -t 60 \
    -c:v libx264 -preset faster -crf 21 -pix_fmt yuv420p "$FILE"
fi

# best of $RUNS wall-clock seconds of a command
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local start end t
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%.3f' "$best"
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
# seconds of one run of a command
once() {
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  printf '%.3f' "$(echo "$end - $start" | bc -l)"
}
# The machine's speed drifts between minutes (shared cores), so a ratio of two best-of-N
# times taken minutes apart can be off by 20%: run the two commands in alternation and report
# the median of the per-pair ratios (and each command's best time).
# Usage: paired "COMMAND A" "COMMAND B" (each run with bash -c); sets a_s, b_s, pair_ratio.
paired() {
  local -a ratios=()
  a_s=""; b_s=""
  for _ in $(seq "$RUNS"); do
    local ta tb
    ta=$(once bash -c "$1"); tb=$(once bash -c "$2")
    if [ -z "$a_s" ] || [ "$(echo "$ta < $a_s" | bc -l)" = 1 ]; then a_s=$ta; fi
    if [ -z "$b_s" ] || [ "$(echo "$tb < $b_s" | bc -l)" = 1 ]; then b_s=$tb; fi
    ratios+=("$(echo "$ta / $tb" | bc -l)")
  done
  pair_ratio=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }')
}

echo "== Media: decode of $FILE ($(du -h "$FILE" | cut -f1)), best of $RUNS"
ffmpeg_s=$(best ffmpeg -v error -threads 2 -i "$FILE" -f null -)
exact_s=$(best $ROUTINE inspect "$FILE" --fps native --size native --pixels none --threads 2 --exact)
fast_s=$(best $ROUTINE inspect "$FILE" --fps native --size native --pixels none --threads 2)
analysis_s=$(best $ROUTINE inspect "$FILE" --fps 15 --size 224 --pixels gray --threads 2)
echo "ffmpeg -threads 2 -f null (full rate, deblocking on):        ${ffmpeg_s} s"
echo "routine inspect, full rate, deblocking on (same work):        ${exact_s} s   ratio $(ratio "$exact_s" "$ffmpeg_s")  (target ≤ 1.10)"
echo "routine inspect, full rate, deblocking skipped (default):     ${fast_s} s   ratio $(ratio "$fast_s" "$ffmpeg_s")"
echo "routine inspect, analysis 15 fps, 224 px gray:                ${analysis_s} s   ratio $(ratio "$analysis_s" "$ffmpeg_s")"
rss=$( { /usr/bin/time -f '%M' $ROUTINE inspect "$FILE" --fps 15 --size 224 --threads 2 >/dev/null; } 2>&1 | tail -1)
echo "peak RSS, analysis decode (rgb+gray):                          $((rss / 1024)) MiB"

if [ -x .build/release/NeuralBench ]; then
  echo
  echo "== Neural"
  .build/release/NeuralBench
fi

echo
echo "== Features: extraction + decoding of $FILE vs decode alone (analysis settings)"
rm -rf "$DATA/features-cache"
# Both sides use the decoder's automatic thread count (cores + 2; faster than one per core
# for decode alone too, so the baseline is the best decode, not a handicapped one).
DECODE="$ROUTINE inspect '$FILE' --fps 15 --size 224 --pixels gray"
paired "rm -rf '$DATA/features-cache'; $ROUTINE features '$FILE' --out '$DATA/features-cache'" "$DECODE"
features_s=$a_s; decode_s=$b_s; features_ratio=$pair_ratio
echo "decode alone (15 fps, 224 px gray, automatic threads):         ${decode_s} s"
echo "routine features (decode + features, pipelined):               ${features_s} s   ratio ${features_ratio}  (median of $RUNS alternating pairs; target ≤ 1.30)"
rss=$( { /usr/bin/time -f '%M' bash -c "rm -rf '$DATA/features-cache'; $ROUTINE features '$FILE' --out '$DATA/features-cache'" >/dev/null; } 2>&1 | tail -1)
echo "peak RSS, features of the 60 s file:                           $((rss / 1024)) MiB"
LONG="$DATA/bench-1080p30-300s.mp4"
if [ ! -s "$LONG" ]; then
  echo "bench: generating $LONG (300 s 1080p30 H.264)…" >&2
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=3:allf=t" -t 300 \
    -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p "$LONG"
fi
rss=$( { /usr/bin/time -f '%M' bash -c "rm -rf '$DATA/features-cache-long'; $ROUTINE features '$LONG' --out '$DATA/features-cache-long'" >/dev/null; } 2>&1 | tail -1)
echo "peak RSS, features of the 300 s file (flat with length?):       $((rss / 1024)) MiB"

echo
echo "== Synth: rendering + encoding speed at 640×360, 2 jobs"
rm -rf "$DATA/synth"
$ROUTINE synth --out "$DATA/synth" --count 8 --seed 1 --jobs 2 2>/dev/null | tail -1

echo
echo "== Report: end to end with the bundled model"
mkdir -p "$DATA/report-1080p"
ln -f "$FILE" "$DATA/report-1080p/bench.mp4"
paired "rm -rf '$DATA/report-1080p-out'; $ROUTINE report '$DATA/report-1080p' --out '$DATA/report-1080p-out'" "$DECODE"
echo "decode alone (15 fps, 224 px gray), alternating with the report: ${b_s} s"
echo "routine report of the 60 s 1080p file (decode, features, model, keyframes, PDF): ${a_s} s   ratio to decode alone ${pair_ratio}  (median of $RUNS alternating pairs; target ≤ 1.30)"
rm -rf "$DATA/report-samples"
start=$(date +%s.%N)
$ROUTINE report samples/videos --manifest samples/manifest.csv --out "$DATA/report-samples" >/dev/null 2>&1
end=$(date +%s.%N)
n=$(ls samples/videos/*.mp4 | wc -l)
echo "routine report of samples/ ($n routines, 2 workers):            $(printf '%.2f' "$(echo "($end - $start) / $n" | bc -l)") s per routine"
awk '/rendered .* in / { for (i = 1; i <= NF; i++) { if ($i == "in") t += $(i + 1); if ($i ~ /^\(/) { kb += substr($i, 2); } } n++ }
     END { if (n) printf "report rendering per athlete (PDF + SVG figures):             %.3f s   (target < 0.2)\nPDF size per athlete:                                          %d KB    (target < 1024)\n", t / n, kb / n }' \
  "$DATA/report-samples/run.log"
