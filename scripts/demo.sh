#!/usr/bin/env bash
# make demo: a day of realistic traffic, scored, explained and invoiced.
set -euo pipefail
bin=${1:-.build/release/leadscreen}
dir=${DEMO_DIR:-.build/demo}
mkdir -p "$dir"
echo "== leadscreen generate: one day, 200,000 clicks, seed 7"
"$bin" generate --clicks 200000 --days 1 --seed 7 \
  --campaigns-out "$dir/campaigns.yaml" --truth "$dir/truth.ndjson" > "$dir/day.ndjson"
printf "   %s records in %s\n" "$(wc -l < "$dir/day.ndjson")" "$dir/day.ndjson"
echo
echo "== leadscreen score --campaigns $dir/campaigns.yaml --explain $dir/day.ndjson"
"$bin" score --campaigns "$dir/campaigns.yaml" --explain "$dir/day.ndjson" \
  > "$dir/verdicts.ndjson" 2> "$dir/summary.txt"
fold -s -w 100 "$dir/summary.txt" | sed 's/^/   /'
echo
echo "== a disputed lead, explained (one line of $dir/verdicts.ndjson)"
grep '"type":"lead"' "$dir/verdicts.ndjson" | grep '"reasons":\["bot_ua","datacenter_ip"' \
  | head -1 | fold -w 100 | sed 's/^/   /' || true
echo
echo "== a lead the model disputed: its feature contributions"
grep '"type":"lead"' "$dir/verdicts.ndjson" | grep '"reasons":\["model_score"\]' \
  | grep '"score":0\.9' \
  | head -1 | fold -w 100 | sed 's/^/   /' || true
echo
echo "== leadscreen invoice --campaigns $dir/campaigns.yaml --period 2026-11-20"
"$bin" invoice --campaigns "$dir/campaigns.yaml" --period 2026-11-20 "$dir/verdicts.ndjson"
