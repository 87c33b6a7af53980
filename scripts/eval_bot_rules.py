#!/usr/bin/env python3
"""Measure the bot rules: catch rate on bot/tool user agents and false positives on
real browser user agents, using public corpora that were NOT used to write the rules.

Corpora (downloaded from PyPI into a temporary directory with `pip download`):

  device-detector      6.5.1   (Python port of Matomo Device Detector; fixtures LGPL-3.0)
      tests/fixtures/upstream/bots.yml                 -> bots (independent)
      fixtures whose client.type is library            -> tools (independent)
      fixtures whose client.type is feed reader        -> feed readers (independent)
      fixtures whose client.type is browser            -> browsers (false-positive check)
  crawler-user-agents  1.67.0  (MIT) `instances`       -> bots (NOT independent: the
      patterns in rules/bots/crawlers.txt come from the same file; reported for reference)
  fake-useragent       2.2.0   (Apache-2.0) data/browsers.jsonl -> browsers

Usage: python3 scripts/eval_bot_rules.py [--binary .build/release/leadscreen]
           [--rules rules] [--show-misses N] [--keep DIR]
Needs PyYAML (Debian python3-yaml or pip) and pip.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

CORPUS_PACKAGES = ["device-detector==6.5.1", "crawler-user-agents==1.67.0", "fake-useragent==2.2.0"]


def download(workdir):
    wheels = os.path.join(workdir, "wheels")
    subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                           "-d", wheels, *CORPUS_PACKAGES])
    out = os.path.join(workdir, "pkgs")
    for wheel in glob.glob(os.path.join(wheels, "*.whl")):
        zipfile.ZipFile(wheel).extractall(out)
    return out


def device_detector_corpora(pkgs):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    base = os.path.join(pkgs, "device_detector", "tests", "fixtures", "upstream")
    corpora = {"dd-bots": [], "dd-libraries": [], "dd-feed-readers": [], "dd-browsers": []}
    for path in sorted(glob.glob(os.path.join(base, "*.yml"))):
        entries = yaml.load(open(path, encoding="utf-8"), Loader=loader) or []
        for entry in entries:
            ua = entry.get("user_agent")
            if not isinstance(ua, str) or not ua.strip() or "\n" in ua:
                continue
            if os.path.basename(path) == "bots.yml":
                corpora["dd-bots"].append(ua)
                continue
            client = entry.get("client") or {}
            kind = client.get("type") if isinstance(client, dict) else None
            if kind == "library":
                corpora["dd-libraries"].append(ua)
            elif kind == "feed reader":
                corpora["dd-feed-readers"].append(ua)
            elif kind == "browser":
                corpora["dd-browsers"].append(ua)
    return corpora


def other_corpora(pkgs):
    crawlers = json.load(open(os.path.join(pkgs, "crawleruseragents", "crawler-user-agents.json")))
    instances = [ua for entry in crawlers for ua in entry.get("instances", []) if "\n" not in ua]
    browsers = []
    for line in open(os.path.join(pkgs, "fake_useragent", "data", "browsers.jsonl")):
        ua = json.loads(line)["useragent"]
        if "\n" not in ua:
            browsers.append(ua)
    return {"cua-instances": instances, "fua-browsers": browsers}


def classify(binary, rules, uas):
    with tempfile.NamedTemporaryFile("w", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(uas) + "\n")
        path = handle.name
    try:
        result = subprocess.run([binary, "classify-ua", "--rules", rules, path],
                                capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)
    rows = [line.split("\t", 3) for line in result.stdout.splitlines()]
    return rows


def speed(binary, rules, uas, repeat=20):
    unique = sorted(set(uas))
    with tempfile.NamedTemporaryFile("w", delete=False, encoding="utf-8") as handle:
        for _ in range(repeat):
            handle.write("\n".join(unique) + "\n")
        path = handle.name
    try:
        out = subprocess.run([binary, "classify-ua", "--rules", rules, "--summary", "--no-cache",
                              path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    return dict(line.split("\t", 1) for line in out.splitlines())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/leadscreen")
    parser.add_argument("--rules", default="rules")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--keep", help="keep the corpora here (one UA a line per corpus)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        pkgs = download(tmp)
        corpora = device_detector_corpora(pkgs)
        corpora.update(other_corpora(pkgs))
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        for name, uas in corpora.items():
            with open(os.path.join(args.keep, name + ".txt"), "w", encoding="utf-8") as out:
                out.write("\n".join(uas) + "\n")

    print(f"{'corpus':18} {'kind':8} {'count':>7} {'flagged':>8} {'rate':>8}")
    for name, uas in corpora.items():
        is_bot_corpus = "browsers" not in name
        rows = classify(args.binary, args.rules, uas)
        flagged = [row for row in rows if row[0] == "bot"]
        rate = 100.0 * len(flagged) / max(1, len(rows))
        kind = "bots" if is_bot_corpus else "browsers"
        label = "caught" if is_bot_corpus else "false+"
        print(f"{name:18} {kind:8} {len(rows):7d} {len(flagged):8d} {rate:7.3f}% {label}")
        if args.show_misses:
            shown = [row for row in rows if (row[0] == "bot") != is_bot_corpus]
            for row in shown[: args.show_misses]:
                print("    ", "\t".join(row[1:]) if not is_bot_corpus else row[3])
    mixed = corpora["fua-browsers"] + corpora["dd-browsers"] + corpora["dd-bots"]
    figures = speed(args.binary, args.rules, mixed)
    print(f"speed (cache off, distinct UAs, one core): {figures.get('per second')} UAs/s "
          f"over {figures.get('user agents')} lines, {figures.get('patterns')} patterns")


if __name__ == "__main__":
    main()
