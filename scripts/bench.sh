#!/usr/bin/env bash
# make bench: end-to-end figures of the release binary on generated streams.
# On a 1M-record day and a 10M-record ten-day stream: records/s, MB/s and peak RSS of
# `score` (rules+model with --threads 1 and --threads 2; --model none with --threads 1
# on 1m only), whether both thread counts wrote byte-identical output (cmp), the read
# floor (cat | wc -l), leadscreen's reader alone on 1m (`score --only-read`; skipped
# with a note when the binary rejects the flag), and distinct user agents classified
# per second with the cache off; then the same streams through DuckDB
# (scripts/bench_duckdb.py, default threads and threads=1). Checks every leadscreen run
# against its row of the threshold file (minimum records/s, maximum peak RSS MB) and
# writes every figure, the ratios, issue 6's targets and the threshold check to
# BENCHMARKS.md; exits 1 after writing it when a threshold is missed.
# Environment: BENCH_DIR holds the streams (reused), outputs and logs (default
# .build/bench); BENCH_OUT is the report (default BENCHMARKS.md); BENCH_THRESHOLDS the
# threshold file (default scripts/bench-thresholds.tsv); each DuckDB run is stopped
# after DUCKDB_LIMIT seconds (default 300). Each leadscreen run is made BENCH_RUNS times
# (default 5) and reported by its median time (every time in the note; peak RSS is the
# largest of the runs): on a shared machine one run can be slowed by a neighbour.
set -euo pipefail
# Numbers with a decimal point whatever the user's locale (bash writes $EPOCHREALTIME
# with the locale's separator, and awk reads it).
export LC_ALL=C
bin=${1:-.build/release/leadscreen}
dir=${BENCH_DIR:-.build/bench}
limit=${DUCKDB_LIMIT:-300}
runs=${BENCH_RUNS:-5}
report=${BENCH_OUT:-BENCHMARKS.md}
thresholds=${BENCH_THRESHOLDS:-scripts/bench-thresholds.tsv}
mkdir -p "$dir"
results="$dir/results.tsv"     # kind, label, records, s, records/s, MB/s, peak RSS MB, note
identical="$dir/identical.tsv" # size, identical or DIFFERENT (--threads 1 vs --threads 2)
commands="$dir/commands.txt"   # every command timed, one a line
check="$dir/thresholds.txt"    # the threshold check, as printed
: > "$results"
: > "$identical"
: > "$commands"

stream() {  # name clicks days
  if [ ! -s "$dir/$1.ndjson" ]; then
    "$bin" generate --clicks "$2" --days "$3" --seed 11 \
      --campaigns-out "$dir/campaigns.yaml" --out "$dir/$1.ndjson" 2>/dev/null
  fi
}
stream 1m 965000 1
stream 10m 9650000 10

slug() { printf '%s' "$1" | tr -cs 'A-Za-z0-9.=+-' '_'; }
command_line() {  # words... (shell-quoted, one line)
  local line
  line=$(printf '%q ' "$@")
  printf '%s' "${line% }"
}

# One timed `leadscreen score` measurement, made $runs times: verdicts to
# $dir/out-<label>.ndjson, standard error to $dir/err-<label>.log (shown indented). Exit 0
# or 65 (some lines rejected) count as a run; any other status stops the bench. The
# median time is reported, with all the times in the note, and the largest peak RSS.
measure() {  # kind label file score-options...
  local kind=$1 label=$2 file=$3
  shift 3
  local name records bytes seconds rss_kb status=0 run times="" peak=0 median started ended
  name=$(slug "$label")
  records=$(wc -l < "$file")
  bytes=$(stat -c %s "$file")
  echo "$(command_line "$bin" score "$@" "$file") > $(command_line "$dir/out-$name.ndjson")" >> "$commands"
  for run in $(seq "$runs"); do
    status=0
    # Wall time from bash's microsecond clock (time(1)'s %e has two decimals: at about
    # 1 s a run that is 1%), time(1)'s own start included; time(1) gives the peak RSS.
    started=$EPOCHREALTIME
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$bin" score "$@" "$file" \
      > "$dir/out-$name.ndjson" 2> "$dir/err-$name.log" || status=$?
    ended=$EPOCHREALTIME
    if [ "$status" -ne 0 ] && [ "$status" -ne 65 ]; then
      echo "$label: failed (exit $status):" >&2
      sed 's/^/  /' "$dir/err-$name.log" >&2
      exit 1
    fi
    # time(1) puts "Command exited with non-zero status N" first when the status is not 0.
    read -r _ rss_kb < <(tail -n 1 "$dir/time.txt")
    seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", b - a }')
    times="$times $seconds"
    if [ "$rss_kb" -gt "$peak" ]; then peak=$rss_kb; fi
  done
  median=$(printf '%s\n' $times | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  awk -v k="$kind" -v l="$label" -v r="$records" -v b="$bytes" -v s="$median" -v m="$peak" \
    -v x="$status" -v f="$results" -v all="$times" -v n="$runs" 'BEGIN {
    note = (n > 1) ? "median of " n " runs:" all " s" : ""
    if (x == 65) note = note (note == "" ? "" : "; ") "exit 65: some lines rejected"
    if (s < 0.001) { s = 0.001; note = note (note == "" ? "" : "; ") "under 0.001 s, counted as 0.001" }
    printf "%-36s %10d records %7.3f s %12.0f records/s %8.1f MB/s  peak RSS %6.1f MB  (runs:%s)\n",
      l, r, s, r / s, b / s / 1e6, m / 1024, all
    printf "%s\t%s\t%d\t%.3f\t%.0f\t%.1f\t%.1f\t%s\n", k, l, r, s, r / s, b / s / 1e6,
      m / 1024, note >> f }'
  if [ -s "$dir/err-$name.log" ]; then sed 's/^/  /' "$dir/err-$name.log"; fi
}

# The reader alone (`score --only-read`): reads and parses every line, counts records
# and rejects, writes nothing on standard output. A binary without the flag exits 64.
reader() {  # size
  local label="reader alone $1" status=0
  "$bin" score --only-read /dev/null > /dev/null 2> "$dir/only-read-probe.log" || status=$?
  if [ "$status" -eq 64 ]; then
    echo "$label: skipped, this binary rejects --only-read (exit 64)"
    printf 'reader\t%s\t\t\t\t\t\t%s\n' "$label" "not measured: the binary rejects --only-read (exit 64)" \
      >> "$results"
  else
    measure reader "$label" "$dir/$1.ndjson" --only-read
  fi
}

score_options=(--quiet --campaigns "$dir/campaigns.yaml")
echo "machine: $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for size in 1m 10m; do
  file="$dir/$size.ndjson"
  echo "cat $file | wc -l" >> "$commands"
  start=$EPOCHREALTIME
  cat "$file" | wc -l > /dev/null
  end=$EPOCHREALTIME
  awk -v l="read floor $size (cat|wc -l)" -v s0="$start" -v s1="$end" -v f="$results" \
    -v r="$(wc -l < "$file")" -v b="$(stat -c %s "$file")" 'BEGIN { s = s1 - s0
      printf "%-36s %10d records %7.3f s %12.0f records/s\n", l, r, s, r / s
      printf "floor\t%s\t%d\t%.3f\t%.0f\t%.1f\t\t\n", l, r, s, r / s, b / s / 1e6 >> f }'
  if [ "$size" = 1m ]; then
    reader "$size"
  fi
  for threads in 1 2; do
    measure leadscreen "score $size, rules+model, threads=$threads" "$file" \
      "${score_options[@]}" --threads "$threads"
  done
  # --threads N must not change the output: compare the two runs byte for byte.
  if cmp -s "$dir/out-$(slug "score $size, rules+model, threads=1").ndjson" \
    "$dir/out-$(slug "score $size, rules+model, threads=2").ndjson"; then
    same=identical
  else
    same=DIFFERENT
  fi
  echo "output $size, --threads 1 vs --threads 2 (cmp): $same"
  printf '%s\t%s\n' "$size" "$same" >> "$identical"
  if [ "$size" = 1m ]; then
    measure leadscreen "score $size, --model none, threads=1" "$file" \
      "${score_options[@]}" --model none --threads 1
  fi
done

# Distinct user agents, cache off, against the full shipped bot rules.
grep -o '"ua":"[^"]*"' "$dir/1m.ndjson" | sort -u | sed 's/^"ua":"//; s/"$//' > "$dir/uas.txt"
echo "user agents (distinct in the 1M stream): $(wc -l < "$dir/uas.txt")"
# Per-click allocations (not timed): the release binary absorbs clicks without malloc.
echo "scripts/alloc_check.sh $bin" >> "$commands"
scripts/alloc_check.sh "$bin" | tee "$dir/alloc-check.txt" || true
echo "$bin classify-ua --no-cache --summary < $dir/uas.txt" >> "$commands"
"$bin" classify-ua --no-cache --summary < "$dir/uas.txt" | tee "$dir/classify-ua.txt"

# DuckDB peer: the closest SQL equivalent of `score` (see scripts/bench_duckdb.py).
duckdb_run() {  # size threads-label [--threads N]
  local size=$1 tlabel=$2
  shift 2
  local file="$dir/$size.ndjson" status=0 line seconds rss_kb why
  local label="duckdb $size, threads=$tlabel" log="$dir/duckdb-$size-$tlabel.log"
  command_line python3 scripts/bench_duckdb.py "$file" --out "$dir/out-duckdb-$size-$tlabel.ndjson" "$@" \
    >> "$commands"
  echo >> "$commands"
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" timeout "$limit" \
    python3 scripts/bench_duckdb.py "$file" --out "$dir/out-duckdb-$size-$tlabel.ndjson" "$@" \
    > "$log.out" 2> "$log" || status=$?
  if [ "$status" -eq 0 ]; then
    line=$(cat "$log.out")
    read -r seconds rss_kb < <(tail -n 1 "$dir/time.txt")
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

# Regression check: each leadscreen run against its row of $thresholds (label, minimum
# records/s, maximum peak RSS MB; '-' is no limit). A malformed row fails the check too;
# a missing file is reported and checks nothing.
if [ -f "$thresholds" ]; then
  awk -F '\t' -v tf="$thresholds" '
    function num(v) { return v == "-" || v ~ /^[0-9]+(\.[0-9]+)?$/ }
    FILENAME == tf { if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/) next
      if (NF != 3 || !num($2) || !num($3)) {
        printf "thresholds: %s line %d: bad row, want label<TAB>min records/s<TAB>max peak RSS MB\n", tf, FNR
        badrows++; next }
      n++; label[n] = $1; floor[n] = $2; ceiling[n] = $3; row[$1] = 1; next }
    $1 == "leadscreen" || $1 == "reader" { m++; run[m] = $2; seen[$2] = 1
      rate[$2] = $5; rss[$2] = $7; note[$2] = $8 }
    END {
      for (i = 1; i <= n; i++) { l = label[i]
        if (!(l in seen)) { printf "not checked: %s: no such run in this bench\n", l; continue }
        if (rate[l] == "") { printf "not checked: %s: %s\n", l, note[l]; continue }
        checked++
        if (floor[i] != "-" && rate[l] + 0 < floor[i] + 0) { bad++
          printf "REGRESSION: %s: %.0f records/s, below the floor of %.0f\n", l, rate[l], floor[i] }
        if (ceiling[i] != "-" && rss[l] + 0 > ceiling[i] + 0) { bad++
          printf "REGRESSION: %s: peak RSS %.1f MB, above the ceiling of %s MB\n", l, rss[l], ceiling[i] }
      }
      for (j = 1; j <= m; j++) if (!(run[j] in row)) printf "not checked: %s: no row in %s\n", run[j], tf
      if (bad + badrows == 0) printf "thresholds: all met (runs checked: %d, against %s)\n", checked, tf
      else printf "thresholds: not all met: %d missed, %d bad rows (runs checked: %d, against %s)\n",
        bad, badrows, checked, tf
    }' "$thresholds" "$results" > "$check"
else
  echo "thresholds: $thresholds not found, nothing checked" > "$check"
fi
cat "$check"
regressed=0
tail -n 1 "$check" | grep -q '^thresholds: not all met' && regressed=1

# BENCHMARKS.md: machine, commit, every figure above, ratios, targets, thresholds,
# the commands and how to rerun.
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (scripts/bench.sh); rerun with \`make bench\`."
  echo
  echo "- machine: $(nproc) cores ($(uname -m)), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  dirty=""
  if ! git diff --quiet HEAD -- Sources Package.swift scripts rules 2>/dev/null \
    || [ -n "$(git status --porcelain -- Sources Package.swift scripts rules 2>/dev/null)" ]; then
    dirty=" (with uncommitted changes)"
  fi
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
  echo "Output of \`--threads 1\` and \`--threads 2\` (rules+model), compared byte for byte with \`cmp\`:"
  echo
  awk -F '\t' '{ printf "- %s: %s\n", $1, $2 }' "$identical"
  echo
  echo "Ratios of records/s (above 1: leadscreen is faster; n/a: no figure; -: not compared):"
  echo
  echo "| size | leadscreen run | / DuckDB default threads | / DuckDB threads=1 | / read floor |"
  echo "|---|---|---:|---:|---:|"
  awk -F '\t' '
    function ratio(a, b) { return (a == "" || b == "") ? "n/a" : sprintf(a / b < 1 ? "%.3f" : "%.2f", a / b) }
    { size = match($2, /(^| )[0-9]+m([ ,]|$)/) ? substr($2, RSTART, RLENGTH) : "?"
      gsub(/[ ,]/, "", size) }
    $1 == "floor" { floor[size] = $5 }
    $1 == "duckdb" && $5 != "" { if ($2 ~ /threads=1$/) d1[size] = $5; else dd[size] = $5 }
    $1 == "leadscreen" || $1 == "reader" { n++; kind[n] = $1; lsize[n] = size; llabel[n] = $2; lrate[n] = $5 }
    END { for (i = 1; i <= n; i++) { s = lsize[i]
      if (kind[i] == "reader") { a = "-"; b = "-" }
      else { a = ratio(lrate[i], dd[s]); b = ratio(lrate[i], d1[s]) }
      printf "| %s | %s | %s | %s | %s |\n", s, llabel[i], a, b, ratio(lrate[i], floor[s]) } }' "$results"
  echo
  echo "Targets of issue 6 (release build, this machine), from the figures above:"
  echo
  echo "| target | measured | result |"
  echo "|---|---|---|"
  awk -F '\t' -v ua="$(awk -F '\t' '$1 == "per second" { print $2 }' "$dir/classify-ua.txt")" '
    function commas(x,   s, r) { s = sprintf("%.0f", x); r = ""
      while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
      return s r }
    function verdict(v, goal, most) {
      return v == "" ? "not measured" : ((most ? v + 0 <= goal : v + 0 >= goal) ? "met" : "not met") }
    function row(target, v, shown, goal, most) {
      printf "| %s | %s | %s |\n", target, v == "" ? "n/a" : shown, verdict(v, goal, most) }
    FILENAME == ARGV[1] { same[$1] = $2; next }
    { rate[$2] = $5; rss[$2] = $7 }
    END {
      for (t = 1; t <= 2; t++) { goal = (t == 1) ? 1000000 : 1800000; r = rate["score 1m, rules+model, threads=" t]
        row("score 1m, `--threads " t "`: at least " commas(goal) " records/s", r, commas(r) " records/s", goal, 0) }
      for (k = 1; k <= 2; k++) { s = (k == 1) ? "1m" : "10m"
        a = rate["score " s ", rules+model, threads=2"]; d = rate["duckdb " s ", threads=default"]
        x = (a != "" && d != "") ? a / d : ""
        row("score " s ", `--threads 2`: at least 3x DuckDB (default threads, same run)", x,
          sprintf("%.2fx", x), 3, 0) }
      row("distinct user agents classified: at least 500,000/s per core (classify-ua, one thread, cache off)",
        ua, commas(ua) "/s", 500000, 0)
      for (t = 1; t <= 2; t++) { big = rss["score 10m, rules+model, threads=" t]
        small = rss["score 1m, rules+model, threads=" t]
        row("score 10m, `--threads " t "`: peak RSS at most 200 MB", big, big " MB", 200, 1)
        x = (big != "" && small != "") ? big / small : ""
        row("score 10m, `--threads " t "`: peak RSS within 20% of 1m (10m/1m at most 1.20)", x,
          sprintf("%.2fx (%s / %s MB)", x, big, small), 1.2, 1) }
      for (k = 1; k <= 2; k++) { s = (k == 1) ? "1m" : "10m"; v = same[s]
        printf "| output of `--threads 1` and `--threads 2` byte-identical, %s | %s | %s |\n", s,
          v == "" ? "n/a" : v, v == "" ? "not measured" : (v == "identical" ? "met" : "not met") }
    }' "$identical" "$results"
  echo
  echo "Regression thresholds ($thresholds: minimum records/s and maximum peak RSS MB per run):"
  echo
  echo '```'
  cat "$check"
  echo '```'
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
  echo "Heap allocations per click (scripts/alloc_check.sh: every malloc of two runs, 10,000"
  echo "and 40,000 clicks, counted through LD_PRELOAD):"
  echo
  echo '```'
  cat "$dir/alloc-check.txt" 2> /dev/null || echo "not measured"
  echo '```'
  echo
  echo "The commands timed, in order:"
  echo
  echo '```'
  cat "$commands"
  echo '```'
  echo
  echo "Each leadscreen command above was run $runs times (BENCH_RUNS); its row gives the median"
  echo "time, every time in the note, and the largest peak RSS of the runs. DuckDB ran once."
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
It is less work than `score`, not the same job. Each leadscreen run names its worker
threads (`--threads N`). The reader alone is `score --only-read`: it reads and parses
every line into fields and counts records and rejects, without normalizing or
evaluating. The read floor is `cat FILE | wc -l`. DuckDB's peak RSS includes the Python
interpreter.

Rerun: `make bench` (builds the release binary, reuses or generates the streams in
.build/bench, creates .build/bench/venv-duckdb on first use). `DUCKDB_LIMIT=N` changes
the time limit of each DuckDB run (default 300 s); `BENCH_DIR` the folder of the streams,
outputs and logs (default .build/bench); `BENCH_OUT` this report (default BENCHMARKS.md);
`BENCH_THRESHOLDS` the threshold file (default scripts/bench-thresholds.tsv). The bench
exits 1, after writing this report, when a run misses its threshold.
TEXT
} > "$report"
echo "wrote $report"
if [ "$regressed" -ne 0 ]; then
  echo "make bench: thresholds missed (see above)" >&2
  exit 1
fi
