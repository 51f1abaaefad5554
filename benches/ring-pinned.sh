#!/usr/bin/env bash
# The ring between two processes pinned to two CPUs, against SOCK_SEQPACKET and one core's
# memcpy, at 64 bytes and 4 KiB: three runs, each the whole set once (so a change of load
# during the runs shows in every row), each printed with the load average before it, then
# the median and range of each row and the ratios issue 23 asks for.
#
#   benches/ring-pinned.sh [sender CPU] [receiver CPU]      (default 0 and 1)
#
# RING_BENCH_BIN runs a given build of benches/benches/ring.rs instead of building this
# one (to compare with an older commit); CROSSWIRE_BENCH_SCALE scales the frame counts.
# memcpy runs on the sender's CPU. Results and method: docs/ring-performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sender=${1:-0}
receiver=${2:-1}
bin=${RING_BENCH_BIN:-}
if [ -z "$bin" ]; then
    bin=$(cargo bench -p crosswire-benches --bench ring --no-run 2>&1 |
        sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -n 1)
fi
[ -x "$bin" ] || { echo "ring-pinned: no benchmark binary ($bin)" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs, sender on CPU $sender, receiver on CPU $receiver"
for run in 1 2 3; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "run $run, load average before: $load"
    CROSSWIRE_BENCH_REPEAT=1 CROSSWIRE_BENCH_SIZES=64,4096 CROSSWIRE_BENCH_PEER_CPU=$receiver \
        CROSSWIRE_BENCH_ONLY='ring (;ring, batches;ring, reserve;SOCK;memcpy' \
        taskset -c "$sender" "$bin" --bench | grep '^| [0-9]' | sed "s/^/run $run /" | tee -a "$out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.split("|")]
    # "run N ", size, transport, frames, Mmsg/s, GB/s, range
    # Bandwidth from the message rate (printed with more digits than GB/s by newer builds).
    size, name, mmsg = int(cells[1]), cells[2], float(cells[4])
    gbs = mmsg * size / 1000
    # CPU seconds of each side (newer builds); the busier side bounds an idle machine.
    busy = max(float(cells[7]), float(cells[8])) if len(cells) > 9 and cells[7] else None
    frames = int(cells[3])
    rows.setdefault((size, name), []).append((mmsg, gbs, busy, frames))
print()
print("| frame | transport | MB/s (median of 3) | MB/s (range) | Mmsg/s (median) | MB per CPU-second of the busier side (median) |")
print("| ---: | --- | ---: | ---: | ---: | ---: |")
med, cpu = {}, {}
for (size, name), runs in rows.items():
    mb = sorted(g * 1000 for _, g, _, _ in runs)
    mm = statistics.median(m for m, _, _, _ in runs)
    med[(size, name)] = (mm, statistics.median(mb))
    per_cpu = [f * size / 1e6 / b for _, _, b, f in runs if b]
    if per_cpu:
        cpu[(size, name)] = statistics.median(per_cpu)
    shown = f"{cpu[(size, name)]:.0f}" if (size, name) in cpu else "-"
    print(f"| {size} | {name} | {statistics.median(mb):.0f} | {mb[0]:.0f} to {mb[-1]:.0f} | {mm:.3f} | {shown} |")
def get(size, start):
    return next((v for (s, n), v in med.items() if s == size and n.startswith(start)), None)
print()
print("| ring variant | 4 KiB: % of memcpy bandwidth (aim >= 30 %) | 4 KiB: x SOCK_SEQPACKET (aim >= 1.5) | 64 B: x SOCK_SEQPACKET (aim >= 5) |")
print("| --- | ---: | ---: | ---: |")
for variant in ("ring (", "ring, batches", "ring, reserve/commit (", "ring, reserve/commit, batches"):
    cells = []
    big, small = get(4096, variant), get(64, variant)
    mem, sock4, sock64 = get(4096, "memcpy"), get(4096, "SOCK"), get(64, "SOCK")
    cells.append(f"{100 * big[1] / mem[1]:.1f} %" if big and mem else "-")
    cells.append(f"{big[0] / sock4[0]:.1f}x" if big and sock4 else "-")
    cells.append(f"{small[0] / sock64[0]:.1f}x" if small and sock64 else "-")
    name = next((n for (s, n) in med if n.startswith(variant)), variant)
    print(f"| {name} | " + " | ".join(cells) + " |")
if cpu:
    print()
    print("The same ratios from CPU time instead of wall-clock time (bytes per CPU-second of the")
    print("busier process; memcpy: of its one process), which a machine shared with other work")
    print("disturbs less: what each side costs, not how often the scheduler ran it.")
    print()
    print("| ring variant | 4 KiB: % of memcpy | 4 KiB: x SOCK_SEQPACKET | 64 B: x SOCK_SEQPACKET |")
    print("| --- | ---: | ---: | ---: |")
    def c(size, start):
        return next((v for (s, n), v in cpu.items() if s == size and n.startswith(start)), None)
    for variant in ("ring (", "ring, batches", "ring, reserve/commit (", "ring, reserve/commit, batches"):
        big, small = c(4096, variant), c(64, variant)
        mem, sock4, sock64 = c(4096, "memcpy"), c(4096, "SOCK"), c(64, "SOCK")
        cells = [
            f"{100 * big / mem:.1f} %" if big and mem else "-",
            f"{big / sock4:.1f}x" if big and sock4 else "-",
            f"{small / sock64:.1f}x" if small and sock64 else "-",
        ]
        name = next((n for (s, n) in cpu if n.startswith(variant)), variant)
        print(f"| {name} | " + " | ".join(cells) + " |")
PY
