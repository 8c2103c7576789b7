#!/usr/bin/env bash
# Vty's TextFSM engine vs Google's reference (Debian's python3-textfsm) on the same machine:
# a 10 000-line IOS "show interfaces" output parsed with Vty's built-in multi-state template
# (states Start -> Details -> Counters). Both read the template once and parse RUNS times;
# the median per parse is compared. Prints a Markdown table (paste it into docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-20}"
LINES="${LINES:-10000}"

/usr/bin/python3 -c 'import textfsm' 2>/dev/null || bash scripts/install-test-deps.sh >/dev/null
dotnet build bench/Vty.Bench -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null

dir="$(mktemp -d /tmp/vty-textfsm-bench-XXXXXX)"
trap 'rm -rf "$dir"' EXIT
template="src/Vty/Parsing/Templates/cisco_ios_show_interfaces.textfsm"

# The input: interface blocks in the lab's IOS layout, numbered, with varying counters and
# states, until LINES lines.
/usr/bin/python3 - "$LINES" > "$dir/show_interfaces.txt" <<'PY'
import sys
target = int(sys.argv[1])
out = []
i = 0
while len(out) < target:
    up = i % 7 != 3
    state = "up" if up else "administratively down"
    proto = "up" if up else "down"
    mac = "5254.00%02x.%04x" % (i // 65536 % 256, i % 65536)
    block = [
        f"GigabitEthernet{i // 48}/{i % 48} is {state}, line protocol is {proto} ",
        f"  Hardware is CN Gigabit Ethernet, address is {mac} (bia {mac})",
        f"  Description: uplink {i}" if i % 3 == 0 else None,
        f"  Internet address is 10.{i // 256 % 256}.{i % 256}.1/24" if i % 2 == 0 else None,
        "  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, ",
        "     reliability 255/255, txload 1/255, rxload 1/255",
        "  Encapsulation ARPA, loopback not set",
        "  Keepalive set (10 sec)",
        "  Full Duplex, 1000Mbps, media type is RJ45",
        "  output flow-control is unsupported, input flow-control is unsupported",
        "  ARP type: ARPA, ARP Timeout 04:00:00",
        "  Last input 00:00:00, output 00:00:00, output hang never",
        '  Last clearing of "show interface" counters never',
        "  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0",
        "  Queueing strategy: fifo",
        "  Output queue: 0/40 (size/max)",
        f"  5 minute input rate {i * 1000} bits/sec, {i} packets/sec",
        f"  5 minute output rate {i * 900} bits/sec, {i} packets/sec",
        f"     {i * 104729} packets input, {i * 43148348} bytes, 0 no buffer",
        "     Received 0 broadcasts (0 IP multicasts)",
        "     0 runts, 0 giants, 0 throttles ",
        f"     {i % 5} input errors, {i % 3} CRC, 0 frame, 0 overrun, 0 ignored",
        f"     {i * 52364} packets output, {i * 31523429} bytes, 0 underruns",
        f"     {i % 2} output errors, 0 collisions, 0 interface resets",
        "     0 unknown protocol drops",
        "     0 output buffer failures, 0 output buffers swapped out",
    ]
    out.extend(line for line in block if line is not None)
    i += 1
print("\n".join(out[:target]))
PY

vty="$(dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll textfsm "$template" "$dir/show_interfaces.txt" "$RUNS")"

python="$(/usr/bin/python3 - "$template" "$dir/show_interfaces.txt" "$RUNS" <<'PY'
import statistics, sys, time
import textfsm
template_path, input_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(input_path).read()
start = time.perf_counter()
with open(template_path) as f:
    fsm = textfsm.TextFSM(f)
rows = fsm.ParseText(text)
load_ms = (time.perf_counter() - start) * 1000
times = []
cpu_start = time.process_time()
for _ in range(runs):
    fsm.Reset()
    start = time.perf_counter()
    rows = fsm.ParseText(text)
    times.append((time.perf_counter() - start) * 1000)
cpu_ms = (time.process_time() - cpu_start) * 1000 / runs
times.sort()
print("python lines=%d rows=%d load_ms=%.1f median_ms=%.2f min_ms=%.2f cpu_ms=%.2f" % (
    len(text.splitlines()), len(rows), load_ms, times[len(times) // 2], times[0], cpu_ms))
PY
)"

field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
vty_rows="$(field rows "$vty")"; py_rows="$(field rows "$python")"
if [ "$vty_rows" != "$py_rows" ]; then
  echo "row counts differ: $vty / $python" >&2
  exit 1
fi
ratio() { awk -v a="$(field "$1" "$python")" -v b="$(field "$1" "$vty")" 'BEGIN { printf "%.1f", a / b }'; }

echo "| parser | lines | rows | read + first parse (ms) | CPU per parse (ms) | median wall per parse (ms) | fastest wall (ms) |"
echo "|---|---|---|---|---|---|---|"
for r in "Vty TextFsmTemplate:$vty" "python3-textfsm $(dpkg-query -W -f '${Version}' python3-textfsm 2>/dev/null || echo '?'):$python"; do
  name="${r%%:*}"; line="${r#*:}"
  echo "| $name | $(field lines "$line") | $(field rows "$line") | $(field load_ms "$line") | $(field cpu_ms "$line") | $(field median_ms "$line") | $(field min_ms "$line") |"
done
echo
echo "Vty per parse: $(ratio cpu_ms)x less CPU, $(ratio median_ms)x faster median wall time, $(ratio min_ms)x faster best wall time ($RUNS runs each, same input and template; load average $(cut -d' ' -f1 /proc/loadavg))."
