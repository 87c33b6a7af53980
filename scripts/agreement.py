#!/usr/bin/env python3
"""Compare `leadscreen score` verdicts with `leadscreen generate --truth`.

usage: agreement.py TRUTH.ndjson VERDICTS.ndjson [--ignore model_score]

Prints, per reason, the truth count, the verdict count, recall and precision
(over leads and calls, matched by type and id), the share of good records
disputed, and the records whose decision differs. Exit 1 if a reason misses
recall 0.97 or precision 0.98, or more than 1% of good records are disputed.
"""
import json
import sys
from collections import Counter

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ignore = {"model_score"} if "--rules-only" in sys.argv else set()
    truth_path, verdict_path = args[:2]
    truth = {}
    for line in open(truth_path):
        t = json.loads(line)
        if "malformed_line" in t:
            continue
        truth[(t["type"], t["id"])] = t
    verdicts = {}
    for line in open(verdict_path):
        v = json.loads(line)
        if v["type"] == "click":
            continue
        verdicts[(v["type"], v["id"])] = v
    missing = set(truth) - set(verdicts)
    extra = set(verdicts) - set(truth)
    tp, fp, fn, n_truth = Counter(), Counter(), Counter(), Counter()
    good = good_disputed = 0
    examples = {}
    for key, t in truth.items():
        v = verdicts.get(key)
        if v is None:
            continue
        want = set(t["reasons"]) - ignore
        got = set(v["reasons"]) - ignore
        for r in want:
            n_truth[r] += 1
            if r in got:
                tp[r] += 1
            else:
                fn[r] += 1
                examples.setdefault(("fn", r), (key, t, v))
        for r in got - want:
            fp[r] += 1
            examples.setdefault(("fp", r), (key, t, v))
        if t["decision"] == "accepted" and not t.get("model_expected"):
            good += 1
            if v["decision"] == "disputed":
                good_disputed += 1
    ok = not missing and not extra
    print(f"{len(truth)} truth records, {len(verdicts)} verdicts, "
          f"{len(missing)} missing, {len(extra)} extra")
    print(f"{'reason':28} {'truth':>7} {'tp':>7} {'fn':>6} {'fp':>6} {'recall':>7} {'precision':>9}")
    for r in sorted(set(n_truth) | set(fp)):
        rec = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        prec = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        flag = ""
        if r not in ignore and (rec < 0.97 or prec < 0.98):
            flag = "  <-- below 0.97/0.98"
            ok = False
        print(f"{r:28} {n_truth[r]:7} {tp[r]:7} {fn[r]:6} {fp[r]:6} {rec:7.4f} {prec:9.4f}{flag}")
    rate = good_disputed / good if good else 0.0
    print(f"good records disputed: {good_disputed}/{good} = {rate:.4%}")
    if rate > 0.01:
        ok = False
    if "--examples" in sys.argv:
        for (kind, r), (key, t, v) in sorted(examples.items()):
            print(f"\n{kind} {r}: {key}\n  truth   {json.dumps(t)}\n  verdict {json.dumps(v)}")
    sys.exit(0 if ok else 1)

main()
