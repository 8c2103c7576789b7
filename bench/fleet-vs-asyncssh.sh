#!/usr/bin/env bash
# Fleet client CPU: `vty run` against Debian's python3-asyncssh on the same workload, in one run.
# A separate `vty lab` process serves DEVICES emulated IOS devices over SSH on 127.0.0.1, so only
# the client's CPU is measured. Each client logs in to every device, PARALLEL at a time, opens an
# interactive shell with a pty, enables (password dialog), turns paging off (terminal length 0,
# terminal width 0) and runs the 10 commands of `Vty.Bench fleet`, waiting for the prompt each
# time. Both sides use curve25519-sha256, ssh-ed25519 and chacha20-poly1305@openssh.com.
# Client CPU is user+sys of the client process (GNU time), wall its elapsed time; median of RUNS,
# the clients alternating. The outputs are compared (hosts, commands, lines, characters) before
# any number is printed. Rows: `vty run` under the JIT (`dotnet Vty.Cli.dll`), `vty run` as the
# Native AOT executable (scripts/publish-native.sh; NATIVE=0 skips it), the asyncssh client
# (bench/fleet-asyncssh-peer.py). VTY_NATIVE=PATH uses an executable published before instead.
# Usage: DEVICES=500 PARALLEL=200 RUNS=3 bash bench/fleet-vs-asyncssh.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES="${DEVICES:-500}"
PARALLEL="${PARALLEL:-200}"
RUNS="${RUNS:-3}"
NATIVE="${NATIVE:-1}"
KEX=curve25519-sha256
CIPHER=chacha20-poly1305@openssh.com
COMMANDS=("show version" "show clock" "show ip interface brief" "show running-config" "show interfaces"
          "show users" "show inventory" "show vlan brief" "show ip route" "show clock")

# The peer: Debian's asyncssh for Debian's interpreter (PyPI is not used).
if ! /usr/bin/python3 -c 'import asyncssh' >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
  apt-get install -y -qq python3-asyncssh time >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq python3-asyncssh time >/dev/null; }
fi
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
vty_dll=src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll

dir="$(mktemp -d /tmp/vty-fleet-bench-XXXXXX)"
lab_pid=""
cleanup() { [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

if [ "$NATIVE" = 1 ] && [ -n "${VTY_NATIVE:-}" ]; then
  mkdir -p "$dir/native" && ln -s "$(realpath "$VTY_NATIVE")" "$dir/native/vty"
elif [ "$NATIVE" = 1 ] && ! bash scripts/publish-native.sh "$dir/native" >"$dir/native.log" 2>&1; then
  echo "note: scripts/publish-native.sh failed, so there is no Native AOT row:" >&2
  grep -m3 -E "error" "$dir/native.log" | cut -c1-300 >&2
  NATIVE=0
fi

source bench/lib/vty-lab.sh
start_vty_lab "$dir/lab.log" dotnet "$vty_dll" lab --devices "$DEVICES" --no-telnet --inventory-out "$dir/inventory.yaml" --host-keys "$dir/keys"

command_args=()
for c in "${COMMANDS[@]}"; do command_args+=(-c "$c"); done
# --json: one result line per host on stdout (what the comparison reads), as a script would use it.
vty_args=(run --inventory "$dir/inventory.yaml" --enable --parallel "$PARALLEL" --json "${command_args[@]}"
          -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o "KexAlgorithms=$KEX"
          -o "Ciphers=$CIPHER" -o HostKeyAlgorithms=ssh-ed25519)

# Runs one client under GNU time; appends "cpu wall" (seconds) to $dir/NAME.times and keeps its
# output summary in $dir/NAME.json.
measure() {
  local name=$1; shift
  if ! VTY_ENABLE_PASSWORD=lab /usr/bin/time -f "%U %S %e" -o "$dir/time" "$@" >"$dir/$name.stdout" 2>"$dir/$name.stderr"; then
    echo "$name failed:" >&2; tail -5 "$dir/$name.stderr" "$dir/$name.stdout" >&2; exit 1
  fi
  awk '{printf "%.3f %.3f\n", $1 + $2, $3}' "$dir/time" >>"$dir/$name.times"
  if [ "$name" = asyncssh ]; then
    cp "$dir/$name.stdout" "$dir/$name.json"
  else
    summarize "$dir/$name.stdout" >"$dir/$name.json"
  fi
}

# The same summary the peer prints, from Vty's result lines (schema vty.result/1).
summarize() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
totals = {"ok": 0, "failed": 0, "commands": {}}
for line in open(sys.argv[1], encoding="utf-8"):
    host = json.loads(line)
    totals["ok" if host["ok"] else "failed"] += 1
    for r in host["results"]:
        e = totals["commands"].setdefault(r["command"], {"count": 0, "lines": 0, "chars": 0})
        o = r["output"]
        e["count"] += 1; e["lines"] += o.count("\n") + 1 if o else 0; e["chars"] += len(o)
json.dump(totals, sys.stdout)
PY
}

# Both clients saw the same devices answer the same commands: every host ok, equal line counts,
# character counts within 0.5 % (the lab's clocks run, so uptimes and times may differ in width).
compare() {
  /usr/bin/python3 - "$1" "$2" "$DEVICES" <<'PY'
import json, sys
a, b, devices = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
problems = []
for name, s in (("vty", a), ("asyncssh", b)):
    if s["ok"] != devices or s["failed"]:
        problems.append(f"{name}: {s['ok']} ok, {s['failed']} failed of {devices} {s.get('errors', '')}")
for command in sorted(set(a["commands"]) | set(b["commands"])):
    x, y = a["commands"].get(command), b["commands"].get(command)
    if not x or not y or x["count"] != y["count"] or x["lines"] != y["lines"] or abs(x["chars"] - y["chars"]) > 0.005 * max(x["chars"], 1):
        problems.append(f"{command!r}: vty {x}, asyncssh {y}")
if problems:
    sys.exit("outputs differ:\n  " + "\n  ".join(problems))
print(f"outputs agree: {devices} hosts, {sum(c['count'] for c in a['commands'].values())} command outputs, "
      f"{sum(c['chars'] for c in a['commands'].values())} characters")
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

peer_args=(/usr/bin/python3 -W ignore bench/fleet-asyncssh-peer.py --inventory "$dir/inventory.yaml" --parallel "$PARALLEL"
           --kex "$KEX" --cipher "$CIPHER" "${command_args[@]}")
clients=(vty)
[ "$NATIVE" = 1 ] && clients+=(vty-native)
clients+=(asyncssh)
loads=()
for run in $(seq "$RUNS"); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  measure vty dotnet "$vty_dll" "${vty_args[@]}"
  [ "$NATIVE" = 1 ] && measure vty-native "$dir/native/vty" "${vty_args[@]}"
  measure asyncssh "${peer_args[@]}"
  compare "$dir/vty.json" "$dir/asyncssh.json" >"$dir/compare.txt" || { cat "$dir/compare.txt" >&2; exit 1; }
  [ "$NATIVE" = 1 ] && { compare "$dir/vty-native.json" "$dir/asyncssh.json" >/dev/null || exit 1; }
done

echo "Machine: $(nproc) cores, $(uname -r); .NET $(dotnet --version); asyncssh $(/usr/bin/python3 -W ignore -c 'import asyncssh; print(asyncssh.__version__)'), Python $(/usr/bin/python3 -c 'import platform; print(platform.python_version())')"
echo "Workload: $DEVICES lab devices (separate \`vty lab\` process), parallel $PARALLEL, enable + 2 paging commands + ${#COMMANDS[@]} commands each; $KEX, ssh-ed25519, $CIPHER"
echo "Load average (1 min) at the start of each run: ${loads[*]}"
cat "$dir/compare.txt"
echo
peer_cpu=$(cut -d' ' -f1 "$dir/asyncssh.times" | median)
echo "| client | client CPU (user+sys), median of $RUNS | runs | wall, median | CPU / asyncssh |"
echo "|---|---:|---|---:|---:|"
for name in "${clients[@]}"; do
  cpu=$(cut -d' ' -f1 "$dir/$name.times" | median)
  wall=$(cut -d' ' -f2 "$dir/$name.times" | median)
  all=$(cut -d' ' -f1 "$dir/$name.times" | paste -sd, | sed 's/,/, /g')
  label=$name
  case $name in
    vty) label="\`vty run\` (JIT, \`dotnet Vty.Cli.dll\`)" ;;
    vty-native) label="\`vty run\` (Native AOT)" ;;
    asyncssh) label="asyncssh (asyncio, create_process + readuntil)" ;;
  esac
  echo "| $label | $cpu s | $all | $wall s | $(awk "BEGIN {printf \"%.2f\", $cpu / $peer_cpu}") |"
done
