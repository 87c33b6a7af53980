#!/usr/bin/env python3
"""DuckDB peer for `make bench`: the closest SQL equivalent of `leadscreen score`.

Usage: scripts/bench_duckdb.py STREAM.ndjson [--threads N] [--out PATH]

Creates (or reuses) a throwaway virtualenv at .build/bench/venv-duckdb with `pip install
duckdb`, re-runs itself there, and then, in one timed run (connect to finished output):

  * reads the NDJSON stream (read_json, newline-delimited, explicit VARCHAR columns; `ts`
    is an RFC 3339 string or epoch seconds and is turned into epoch seconds);
  * matches the DISTINCT user agents against one combined case-insensitive regex built
    from rules/bots/generic.txt and rules/bots/crawlers.txt, keeping only the patterns
    DuckDB's RE2 accepts (look-around is not RE2 syntax; the count used is printed);
  * counts clicks per IP over the last 10 minutes (window function, RANGE over the
    timestamp) and flags the ones past 10 (leadscreen's default burst.ip);
  * checks leads for phone, email and zip, and calls for duration < 90 s;
  * joins leads and calls to their click by click_id to inherit its bot/burst flags;
  * writes one decision per lead and call (disputed if any check fires) with COPY ... TO.

Not done (leadscreen does them): the data-center IP check, subnet bursts, duplicates,
e-mail/phone validation, service area, the model score and per-campaign thresholds.

Prints: duckdb <version>: <records> records in <s> s = <records/s> records/s (threads=<n>)
"""

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build", "bench", "venv-duckdb")
VENV_PY = os.path.join(VENV, "bin", "python")
BOT_FILES = ["rules/bots/generic.txt", "rules/bots/crawlers.txt"]
BURST_WINDOW_SECONDS = 600
BURST_MAX_CLICKS = 10
MIN_CALL_SECONDS = 90


def ensure_venv():
    """Re-executes this script inside the virtualenv, creating it on first use."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(VENV_PY):
        print(f"creating {VENV} (pip install duckdb)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "duckdb"], check=True)
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__)] + sys.argv[1:])


def bot_patterns():
    """The bot patterns, one a line; a leading (?i) is dropped (the regex is caseless)."""
    patterns = []
    for name in BOT_FILES:
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                patterns.append(line[4:] if line.startswith("(?i)") else line)
    return patterns


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def combined(patterns):
    return "(?i)" + "|".join(f"(?:{p})" for p in patterns)


def accepted(con, patterns):
    """The patterns RE2 compiles: try them together, split the failing halves."""
    import duckdb

    try:
        con.execute(f"SELECT regexp_matches('', {literal(combined(patterns))})").fetchall()
        return patterns
    except duckdb.Error:
        if len(patterns) == 1:
            return []
        half = len(patterns) // 2
        return accepted(con, patterns[:half]) + accepted(con, patterns[half:])


COLUMNS = {
    "type": "VARCHAR", "id": "VARCHAR", "ts": "VARCHAR", "campaign": "VARCHAR",
    "ip": "VARCHAR", "ua": "VARCHAR", "click_id": "VARCHAR", "phone": "VARCHAR",
    "email": "VARCHAR", "zip": "VARCHAR", "duration": "VARCHAR",
}


def score(con, stream, out, regex):
    columns = "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in COLUMNS.items()) + "}"
    con.execute(f"""
        CREATE TEMP TABLE recs AS
        SELECT type, id, campaign, ip, ua, click_id, phone, email, zip,
               TRY_CAST(duration AS DOUBLE) AS duration,
               CASE WHEN regexp_full_match(ts, '[0-9]+(\\.[0-9]*)?') THEN TRY_CAST(ts AS DOUBLE)
                    ELSE epoch(TRY_CAST(ts AS TIMESTAMPTZ)) END AS t
        FROM read_json({literal(stream)}, format = 'newline_delimited',
                       columns = {columns}, ignore_errors = true)""")
    con.execute(f"""
        COPY (
          WITH ua_bot AS (
            SELECT ua, regexp_matches(ua, {literal(regex)}) AS bot
            FROM (SELECT DISTINCT ua FROM recs WHERE ua IS NOT NULL)
          ),
          clicks AS (
            SELECT id, ua,
                   count(*) OVER (PARTITION BY ip ORDER BY t
                                  RANGE BETWEEN {BURST_WINDOW_SECONDS} PRECEDING
                                  AND CURRENT ROW) > {BURST_MAX_CLICKS} AS burst
            FROM recs WHERE type = 'click' AND ip IS NOT NULL AND t IS NOT NULL
          ),
          click_flags AS (
            SELECT c.id, coalesce(u.bot, false) AS bot, c.burst
            FROM clicks c LEFT JOIN ua_bot u USING (ua)
          ),
          checked AS (
            SELECT r.type, r.id, r.campaign, r.click_id, list_filter([
                     CASE WHEN coalesce(u.bot, false) OR coalesce(c.bot, false)
                          THEN 'bot_ua' END,
                     CASE WHEN coalesce(c.burst, false) THEN 'ip_burst' END,
                     CASE WHEN r.type = 'lead' AND (coalesce(trim(r.phone), '') = ''
                            OR coalesce(trim(r.email), '') = ''
                            OR coalesce(trim(r.zip), '') = '')
                          THEN 'incomplete_form' END,
                     CASE WHEN r.type = 'call' AND coalesce(r.duration, 0) < {MIN_CALL_SECONDS}
                          THEN 'short_call' END
                   ], lambda x: x IS NOT NULL) AS reasons
            FROM recs r
            LEFT JOIN click_flags c ON c.id = r.click_id
            LEFT JOIN ua_bot u ON u.ua = r.ua
            WHERE r.type IN ('lead', 'call')
          )
          SELECT type, id, campaign, click_id,
                 CASE WHEN len(reasons) > 0 THEN 'disputed' ELSE 'accepted' END AS decision,
                 reasons
          FROM checked
        ) TO {literal(out)} (FORMAT JSON)""")
    return con.execute("SELECT count(*) FROM recs").fetchone()[0]


def main():
    ensure_venv()
    import duckdb

    args = sys.argv[1:]
    threads = None
    out = None
    stream = None
    while args:
        arg = args.pop(0)
        if arg == "--threads":
            threads = int(args.pop(0))
        elif arg == "--out":
            out = args.pop(0)
        elif stream is None:
            stream = arg
        else:
            sys.exit(__doc__)
    if stream is None:
        sys.exit(__doc__)
    if out is None:
        out = os.path.join(os.path.dirname(os.path.abspath(stream)) or ".",
                           "out-duckdb-" + os.path.basename(stream))
    tmp = os.path.join(ROOT, ".build", "bench", "duckdb-tmp")
    patterns = bot_patterns()

    start = time.perf_counter()
    con = duckdb.connect(":memory:")
    con.execute(f"SET temp_directory = {literal(tmp)}")
    if threads is not None:
        con.execute(f"SET threads = {threads}")
    used = accepted(con, patterns)
    records = score(con, stream, out, combined(used))
    seconds = time.perf_counter() - start
    used_threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()

    print(f"bot regex: {len(used)} of {len(patterns)} patterns accepted by RE2 "
          f"({len(patterns) - len(used)} skipped); data-center check skipped", file=sys.stderr)
    summary = duckdb.sql(
        f"SELECT type, decision, count(*) FROM read_json({literal(out)}) "
        "GROUP BY ALL ORDER BY ALL").fetchall()
    print("decisions: " + ", ".join(f"{t} {d} {n}" for t, d, n in summary), file=sys.stderr)
    print(f"duckdb {duckdb.__version__}: {records} records in {seconds:.2f} s = "
          f"{records / seconds:.0f} records/s (threads={used_threads})")


if __name__ == "__main__":
    main()
