#!/usr/bin/env python3
"""Turns benchmark results into the tables and the chart of docs/performance.md.

    python3 benches/report.py

Reads criterion's medians (target/criterion/MSG/OP/PEER/new/estimates.json), the byte
counts (`cwbench list`) and the callgrind counts (target/callgrind/instructions.tsv, from
benches/callgrind.sh), then rewrites the part of docs/performance.md between the
`results:begin` and `results:end` markers and writes docs/performance.svg.
Standard library only.
"""

import json
import os
import subprocess
import sys
from html import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRITERION = os.path.join(ROOT, "target", "criterion")
TSV = os.path.join(ROOT, "target", "callgrind", "instructions.tsv")
DOC = os.path.join(ROOT, "docs", "performance.md")
SVG = os.path.join(ROOT, "docs", "performance.svg")
BIN = os.path.join(ROOT, "target", "release", "cwbench")

MESSAGES = ["small", "telemetry", "batch", "batch-plain", "link", "stats", "samples"]
# The messages every peer encodes (`batch-plain` has crosswire and memcpy only).
ALL_PEERS = ["small", "telemetry", "batch", "link", "stats"]
PEERS = ["crosswire", "crosswire-in-place", "crosswire-serde", "hand", "zerocopy", "postcard"]
COLORS = {
    "crosswire": "#1f77b4",
    "crosswire-in-place": "#17becf",
    "crosswire-serde": "#aec7e8",
    "hand": "#2ca02c",
    "zerocopy": "#9467bd",
    "postcard": "#d62728",
    "memcpy": "#7f7f7f",
}


def median_ns(msg, op, peer):
    path = os.path.join(CRITERION, msg, op, peer, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def byte_counts():
    out = subprocess.run([BIN, "list"], check=True, capture_output=True, text=True).stdout
    sizes = {}
    for line in out.splitlines():
        msg, op, peer, n = line.split("\t")
        sizes[(msg, peer)] = int(n)
    return sizes


def instructions():
    counts = {}
    if os.path.exists(TSV):
        with open(TSV) as f:
            next(f)
            for line in f:
                msg, op, peer, _, n = line.rstrip("\n").split("\t")
                counts[(msg, op, peer)] = float(n)
    return counts


def fmt_ns(x):
    if x is None:
        return "–"
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def fmt_ratio(x):
    return "–" if x is None else f"{x:.2f}"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def tables(sizes, counts):
    lines = []
    for msg in MESSAGES:
        memcpy = median_ns(msg, "copy", "memcpy")
        lines.append(f"#### `{msg}` (memcpy of {sizes.get((msg, 'memcpy'), '?')} bytes: "
                     f"{fmt_ns(memcpy)} ns, {fmt_inst(counts.get((msg, 'copy', 'memcpy')))} "
                     "instructions)")
        lines.append("")
        lines.append("| peer | bytes | encode ns | decode ns | encode / memcpy | "
                     "decode / memcpy | encode / postcard | decode / postcard | "
                     "encode instr. | decode instr. |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        pc_enc = median_ns(msg, "encode", "postcard")
        pc_dec = median_ns(msg, "decode", "postcard")
        for peer in PEERS:
            enc = median_ns(msg, "encode", peer)
            dec = median_ns(msg, "decode", peer)
            if enc is None and dec is None:
                continue
            lines.append(
                f"| {peer} | {sizes.get((msg, peer), '?')} | {fmt_ns(enc)} | {fmt_ns(dec)} | "
                f"{fmt_ratio(ratio(enc, memcpy))} | {fmt_ratio(ratio(dec, memcpy))} | "
                f"{fmt_ratio(ratio(enc, pc_enc))} | {fmt_ratio(ratio(dec, pc_dec))} | "
                f"{fmt_inst(counts.get((msg, 'encode', peer)))} | "
                f"{fmt_inst(counts.get((msg, 'decode', peer)))} |")
        lines.append("")
    return lines


def fmt_inst(x):
    return "–" if x is None else f"{x:.0f}"


def targets(counts):
    """The targets of issue 7, each with its measured figure."""
    def t(msg, op, peer):
        return median_ns(msg, op, peer)

    rows = []

    def add(name, value, limit, better="<="):
        if value is None:
            rows.append(f"| {name} | – | {better} {limit} | not measured |")
            return
        ok = value <= limit if better == "<=" else value >= limit
        rows.append(f"| {name} | {value:.2f} | {better} {limit} | {'met' if ok else 'MISSED'} |")

    for msg in ["small", "telemetry"]:
        for op in ["encode", "decode"]:
            add(f"`{msg}` {op}: crosswire / hand", ratio(t(msg, op, "crosswire"), t(msg, op, "hand")), 1.1)
            add(f"`{msg}` {op}: postcard / crosswire", ratio(t(msg, op, "postcard"), t(msg, op, "crosswire")), 10, ">=")
        add(f"`{msg}` decode in place: crosswire-in-place / hand",
            ratio(t(msg, "decode", "crosswire-in-place"), t(msg, "decode", "hand")), 1.1)
        add(f"`{msg}` decode in place: postcard / crosswire-in-place",
            ratio(t(msg, "decode", "postcard"), t(msg, "decode", "crosswire-in-place")), 10, ">=")
    add("`batch` encode: crosswire / memcpy", ratio(t("batch", "encode", "crosswire"), t("batch", "copy", "memcpy")), 2)
    add("`batch` decode: crosswire / memcpy", ratio(t("batch", "decode", "crosswire"), t("batch", "copy", "memcpy")), 3)
    add("`batch` decode in place: crosswire-in-place / memcpy",
        ratio(t("batch", "decode", "crosswire-in-place"), t("batch", "copy", "memcpy")), 3)
    for op in ["encode", "decode"]:
        add(f"`stats` {op}: crosswire / zerocopy", ratio(t("stats", op, "crosswire"), t("stats", op, "zerocopy")), 1.2)
    add("`stats` decode in place: crosswire-in-place / zerocopy",
        ratio(t("stats", "decode", "crosswire-in-place"), t("stats", "decode", "zerocopy")), 1.2)
    # Issue 17: runs of plain records. `batch-plain` has batch's bytes, so its peers are
    # batch's.
    add("`batch` of plain records encode: batch-plain crosswire / memcpy",
        ratio(t("batch-plain", "encode", "crosswire"), t("batch", "copy", "memcpy")), 1.5)
    add("`batch` of plain records decode in place: batch-plain crosswire-in-place / memcpy",
        ratio(t("batch-plain", "decode", "crosswire-in-place"), t("batch", "copy", "memcpy")), 2)
    add("`batch` of plain records decode in place: batch-plain crosswire-in-place / zerocopy",
        ratio(t("batch-plain", "decode", "crosswire-in-place"), t("batch", "decode", "zerocopy")), 1.0)
    add("`samples` encode: crosswire / memcpy",
        ratio(t("samples", "encode", "crosswire"), t("samples", "copy", "memcpy")), 1.5)
    add("`samples` decode in place: crosswire-in-place / memcpy",
        ratio(t("samples", "decode", "crosswire-in-place"), t("samples", "copy", "memcpy")), 2)
    add("`samples` decode in place: crosswire-in-place / zerocopy",
        ratio(t("samples", "decode", "crosswire-in-place"), t("samples", "decode", "zerocopy")), 1.0)
    for msg in ALL_PEERS:
        for op in ["encode", "decode"]:
            add(f"`{msg}` {op}: instructions crosswire / hand",
                ratio(counts.get((msg, op, "crosswire")), counts.get((msg, op, "hand"))), 1.0)
        add(f"`{msg}` decode in place: instructions crosswire-in-place / hand",
            ratio(counts.get((msg, "decode", "crosswire-in-place")), counts.get((msg, "decode", "hand"))), 1.0)
    return ["| target | measured | wanted | |", "| --- | ---: | ---: | --- |"] + rows + [""]


def chart(path):
    """Grouped horizontal bars: ns per operation, log scale, one group per message and op."""
    rows = []
    for msg in MESSAGES:
        for op in ["encode", "decode"]:
            bars = [(p, median_ns(msg, op, p)) for p in PEERS]
            bars.append(("memcpy", median_ns(msg, "copy", "memcpy")))
            bars = [(p, v) for p, v in bars if v is not None]
            if bars:
                rows.append((f"{msg} {op}", bars))
    if not rows:
        return
    import math
    lo = min(v for _, bars in rows for _, v in bars)
    hi = max(v for _, bars in rows for _, v in bars)
    lmin, lmax = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    left, width, bar_h, gap, top = 130, 560, 9, 12, 40
    height = top + sum(len(b) * bar_h + gap for _, b in rows) + 40

    def x(v):
        return left + width * (math.log10(v) - lmin) / (lmax - lmin)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 180}" '
           f'height="{height}" font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{left}" y="16" font-size="13">Median time per operation '
           '(ns, log scale; lower is better)</text>']
    for e in range(lmin, lmax + 1):
        gx = x(10 ** e)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 8}" x2="{gx:.1f}" y2="{height - 30}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{gx:.1f}" y="{height - 16}" text-anchor="middle">{10 ** e:g}</text>')
    y = top
    for label, bars in rows:
        out.append(f'<text x="{left - 6}" y="{y + len(bars) * bar_h / 2 + 4:.1f}" '
                   f'text-anchor="end">{escape(label)}</text>')
        for peer, v in bars:
            out.append(f'<rect x="{left}" y="{y}" width="{max(x(v) - left, 1):.1f}" '
                       f'height="{bar_h - 1}" fill="{COLORS[peer]}"><title>{peer}: '
                       f'{v:.1f} ns</title></rect>')
            out.append(f'<text x="{x(v) + 3:.1f}" y="{y + bar_h - 2}" font-size="8" '
                       f'fill="#444">{fmt_ns(v)}</text>')
            y += bar_h
        y += gap
    for i, peer in enumerate(PEERS + ["memcpy"]):
        ly = top + i * 16
        out.append(f'<rect x="{left + width + 12}" y="{ly}" width="10" height="10" '
                   f'fill="{COLORS[peer]}"/>')
        out.append(f'<text x="{left + width + 26}" y="{ly + 9}">{peer}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    sizes = byte_counts()
    counts = instructions()
    body = ["<!-- results:begin (written by benches/report.py) -->", ""]
    body += tables(sizes, counts)
    body += ["### Targets", ""] + targets(counts)
    body += ["<!-- results:end -->"]
    with open(DOC) as f:
        doc = f.read()
    begin = doc.find("<!-- results:begin")
    end = doc.find("<!-- results:end -->")
    if begin < 0 or end < 0:
        sys.exit("docs/performance.md has no results:begin/results:end markers")
    doc = doc[:begin] + "\n".join(body) + doc[end + len("<!-- results:end -->"):]
    with open(DOC, "w") as f:
        f.write(doc)
    chart(SVG)
    print(f"updated {os.path.relpath(DOC, ROOT)} and {os.path.relpath(SVG, ROOT)}")


if __name__ == "__main__":
    main()
