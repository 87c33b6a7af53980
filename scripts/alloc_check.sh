#!/usr/bin/env bash
# Per-click allocation guard (issue 6), on the release binary: a click whose verdict
# is not written must go from the input buffer to the click state without a heap
# allocation. Counts every malloc of two `score` runs (scripts/malloc_count.c through
# LD_PRELOAD) over the first 10,000 and the first 40,000 clicks of a generated day;
# the 30,000 extra clicks may add only the doubling growth of the tables (fewer than
# MAX_EXTRA allocations, default 300), for --threads 1 and --threads 2.
# Usage: scripts/alloc_check.sh [BINARY]   (default .build/release/leadscreen)
set -euo pipefail
bin=${1:-.build/release/leadscreen}
max=${MAX_EXTRA:-300}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc=${CC:-clang}
command -v "$cc" > /dev/null || cc=cc
"$cc" -O2 -shared -fPIC -o "$dir/count.so" scripts/malloc_count.c
"$bin" generate --clicks 45000 --seed 5 --campaigns-out "$dir/campaigns.yaml" \
  --out "$dir/day.ndjson" 2> /dev/null
grep '"type":"click"' "$dir/day.ndjson" > "$dir/clicks.ndjson"
head -n 10000 "$dir/clicks.ndjson" > "$dir/small.ndjson"
head -n 40000 "$dir/clicks.ndjson" > "$dir/large.ndjson"
[ "$(wc -l < "$dir/large.ndjson")" -eq 40000 ] || { echo "alloc_check: too few clicks" >&2; exit 1; }
count() {  # file threads
  LD_PRELOAD="$dir/count.so" MALLOC_COUNT_OUT="$dir/count.txt" "$bin" score --quiet \
    --threads "$2" --campaigns "$dir/campaigns.yaml" "$1" > "$dir/out.ndjson"
  cat "$dir/count.txt"
}
status=0
for threads in 1 2; do
  small=$(count "$dir/small.ndjson" "$threads")
  large=$(count "$dir/large.ndjson" "$threads")
  extra=$((large - small))
  verdict=ok
  if [ "$extra" -ge "$max" ]; then verdict="FAILED (limit $max)"; status=1; fi
  echo "alloc_check --threads $threads: $small allocations for 10000 clicks, $large for 40000:" \
    "$extra more for 30000 clicks ($(awk -v e="$extra" 'BEGIN { printf "%.4f", e / 30000 }')" \
    "a click): $verdict"
done
exit $status
