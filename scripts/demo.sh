#!/usr/bin/env bash
# make demo: a day of realistic traffic, scored, summarised and invoiced.
set -euo pipefail
bin=${1:-.build/release/leadscreen}
dir=${DEMO_DIR:-.build/demo}
mkdir -p "$dir"
echo "== generating one day of traffic (200,000 clicks, seed 7)"
"$bin" generate --clicks 200000 --days 1 --seed 7 \
  --campaigns-out "$dir/campaigns.yaml" --truth "$dir/truth.ndjson" > "$dir/day.ndjson"
wc -l < "$dir/day.ndjson" | xargs printf "   %s records\n"
echo "== scoring: leadscreen score --campaigns $dir/campaigns.yaml $dir/day.ndjson"
"$bin" score --campaigns "$dir/campaigns.yaml" --explain "$dir/day.ndjson" > "$dir/verdicts.ndjson"
echo
echo "== per campaign"
"$bin" report --campaigns "$dir/campaigns.yaml" "$dir/verdicts.ndjson" 2>/dev/null \
  || python3 scripts/summarize.py "$dir/verdicts.ndjson"
echo
echo "== one disputed lead, explained"
grep '"type":"lead"' "$dir/verdicts.ndjson" | grep '"disputed"' | head -1
echo
if "$bin" invoice --help >/dev/null 2>&1; then
  echo "== invoice"
  "$bin" invoice --campaigns "$dir/campaigns.yaml" --format text "$dir/verdicts.ndjson"
fi
