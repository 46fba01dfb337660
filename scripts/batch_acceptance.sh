#!/usr/bin/env bash
# Issue 8's batch acceptance, end to end with the release build and the bundled model:
# 50 synthetic routines + 3 broken files (truncated, zero bytes, text named .mp4) →
# 50 reports, 3 one-line failures, exit 1; a re-run reuses the 50; a run killed half-way
# (SIGKILL) and resumed writes the same results.json bytes as the uninterrupted run; a
# manifest athlete named ../../etc/x stays inside OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
R=${ROUTINE:-.build/release/routine}
D=${1:-bench-data/acceptance}
rm -rf "$D"; mkdir -p "$D/videos"
"$R" synth --out "$D/data" --count 50 --seed 3 --size 320x180 >/dev/null 2>&1 || { echo "synth failed"; exit 2; }
cp "$D"/data/videos/*.mp4 "$D/videos/"
first=$(ls "$D"/videos/*.mp4 | head -1)
head -c 30000 "$first" > "$D/videos/truncated.mp4"
: > "$D/videos/empty.mp4"
echo "these are my notes, not a video" > "$D/videos/notes.mp4"
printf 'file,athlete,club,event,level\n%s,../../etc/x,Evil Club,floor,2\n' "$(basename "$first")" > "$D/manifest.csv"

"$R" report "$D/videos" --manifest "$D/manifest.csv" --out "$D/full" 2>"$D/full.stderr"; status=$?
pdfs=$(ls "$D/full"/*.pdf | grep -vc summary.pdf)
echo "uninterrupted run: exit $status, $pdfs athlete PDFs, $(wc -l < "$D/full/failures.txt") failures:"
sed 's/^/    /' "$D/full/failures.txt"
outside=$(find "$D" -name 'x.pdf' -not -path "$D/full/*" -not -path "$D/killed/*" | wc -l)
echo "athlete '../../etc/x': $(ls "$D/full" | grep -c '^x.pdf\|etc') files inside OUT, $outside outside"

start=$(date +%s.%N)
"$R" report "$D/videos" --manifest "$D/manifest.csv" --out "$D/full" 2>/dev/null; status=$?
end=$(date +%s.%N)
echo "re-run: exit $status, $(grep -c '^.*reused' "$D/full/run.log") reused in the log, $(printf '%.1f' "$(echo "$end - $start" | bc -l)") s"

"$R" report "$D/videos" --manifest "$D/manifest.csv" --out "$D/killed" 2>/dev/null &
pid=$!
while [ "$(ls "$D/killed/.results" 2>/dev/null | wc -l)" -lt 25 ]; do sleep 0.2; done
kill -9 $pid; wait $pid 2>/dev/null
echo "killed after $(ls "$D/killed/.results" | wc -l) stored results"
"$R" report "$D/videos" --manifest "$D/manifest.csv" --out "$D/killed" 2>/dev/null; status=$?
if cmp -s "$D/full/results.json" "$D/killed/results.json"; then same="identical"; else same="DIFFERENT"; fi
echo "resumed: exit $status, results.json $same to the uninterrupted run's ($(wc -c < "$D/full/results.json") bytes)"
