#!/usr/bin/env bash
# make bench: end-to-end figures of the release binary on generated streams.
# Prints records/s, MB/s and peak RSS of `score` on a 1M-record day and a
# 10M-record ten-day stream, the read floor (cat | wc -l), and distinct user
# agents classified per second with the cache off. Streams are kept in
# $BENCH_DIR (default .build/bench) and reused.
set -euo pipefail
bin=${1:-.build/release/leadscreen}
dir=${BENCH_DIR:-.build/bench}
mkdir -p "$dir"

stream() {  # name clicks days
  if [ ! -s "$dir/$1.ndjson" ]; then
    "$bin" generate --clicks "$2" --days "$3" --seed 11 \
      --campaigns-out "$dir/campaigns.yaml" --out "$dir/$1.ndjson" 2>/dev/null
  fi
}
stream 1m 965000 1
stream 10m 9650000 10

measure() {  # label file args...
  local label=$1 file=$2
  shift 2
  local records bytes
  records=$(wc -l < "$file")
  bytes=$(stat -c %s "$file")
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$bin" score --quiet --campaigns "$dir/campaigns.yaml" \
    "$@" "$file" > "$dir/out-$label.ndjson"
  read -r seconds rss_kb < "$dir/time.txt"
  awk -v l="$label" -v r="$records" -v b="$bytes" -v s="$seconds" -v m="$rss_kb" 'BEGIN {
    printf "%-28s %10d records %7.2f s %12.0f records/s %8.1f MB/s  peak RSS %6.1f MB\n",
      l, r, s, r / s, b / s / 1e6, m / 1024 }'
}

echo "machine: $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for size in 1m 10m; do
  file="$dir/$size.ndjson"
  start=$(date +%s.%N)
  cat "$file" | wc -l > /dev/null
  end=$(date +%s.%N)
  awk -v l="read floor $size (cat|wc -l)" -v s0="$start" -v s1="$end" \
    -v r="$(wc -l < "$file")" 'BEGIN { s = s1 - s0
      printf "%-28s %10d records %7.2f s %12.0f records/s\n", l, r, s, r / s }'
  measure "score $size, rules+model" "$file"
  measure "score $size, --model none" "$file" --model none
done

# Distinct user agents, cache off, against the full shipped bot rules.
grep -o '"ua":"[^"]*"' "$dir/1m.ndjson" | sort -u | sed 's/^"ua":"//; s/"$//' > "$dir/uas.txt"
echo "user agents (distinct in the 1M stream): $(wc -l < "$dir/uas.txt")"
"$bin" classify-ua --no-cache --summary < "$dir/uas.txt"
