#!/usr/bin/env python3
"""How much of a reference hosting/VPN range list the shipped data-center rules cover.

usage: dc_coverage.py [REFERENCE_DIR] [--rules RULES_DIR]

REFERENCE_DIR (default ../shared/data/datacenter-ips) holds one-CIDR-a-line files
(datacenter-ipv4.txt, datacenter-ipv6.txt, vpn-ipv4.txt). They are read here for
measurement only; nothing from them is written anywhere. For each file: the share
of its ranges whose random address is covered by rules/datacenter/*.txt, and the
share of its address space (a sample of 20,000 addresses weighted by range size).
"""
import bisect
import glob
import ipaddress
import os
import random
import sys


def load(paths):
    intervals = {4: [], 6: []}
    for path in paths:
        for line in open(path):
            line = line.split("#")[0].strip()
            if not line:
                continue
            try:
                net = ipaddress.ip_network(line, strict=False)
            except ValueError:
                continue
            intervals[net.version].append((int(net.network_address), int(net.broadcast_address)))
    for version in intervals:
        merged = []
        for lo, hi in sorted(intervals[version]):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        intervals[version] = merged
    return intervals


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rules = sys.argv[sys.argv.index("--rules") + 1] if "--rules" in sys.argv else "rules"
    if "--rules" in sys.argv:
        args.remove(rules)
    reference = args[0] if args else "../shared/data/datacenter-ips"
    ours = load(glob.glob(os.path.join(rules, "datacenter", "*.txt")))
    starts = {v: [lo for lo, _ in ours[v]] for v in ours}

    def covered(version, address):
        i = bisect.bisect_right(starts[version], address) - 1
        return i >= 0 and ours[version][i][1] >= address

    rng = random.Random(1)
    for name in ["datacenter-ipv4.txt", "datacenter-ipv6.txt", "vpn-ipv4.txt", "vpn-ipv6.txt"]:
        path = os.path.join(reference, name)
        if not os.path.exists(path):
            continue
        ranges = [ipaddress.ip_network(l.strip(), strict=False) for l in open(path) if l.strip()]
        by_range = sum(
            covered(n.version, rng.randint(int(n.network_address), int(n.broadcast_address)))
            for n in ranges)
        sample = rng.choices(ranges, weights=[n.num_addresses for n in ranges], k=20000)
        by_address = sum(
            covered(n.version, rng.randint(int(n.network_address), int(n.broadcast_address)))
            for n in sample)
        print(f"{name}: {len(ranges)} ranges, {by_range / len(ranges):.1%} of ranges covered, "
              f"{by_address / len(sample):.1%} of addresses (weighted sample of 20000)")


main()
