#!/usr/bin/env bash
# The `vty` that users install (README: dotnet pack + dotnet tool install) against OpenSSH's `ssh`:
# `vty exec` as a new process per call (connect, key auth, exec `true`) alternating with `ssh` on
# the same throwaway sshd, wall and CPU (user+sys) medians of EXEC_RUNS; then, with FLEET=1 (default),
# bench/fleet-vs-asyncssh.sh with that installed tool as its native row (its DEVICES, PARALLEL and
# RUNS apply there). The tool is packed and
# installed into a temporary tool path, exactly as the README does it (VTY=PATH measures an
# already installed `vty` instead). Prints Markdown rows with the load average beside them.
# Needs root (sshd) and the vtytest user from scripts/install-test-deps.sh.
# Usage: EXEC_RUNS=20 FLEET=1 DEVICES=500 RUNS=3 bash bench/installed-vty.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EXEC_RUNS="${EXEC_RUNS:-20}"
FLEET="${FLEET:-1}"
USER_NAME="${USER_NAME:-vtytest}"

{ [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null && [ -x /usr/bin/time ]; } || bash scripts/install-test-deps.sh >/dev/null

dir="$(mktemp -d /tmp/vty-installed-bench-XXXXXX)"
chmod 755 "$dir"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

if [ -z "${VTY:-}" ]; then
  echo "packing and installing vty as the README does (the Native AOT compile takes minutes)..." >&2
  dotnet pack Vty.slnx -c Release -o "$dir/feed" -nologo -v:q -clp:ErrorsOnly >"$dir/pack.log" 2>&1 || { tail -20 "$dir/pack.log" >&2; exit 1; }
  dotnet tool install Vty.Cli --tool-path "$dir/tools" --add-source "$dir/feed" --prerelease >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
  VTY="$dir/tools/vty"
fi
kind="framework-dependent (JIT)"
head -c 4 "$(realpath "$VTY")" | grep -q ELF && [ -z "$(ls "$(dirname "$(realpath "$VTY")")"/*.dll 2>/dev/null)" ] && kind="Native AOT"

source bench/lib/throwaway-sshd.sh
start_throwaway_sshd "$dir" "MaxStartups 100"

common=(-o StrictHostKeyChecking=yes -o UserKnownHostsFile="$dir/known_hosts" -o KexAlgorithms=curve25519-sha256 -o HostKeyAlgorithms=ssh-ed25519)
vty_cmd=("$VTY" exec "ssh://$USER_NAME@127.0.0.1:$port" -i "$dir/client_ed25519" "${common[@]}" -- true)
ssh_cmd=(ssh -F none -q -i "$dir/client_ed25519" -o BatchMode=yes "${common[@]}" -o IdentitiesOnly=yes -p "$port" "$USER_NAME@127.0.0.1" true)

# One call: appends "wall_ms cpu_ms" to $dir/NAME (wait4's rusage, microsecond resolution; GNU
# time prints only hundredths, too coarse for ssh's ~20 ms).
measure() {
  local name=$1; shift
  /usr/bin/python3 - "$@" >>"$dir/$name" 2>"$dir/err" <<'PY' || { echo "$name failed: $(cat "$dir/err")" >&2; exit 1; }
import os, subprocess, sys, time
start = time.monotonic()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
wall = time.monotonic() - start
if status != 0:
    sys.exit(f"exit status {status}: {child.stderr.read().decode(errors='replace')[:500]}")
print(f"{wall * 1000:.1f} {(usage.ru_utime + usage.ru_stime) * 1000:.1f}")
PY
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure vty "${vty_cmd[@]}"; measure ssh "${ssh_cmd[@]}"; rm -f "$dir/vty" "$dir/ssh" # warm the page cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$EXEC_RUNS"); do
  measure vty "${vty_cmd[@]}"
  measure ssh "${ssh_cmd[@]}"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Machine: $(nproc) cores, $(uname -r); $(ssh -V 2>&1); installed vty $("$VTY" --version) ($kind, $(du -hL "$VTY" | cut -f1))"
echo "Load average before / after: $load_before / $load_after"
echo
echo "| \`vty exec\` (installed) vs \`ssh\`, a new process per call, median of $EXEC_RUNS alternating | vty | ssh | vty / ssh |"
echo "|---|---:|---:|---:|"
for col in 1 2; do
  v=$(cut -d' ' -f$col "$dir/vty" | median); s=$(cut -d' ' -f$col "$dir/ssh" | median)
  label=$([ $col = 1 ] && echo "wall" || echo "CPU (user+sys)")
  echo "| $label | $v ms | $s ms | $(awk "BEGIN {printf \"%.2f\", $v / $s}") |"
done

if [ "$FLEET" = 1 ]; then
  echo
  VTY_NATIVE="$VTY" bash bench/fleet-vs-asyncssh.sh
fi
