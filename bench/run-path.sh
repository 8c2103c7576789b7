#!/usr/bin/env bash
# The CPU `vty run` spends of its own over a lab of DEVICES emulated IOS devices (a separate
# `vty lab` process serves them), in text mode (outputs printed to a file) and JSON mode: this
# checkout against BEFORE (a commit, built in a temporary worktree), both under the JIT
# (`dotnet Vty.Cli.dll`), alternating, median of RUNS, user+sys from GNU time. The text outputs
# of both builds must have the same hosts with the same number of lines each (the lab's clocks
# run, so the characters of uptimes and times may differ). Each row carries the load average.
# STDOUT_WRITES=1 adds one JSON-mode run of each build under strace, counting the write system
# calls that carry stdout (the result lines) per host.
# Usage: DEVICES=500 PARALLEL=200 RUNS=3 [STDOUT_WRITES=1] bash bench/run-path.sh BEFORE
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE="${1:?usage: bash bench/run-path.sh BEFORE-COMMIT}"
DEVICES="${DEVICES:-500}"
PARALLEL="${PARALLEL:-200}"
RUNS="${RUNS:-3}"
STDOUT_WRITES="${STDOUT_WRITES:-0}"
COMMANDS=("show version" "show clock" "show ip interface brief" "show running-config" "show interfaces"
          "show users" "show inventory" "show vlan brief" "show ip route" "show clock")
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
[ "$STDOUT_WRITES" = 0 ] || [ -x /usr/bin/strace ] || apt-get install -y -qq strace >/dev/null

dir="$(mktemp -d /tmp/vty-run-path-XXXXXX)"
old="$dir/before"
lab_pid=""
cleanup() {
  [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null
  git worktree remove --force "$old" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

git worktree add --detach "$old" "$BEFORE" >/dev/null 2>&1
for tree in "$PWD" "$old"; do
  (cd "$tree" && dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null)
done
after_dll=src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll
before_dll="$old/src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll"

source bench/lib/vty-lab.sh
start_vty_lab "$dir/lab.log" dotnet "$after_dll" lab --devices "$DEVICES" --no-telnet --inventory-out "$dir/inventory.yaml" --host-keys "$dir/keys"

args=(run --inventory "$dir/inventory.yaml" --enable --parallel "$PARALLEL" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null)
for c in "${COMMANDS[@]}"; do args+=(-c "$c"); done

# One run: appends "cpu" (seconds, user+sys) to $dir/NAME.times, keeps stdout in $dir/NAME.out.
measure() {
  local name=$1; shift
  if ! VTY_ENABLE_PASSWORD=lab /usr/bin/time -f "%U %S" -o "$dir/time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"; then
    echo "$name failed:" >&2; tail -5 "$dir/$name.err" >&2; exit 1
  fi
  awk '{printf "%.2f\n", $1 + $2}' "$dir/time" >>"$dir/$name.times"
}

# Host blocks of a text-mode output (`==> host (driver) ok <==` ... ), as "header lines" sorted.
blocks() {
  /usr/bin/python3 - "$1" <<'PY'
import sys
blocks, header = {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("==> "):
        header = line.strip(); blocks[header] = 0
    elif header is not None:
        blocks[header] += 1
for h in sorted(blocks): print(h, blocks[h])
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
loads=()
for _ in $(seq "$RUNS"); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  measure text-before dotnet "$before_dll" "${args[@]}"
  measure text-after dotnet "$after_dll" "${args[@]}"
  measure json-before dotnet "$before_dll" "${args[@]}" --json
  measure json-after dotnet "$after_dll" "${args[@]}" --json
  [ "$(grep -c . "$dir/json-after.out")" = "$DEVICES" ] || { echo "JSON mode: expected $DEVICES result lines" >&2; exit 1; }
  diff <(blocks "$dir/text-before.out") <(blocks "$dir/text-after.out") >/dev/null \
    || { echo "text outputs differ in hosts or lines per host" >&2; diff <(blocks "$dir/text-before.out") <(blocks "$dir/text-after.out") | head >&2; exit 1; }
  [ "$(blocks "$dir/text-after.out" | grep -c ' ok <== ')" = "$DEVICES" ] || { echo "not every host ok" >&2; exit 1; }
done

echo "Machine: $(nproc) cores; .NET $(dotnet --version); before $(git -C "$old" log --oneline -1 | cut -c1-50); after $(git log --oneline -1 | cut -c1-50)"
echo "Workload: \`vty run\` over $DEVICES lab devices (separate \`vty lab\` process), parallel $PARALLEL, enable + ${#COMMANDS[@]} commands; JIT"
echo "Load average (1 min) at the start of each round: ${loads[*]}"
echo
echo "| mode | before CPU (runs) | after CPU (runs) | after / before |"
echo "|---|---:|---:|---:|"
for mode in text json; do
  b=$(median <"$dir/$mode-before.times"); a=$(median <"$dir/$mode-after.times")
  echo "| $mode | $b s ($(paste -sd, "$dir/$mode-before.times")) | $a s ($(paste -sd, "$dir/$mode-after.times")) | $(awk "BEGIN {printf \"%.2f\", $a / $b}") |"
done

# .NET writes stdout through a duplicate of descriptor 1: count the calls on the descriptor that
# wrote the first result line (its first 256 characters, when the console writer splits lines).
stdout_writes() {
  local trace="$dir/strace.$1"
  VTY_ENABLE_PASSWORD=lab strace -f -qq -e trace=write,writev -o "$trace" dotnet "$2" "${args[@]}" --json >"$dir/strace.out" 2>/dev/null
  local fd; fd=$(grep -m1 -oE 'write\([0-9]+, "\{\\"schema' "$trace" | grep -oE '[0-9]+')
  local calls; calls=$(grep -cE "(write|writev)\($fd," "$trace")
  echo "| $1 | $calls | $(grep -c . "$dir/strace.out") | $(awk "BEGIN {printf \"%.1f\", $calls / $(grep -c . "$dir/strace.out")}") |"
}
if [ "$STDOUT_WRITES" != 0 ]; then
  echo
  echo "| build | write calls carrying stdout (JSON mode, strace) | result lines | per host |"
  echo "|---|---:|---:|---:|"
  stdout_writes before "$before_dll"
  stdout_writes after "$after_dll"
fi
