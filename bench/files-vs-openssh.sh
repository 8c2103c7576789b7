#!/usr/bin/env bash
# File transfer throughput against the same throwaway local sshd (internal-sftp, aes128-gcm only):
# `vty cp` (SFTP, and --scp) vs OpenSSH's sftp, scp (SFTP mode) and scp -O, and SSH.NET's SftpClient
# (bench/Vty.Bench.SshNet, NuGet SSH.NET 2026.0.1), SIZE_MB up and down (VTY= runs another vty build, for A/B),
# the median of RUNS, each as a fresh process (so .NET start-up is included for vty; NATIVE=1, the default,
# also runs the Native AOT `vty` from scripts/publish-native.sh; ONLY="vty sftp" picks tools). Wall time
# and CPU (user+sys) per MiB. Prints a Markdown table for docs/performance.md. Needs root (sshd) and the vtytest user (scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
SIZE_MB="${SIZE_MB:-256}"
USER_NAME="${USER_NAME:-vtytest}"

{ [ -x /usr/sbin/sshd ] && command -v sftp >/dev/null; } || bash scripts/install-test-deps.sh >/dev/null
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
dotnet build bench/Vty.Bench.SshNet -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
VTY="${VTY:-dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll}"
SSHNET="dotnet bench/Vty.Bench.SshNet/bin/Release/net10.0/Vty.Bench.SshNet.dll"

dir="$(mktemp -d /tmp/vty-files-bench-XXXXXX)"
chmod 777 "$dir"
# The server's CPU is counted in a cpuacct cgroup holding the sshd listener and so every process it forks.
cgroup="/sys/fs/cgroup/cpuacct/vty-files-bench-$$"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -d "$cgroup" ] && rmdir "$cgroup" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$dir/src.bin"
head -c 1024 /dev/urandom > "$dir/tiny.bin"
chmod 644 "$dir/src.bin" "$dir/tiny.bin"

source bench/lib/throwaway-sshd.sh
start_throwaway_sshd "$dir" "Ciphers aes128-gcm@openssh.com" "Subsystem sftp internal-sftp"
if mkdir "$cgroup" 2>/dev/null && echo "$pid" > "$cgroup/cgroup.procs"; then
  server_counted="exactly (a cpuacct cgroup around sshd)"
else
  cgroup=""
  server_counted="from 20 ms samples of each sshd process (no cpuacct cgroup here; may miss up to 20 ms per process)"
fi

SSH_OPTS=(-F none -i "$dir/client_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o LogLevel=ERROR)
VTY_OPTS=(-q -i "$dir/client_ed25519" -o StrictHostKeyChecking=no -o "UserKnownHostsFile=$dir/known_hosts" -o "Port=$port")
remote="$USER_NAME@127.0.0.1"

# The server's CPU so far in ms (every process in the cgroup, exited ones included).
server_ms() { echo $(( $(cat "$cgroup/cpuacct.usage") / 1000000 )); }
# Waits (up to 10 s) until the last connection's sshd processes are gone, so all their CPU is counted.
server_busy() { if [ -n "$cgroup" ]; then [ "$(wc -l < "$cgroup/cgroup.procs")" -gt 1 ]; else [ -n "$(cat /proc/"$pid"/task/*/children 2>/dev/null | tr -d ' ')" ]; fi; }
wait_server_idle() { for _ in $(seq 200); do server_busy || return 0; sleep 0.05; done; echo "sshd processes still running 10 s after the copy" >&2; }
# One copy as a fresh process: prints "wall_ms cpu_ms server_ms busiest_ms busiest_pct". cpu = user+sys
# of the tool and its children (e.g. sftp's ssh); server = every sshd process of the connection;
# busiest = the one server process that used the most CPU, and its % of one core (bench/server-cpu.py).
one_run() {
  rm -f "$dir/up.bin" "$dir/down.bin" "$dir/busy"
  wait_server_idle
  local start end s0 s1 sampler
  [ -n "$cgroup" ] && s0=$(server_ms)
  /usr/bin/python3 bench/server-cpu.py "$pid" "$dir/busy" & sampler=$!
  start=$(date +%s%N)
  # `times` in the subshell prints its children's user and sys time on its second line.
  ( "$@" >/dev/null 2>"$dir/err" || { echo "failed: $* ($(cat "$dir/err"))" >&2; kill "$sampler"; exit 1; }; times > "$dir/times" ) || exit 1
  end=$(date +%s%N)
  wait_server_idle
  kill -TERM "$sampler"; wait "$sampler" || true
  local busy server
  read -r -a busy < "$dir/busy"
  if [ -n "$cgroup" ]; then s1=$(server_ms); server=$((s1 - s0)); else server=${busy[2]}; fi
  echo "$(( (end - start) / 1000000 )) $(sed -n 2p "$dir/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }') $server ${busy[0]} ${busy[1]}"
}
# Median of RUNS runs of each column (each taken separately): one line per column.
median_run() {
  local rows=() line
  for i in $(seq "$RUNS"); do
    line=$(one_run "$@") || exit 1
    rows+=("$line")
  done
  for col in 1 2 3 4 5; do
    printf '%s\n' "${rows[@]}" | awk -v c="$col" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  done
}
mbps() { awk "BEGIN {printf \"%.0f\", $SIZE_MB / ($1 / 1000)}"; }
cpu_per_mib() { awk "BEGIN {printf \"%.1f\", $1 / $SIZE_MB}"; }
# Each tool: TOOL_up FILE copies FILE to up.bin on the server, TOOL_down FILE copies the server's FILE to down.bin.
vty_up() { $VTY cp "${VTY_OPTS[@]}" "$dir/$1" "$remote:$dir/up.bin"; }
vty_down() { $VTY cp "${VTY_OPTS[@]}" "$remote:$dir/$1" "$dir/down.bin"; }
vtyscp_up() { $VTY cp --scp "${VTY_OPTS[@]}" "$dir/$1" "$remote:$dir/up.bin"; }
vtyscp_down() { $VTY cp --scp "${VTY_OPTS[@]}" "$remote:$dir/$1" "$dir/down.bin"; }
native_up() { "$NATIVE_VTY" cp "${VTY_OPTS[@]}" "$dir/$1" "$remote:$dir/up.bin"; }
native_down() { "$NATIVE_VTY" cp "${VTY_OPTS[@]}" "$remote:$dir/$1" "$dir/down.bin"; }
sftp_up() { printf 'put %s %s\n' "$dir/$1" "$dir/up.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }
sftp_down() { printf 'get %s %s\n' "$dir/$1" "$dir/down.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }
scp_up() { scp "${SSH_OPTS[@]}" -P "$port" "$dir/$1" "$remote:$dir/up.bin"; }
scp_down() { scp "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/$1" "$dir/down.bin"; }
scpO_up() { scp -O "${SSH_OPTS[@]}" -P "$port" "$dir/$1" "$remote:$dir/up.bin"; }
scpO_down() { scp -O "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/$1" "$dir/down.bin"; }
sshnet_up() { $SSHNET upload "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/$1" "$dir/up.bin"; }
sshnet_down() { $SSHNET download "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/down.bin" "$dir/$1"; }

# The native executable (scripts/publish-native.sh): what an installed `vty` is; no .NET start-up or JIT.
TOOLS=(vty vtyscp sftp scp scpO sshnet)
declare -A NAMES=([vty]="\`vty cp\` (SFTP, JIT)" [native]="\`vty cp\` (SFTP, native AOT)" [vtyscp]="\`vty cp --scp\` (JIT)"
  [sftp]="OpenSSH \`sftp\`" [scp]="OpenSSH \`scp\` (SFTP)" [scpO]="OpenSSH \`scp -O\`" [sshnet]="SSH.NET \`SftpClient\`")
NATIVE_VTY="${NATIVE_VTY:-$dir/native/vty}"   # NATIVE_VTY=path uses an executable published before
if [ "${NATIVE:-1}" = 1 ] && [ -x "$NATIVE_VTY" ]; then
  TOOLS=(vty native vtyscp sftp scp scpO sshnet)
elif [ "${NATIVE:-1}" = 1 ]; then
  if bash scripts/publish-native.sh "$dir/native" >"$dir/publish.log" 2>&1; then
    TOOLS=(vty native vtyscp sftp scp scpO sshnet)
  else
    echo "(the native vty did not publish, so it is left out: $(grep -m1 -o 'error [A-Z]*[0-9]*.*' "$dir/publish.log" | cut -c1-160))"
  fi
fi
[ -n "${ONLY:-}" ] && read -r -a TOOLS <<< "$ONLY"

echo "Machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); $(ssh -V 2>&1); .NET $(dotnet --version); $SIZE_MB MiB, aes128-gcm, median of $RUNS"
echo
echo "A fresh process per copy. 'net' subtracts the same tool's time (or CPU) for a 1 KiB file (process"
echo "start, connection, authentication), leaving the transfer itself. CPU is user+sys of the client process"
echo "(and its children), per MiB moved: the shared machine's load disturbs it far less than wall time."
echo
echo "| tool | up ms | up MiB/s | up net MiB/s | up CPU ms/MiB | up net CPU ms/MiB | down ms | down MiB/s | down net MiB/s | down CPU ms/MiB | down net CPU ms/MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
declare -A UP DOWN NUP NDOWN CUP CDOWN NCUP NCDOWN
declare -A SUP SDOWN BUP BDOWN PUP PDOWN
SERVER_ROWS=()
measure() {
  local key="$1" r
  mapfile -t r < <(median_run "${key}_up" src.bin); UP[$key]=${r[0]}; CUP[$key]=${r[1]}; SUP[$key]=${r[2]}; BUP[$key]=${r[3]}; PUP[$key]=${r[4]}
  mapfile -t r < <(median_run "${key}_down" src.bin); DOWN[$key]=${r[0]}; CDOWN[$key]=${r[1]}; SDOWN[$key]=${r[2]}; BDOWN[$key]=${r[3]}; PDOWN[$key]=${r[4]}
  mapfile -t r < <(median_run "${key}_up" tiny.bin); local tup=${r[0]} tcup=${r[1]}
  mapfile -t r < <(median_run "${key}_down" tiny.bin); local tdown=${r[0]} tcdown=${r[1]}
  NCUP[$key]=$(( CUP[$key] - tcup > 0 ? CUP[$key] - tcup : 1 )); NCDOWN[$key]=$(( CDOWN[$key] - tcdown > 0 ? CDOWN[$key] - tcdown : 1 ))
  NUP[$key]=$(( UP[$key] - tup > 0 ? UP[$key] - tup : 1 )); NDOWN[$key]=$(( DOWN[$key] - tdown > 0 ? DOWN[$key] - tdown : 1 ))
  echo "| ${NAMES[$key]} | ${UP[$key]} | $(mbps "${UP[$key]}") | $(mbps "${NUP[$key]}") | $(cpu_per_mib "${CUP[$key]}") | $(cpu_per_mib "${NCUP[$key]}") | ${DOWN[$key]} | $(mbps "${DOWN[$key]}") | $(mbps "${NDOWN[$key]}") | $(cpu_per_mib "${CDOWN[$key]}") | $(cpu_per_mib "${NCDOWN[$key]}") |"
  SERVER_ROWS+=("| ${NAMES[$key]} | $(cpu_per_mib "${CUP[$key]}") | $(cpu_per_mib "${SUP[$key]}") | $(pct "${SUP[$key]}" "${UP[$key]}") | $(cpu_per_mib "${BUP[$key]}") | ${PUP[$key]} % | $(mbps "${BUP[$key]}") | $(mbps "${UP[$key]}") | $(cpu_per_mib "${CDOWN[$key]}") | $(cpu_per_mib "${SDOWN[$key]}") | $(pct "${SDOWN[$key]}" "${DOWN[$key]}") | $(cpu_per_mib "${BDOWN[$key]}") | ${PDOWN[$key]} % | $(mbps "${BDOWN[$key]}") | $(mbps "${DOWN[$key]}") |")
}
pct() { awk "BEGIN {printf \"%.0f %%\", 100 * $1 / $2}"; }
for t in "${TOOLS[@]}"; do measure "$t"; done
echo
echo "The server's side of the same runs (medians), counted $server_counted: CPU of every sshd process of the connection (internal-sftp"
echo "included) per MiB and as a share of one core over the copy's wall time; the busiest single server process"
echo "(it cannot go faster than one core), and the MiB/s the copy would reach if that process were the only cost."
echo
echo "| tool | up client CPU ms/MiB | up server CPU ms/MiB | up server % of a core | up busiest server process ms/MiB | its % of a core | up MiB/s bound by it | up MiB/s seen | down client CPU ms/MiB | down server CPU ms/MiB | down server % of a core | down busiest server process ms/MiB | its % of a core | down MiB/s bound by it | down MiB/s seen |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${SERVER_ROWS[@]}"
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
# Throughput ratio of A over B (wall: B's time / A's time), and CPU ratio (B's CPU / A's CPU: > 1 means A uses less).
compare() {
  local a="$1" b="$2" target="$3"
  [ -n "${UP[$a]:-}" ] && [ -n "${UP[$b]:-}" ] || return 0
  echo "${NAMES[$a]} vs ${NAMES[$b]} (>= $target is the target): throughput up $(ratio "${UP[$b]}" "${UP[$a]}"), down $(ratio "${DOWN[$b]}" "${DOWN[$a]}");" \
    "net of start-up up $(ratio "${NUP[$b]}" "${NUP[$a]}"), down $(ratio "${NDOWN[$b]}" "${NDOWN[$a]}");" \
    "CPU (theirs/ours) up $(ratio "${CUP[$b]}" "${CUP[$a]}"), down $(ratio "${CDOWN[$b]}" "${CDOWN[$a]}");" \
    "net CPU up $(ratio "${NCUP[$b]}" "${NCUP[$a]}"), down $(ratio "${NCDOWN[$b]}" "${NCDOWN[$a]}")"
}
echo
for a in vty native; do
  compare "$a" sftp 1; compare "$a" scp 1; compare "$a" sshnet 2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
