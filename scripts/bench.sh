#!/usr/bin/env bash
# make bench: end-to-end figures of the release binary on generated streams.
# Prints records/s, MB/s and peak RSS of `score` on a 1M-record day and a
# 10M-record ten-day stream, the read floor (cat | wc -l), and distinct user
# agents classified per second with the cache off; then runs the same streams
# through DuckDB (scripts/bench_duckdb.py, default threads and threads=1) and
# writes every figure to BENCHMARKS.md. Streams are kept in $BENCH_DIR
# (default .build/bench) and reused. Each DuckDB run is stopped after
# $DUCKDB_LIMIT seconds (default 300).
set -euo pipefail
bin=${1:-.build/release/leadscreen}
dir=${BENCH_DIR:-.build/bench}
limit=${DUCKDB_LIMIT:-300}
mkdir -p "$dir"
results="$dir/results.tsv" # kind, label, records, s, records/s, MB/s, peak RSS MB, note
: > "$results"

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
  awk -v l="$label" -v r="$records" -v b="$bytes" -v s="$seconds" -v m="$rss_kb" -v f="$results" 'BEGIN {
    printf "%-28s %10d records %7.2f s %12.0f records/s %8.1f MB/s  peak RSS %6.1f MB\n",
      l, r, s, r / s, b / s / 1e6, m / 1024
    printf "leadscreen\t%s\t%d\t%.2f\t%.0f\t%.1f\t%.1f\t\n", l, r, s, r / s, b / s / 1e6,
      m / 1024 >> f }'
}

echo "machine: $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for size in 1m 10m; do
  file="$dir/$size.ndjson"
  start=$(date +%s.%N)
  cat "$file" | wc -l > /dev/null
  end=$(date +%s.%N)
  awk -v l="read floor $size (cat|wc -l)" -v s0="$start" -v s1="$end" -v f="$results" \
    -v r="$(wc -l < "$file")" -v b="$(stat -c %s "$file")" 'BEGIN { s = s1 - s0
      printf "%-28s %10d records %7.2f s %12.0f records/s\n", l, r, s, r / s
      printf "floor\t%s\t%d\t%.2f\t%.0f\t%.1f\t\t\n", l, r, s, r / s, b / s / 1e6 >> f }'
  measure "score $size, rules+model" "$file"
  measure "score $size, --model none" "$file" --model none
done

# Distinct user agents, cache off, against the full shipped bot rules.
grep -o '"ua":"[^"]*"' "$dir/1m.ndjson" | sort -u | sed 's/^"ua":"//; s/"$//' > "$dir/uas.txt"
echo "user agents (distinct in the 1M stream): $(wc -l < "$dir/uas.txt")"
"$bin" classify-ua --no-cache --summary < "$dir/uas.txt" | tee "$dir/classify-ua.txt"

# DuckDB peer: the closest SQL equivalent of `score` (see scripts/bench_duckdb.py).
duckdb_run() {  # size threads-label [--threads N]
  local size=$1 tlabel=$2
  shift 2
  local file="$dir/$size.ndjson" status=0 line seconds rss_kb why
  local label="duckdb $size, threads=$tlabel" log="$dir/duckdb-$size-$tlabel.log"
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" timeout "$limit" \
    python3 scripts/bench_duckdb.py "$file" --out "$dir/out-duckdb-$size-$tlabel.ndjson" "$@" \
    > "$log.out" 2> "$log" || status=$?
  if [ "$status" -eq 0 ]; then
    line=$(cat "$log.out")
    read -r seconds rss_kb < "$dir/time.txt"
    echo "$line  peak RSS $(awk -v m="$rss_kb" 'BEGIN { printf "%.1f", m / 1024 }') MB"
    sed 's/^/  /' "$log"
    # line: duckdb V: R records in S s = X records/s (threads=N)
    echo "$line" | awk -v l="$label" -v b="$(stat -c %s "$file")" -v m="$rss_kb" -v f="$results" '{ sub(/:$/, "", $2)
      printf "duckdb\t%s\t%d\t%.2f\t%.0f\t%.1f\t%.1f\t%s %s %s\n", l, $3, $6, $9, b / $6 / 1e6,
        m / 1024, $1, $2, $11 >> f }'
  else
    why="failed (exit $status, see $log)"
    if [ "$status" -eq 124 ]; then
      why="stopped: over $limit s"
    elif [ "$status" -eq 137 ] || grep -qi 'out of memory' "$log"; then
      why="out of memory"
    fi
    echo "$label: $why"
    printf 'duckdb\t%s\t\t\t\t\t\t%s\n' "$label" "$why" >> "$results"
  fi
}
for size in 1m 10m; do
  duckdb_run "$size" default
  duckdb_run "$size" 1 --threads 1
done

# BENCHMARKS.md: machine, commit, every figure above, ratios, how to rerun.
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (scripts/bench.sh); rerun with \`make bench\`."
  echo
  echo "- machine: $(nproc) cores ($(uname -m)), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  dirty=""
  git diff --quiet HEAD -- Sources Package.swift scripts rules 2>/dev/null || dirty=" (with uncommitted changes)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$dirty"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- streams: \`leadscreen generate --seed 11\` (1m: --clicks 965000 --days 1;" \
    "10m: --clicks 9650000 --days 10), read with a warm page cache"
  echo "- $(python3 --version 2>&1); DuckDB from PyPI in .build/bench/venv-duckdb"
  echo
  echo "| run | records | s | records/s | MB/s | peak RSS MB | note |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  awk -F '\t' '{ gsub(/\|/, "\\|", $2)
    printf "| %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }' "$results"
  echo
  echo "Ratios of records/s (above 1: leadscreen is faster; n/a: no DuckDB figure):"
  echo
  echo "| size | leadscreen run | / DuckDB default threads | / DuckDB threads=1 | / read floor |"
  echo "|---|---|---:|---:|---:|"
  awk -F '\t' '
    function ratio(a, b) { return (b == "") ? "n/a" : sprintf(a / b < 1 ? "%.3f" : "%.2f", a / b) }
    { split($2, w, /[ ,]+/); size = ($1 == "floor") ? w[3] : w[2] }
    $1 == "floor" { floor[size] = $5 }
    $1 == "duckdb" && $5 != "" { if ($2 ~ /threads=1$/) d1[size] = $5; else dd[size] = $5 }
    $1 == "leadscreen" { n++; lsize[n] = size; llabel[n] = $2; lrate[n] = $5 }
    END { for (i = 1; i <= n; i++) { s = lsize[i]
      printf "| %s | %s | %s | %s | %s |\n", s, llabel[i], ratio(lrate[i], dd[s]),
        ratio(lrate[i], d1[s]), ratio(lrate[i], floor[s]) } }' "$results"
  echo
  echo "Distinct user agents of the 1M stream, cache off, full shipped bot rules"
  echo "(\`leadscreen classify-ua --no-cache --summary\`):"
  echo
  echo '```'
  cat "$dir/classify-ua.txt"
  echo '```'
  echo
  echo "DuckDB's own report (1m, default threads):"
  echo
  echo '```'
  cat "$dir/duckdb-1m-default.log" 2> /dev/null || true
  echo '```'
  echo
  cat << 'TEXT'
The DuckDB side (scripts/bench_duckdb.py) times one run from `duckdb.connect()` to the
finished output file: read the NDJSON with `read_json` (explicit VARCHAR columns, `ts` as
RFC 3339 text or epoch seconds); one combined case-insensitive RE2 regex over the
distinct user agents, built from rules/bots/generic.txt and rules/bots/crawlers.txt
(RE2 rejects the look-around patterns, which are skipped; crawlers.txt is matched
caselessly here, case-sensitively by leadscreen); clicks per IP in a 600-second RANGE
window (more than 10 = burst); phone, email and zip present on leads; duration < 90 s on
calls; leads and calls joined to their click by click_id for its bot/burst flags; one
decision per lead and call written with `COPY ... TO`. It leaves out what leadscreen also
does: the data-center IP check, subnet bursts, duplicates, e-mail/phone validation,
service areas, per-campaign thresholds (min_call_seconds, required_fields) and the model.
It is less work than `score`, not the same job. leadscreen runs with its default worker
threads (the machine's cores). The read floor is `cat FILE | wc -l`. DuckDB's peak RSS
includes the Python interpreter.

Rerun: `make bench` (builds the release binary, reuses or generates the streams in
.build/bench, creates .build/bench/venv-duckdb on first use). `DUCKDB_LIMIT=N` changes
the time limit of each DuckDB run (default 300 s).
TEXT
} > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
