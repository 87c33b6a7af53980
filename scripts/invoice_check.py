#!/usr/bin/env python3
"""Check an invoice (leadscreen invoice --format json) against its verdicts.

usage: invoice_check.py VERDICTS.ndjson INVOICE.json

Sums the accepted verdicts' prices per campaign in decimal and counts disputes
per reason; prints each campaign's amount and counts from both sides and exits
1 on any difference.
"""
import json
import sys
from collections import Counter, defaultdict
from decimal import Decimal


def main():
    verdicts_path, invoice_path = sys.argv[1:3]
    amount = defaultdict(Decimal)
    reasons = defaultdict(Counter)
    counts = defaultdict(Counter)
    with open(verdicts_path) as f:
        for line in f:
            v = json.loads(line, parse_float=Decimal)
            c = v["campaign"]
            counts[c][(v["type"], v["decision"])] += 1
            if v["decision"] == "accepted":
                amount[c] += Decimal(v["price"])
            else:
                for r in v["reasons"]:
                    reasons[c][r] += 1
    invoice = json.load(open(invoice_path), parse_float=Decimal)
    ok = True
    for entry in invoice["campaigns"]:
        c = entry["campaign"]
        due = Decimal(entry["amount_due"] or 0)
        same_amount = due == amount[c]
        same_reasons = dict(reasons[c]) == {k: int(n) for k, n in entry["disputed_by_reason"].items()}
        same_counts = all(
            int((entry[kind + "s"] or {}).get(decision, 0)) == counts[c][(kind, decision)]
            for kind in ("lead", "call") for decision in ("accepted", "disputed"))
        ok &= same_amount and same_reasons and same_counts
        print(f"{c:24} invoice {due:>12} verdicts {amount[c]:>12} "
              f"amount {'=' if same_amount else '!='} reasons {'=' if same_reasons else '!='} "
              f"counts {'=' if same_counts else '!='}")
    sys.exit(0 if ok else 1)


main()
