#!/usr/bin/env python3
"""Writes Sources/CByteScan/FieldNameTable.c: the table of `leadscreen_field_name`
(include/CByteScan.h), a perfect hash of the input field names leadscreen knows.

Run it after adding a name to FieldName (Sources/LeadScreen/Normalize/FieldName.swift):
NAMES below must list that enum's cases in order (FieldNameTests reads every case back).
The multiplier is searched for from a fixed seed, so the output is the same each run.
"""
import random
import struct
import sys
from pathlib import Path

# FieldName's cases, in raw-value order, as records spell them.
NAMES = [
    "type", "id", "ts", "campaign", "source", "ip", "ua", "keyword", "url", "referrer",
    "click_id", "first_name", "last_name", "email", "phone", "zip", "state", "address",
    "consent", "caller", "duration", "tracking_number", "click_ts", "click_reasons", "label",
    "fraud_kind",
]
BITS = 6  # 64 slots
MASK = (1 << 64) - 1
MIX = 0x9E3779B97F4A7C15


def words(name):
    """The name as leadscreen_field_name reads it: its first (up to) eight bytes and,
    when longer than eight, its last eight, little-endian."""
    data = name.encode()
    count = len(data)
    assert 1 <= count <= 16, name
    first = int.from_bytes(data[:8], "little")
    last = struct.unpack("<Q", data[count - 8:])[0] if count > 8 else 0
    return count, first, last


def slot(count, first, last, multiplier):
    mixed = (first ^ ((last * MIX) & MASK) ^ count) & MASK
    return ((mixed * multiplier) & MASK) >> (64 - BITS)


def main():
    rng = random.Random(1)
    keys = [words(name) for name in NAMES]
    while True:
        multiplier = rng.getrandbits(64) | 1
        slots = [slot(*key, multiplier) for key in keys]
        if len(set(slots)) == len(slots):
            break
    table = {s: (i, key) for i, (s, key) in enumerate(zip(slots, keys))}
    lines = [
        "// Written by scripts/field_name_table.py: do not edit by hand.",
        '#include "CByteScan.h"',
        "",
        "#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__",
        '#error "the field name table holds little-endian words"',
        "#endif",
        "",
        f"const uint64_t leadscreen_field_multiplier = 0x{multiplier:016x}ULL;",
        "",
        f"const leadscreen_field_entry leadscreen_field_table[{1 << BITS}] = {{",
    ]
    for index in range(1 << BITS):
        if index in table:
            field, (count, first, last) = table[index]
            lines.append(
                f"    [{index}] = {{0x{first:016x}ULL, 0x{last:016x}ULL, {count}, {field}}},"
                f"  // {NAMES[field]}")
    lines.append("};")
    out = Path(__file__).resolve().parent.parent / "Sources/CByteScan/FieldNameTable.c"
    out.write_text("\n".join(lines) + "\n")
    print(f"{out}: {len(NAMES)} names in {1 << BITS} slots, multiplier 0x{multiplier:016x}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
