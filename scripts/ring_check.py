#!/usr/bin/env python3
"""Judge the shipped model on generated traffic it was not trained on.

usage: ring_check.py TRUTH.ndjson VERDICTS.ndjson

TRUTH comes from `leadscreen generate --truth`, VERDICTS from `leadscreen score`
(with the model) on the same stream. Prints the soft-fraud ring's recall (ring
leads disputed), the share of good leads and calls disputed (accepted by the
truth and not ring), per fraud kind how many were disputed, and the lead-level
ROC AUC of the verdicts' `score` (fraud: disputed by the truth, or ring).

    B=.build/release/leadscreen
    $B generate --clicks 300000 --seed 202 --start 2026-12-01 \
        --campaigns-out /tmp/c.yaml --truth /tmp/t.ndjson > /tmp/day.ndjson
    $B score --campaigns /tmp/c.yaml /tmp/day.ndjson > /tmp/v.ndjson
    python3 scripts/ring_check.py /tmp/t.ndjson /tmp/v.ndjson
"""
import bisect
import json
import sys
from collections import Counter

truth = {}
for line in open(sys.argv[1]):
    t = json.loads(line)
    if "id" in t:
        truth[(t["type"], t["id"])] = t
ring = ring_disputed = good = good_disputed = 0
kinds, kinds_disputed = Counter(), Counter()
scores = []
for line in open(sys.argv[2]):
    v = json.loads(line)
    t = truth[(v["type"], v["id"])]
    kind = t["fraud_kind"]
    kinds[kind] += 1
    disputed = v["decision"] == "disputed"
    kinds_disputed[kind] += disputed
    if v["type"] == "lead":
        scores.append((v["score"], t["decision"] == "disputed" or kind == "soft_ring"))
    if kind == "soft_ring":
        ring += 1
        ring_disputed += disputed
    elif t["decision"] == "accepted":
        good += 1
        good_disputed += disputed
print(f"ring recall: {ring_disputed}/{ring} = {ring_disputed / max(ring, 1):.4f}")
print(f"good leads and calls disputed: {good_disputed}/{good} = {good_disputed / max(good, 1):.4%}")
for kind in sorted(kinds):
    print(f"  {kind:20} {kinds[kind]:6} disputed {kinds_disputed[kind]:6}")
positives = [s for s, y in scores if y]
negatives = sorted(s for s, y in scores if not y)
auc = 0.0
for p in positives:
    lo, hi = bisect.bisect_left(negatives, p), bisect.bisect_right(negatives, p)
    auc += lo + 0.5 * (hi - lo)
print(f"lead ROC AUC (scores as printed, 4 decimals): {auc / len(positives) / len(negatives):.4f}")
