#!/usr/bin/env bash
# Vty's SSH client vs OpenSSH's ssh and SSH.NET against the same throwaway local sshd:
# connect + key auth + exec `true` (median of RUNS), client CPU per connection (curve25519-sha256
# and the post-quantum kex this sshd picks by default), and bulk `cat` of a 256 MiB file with
# aes128-gcm and chacha20-poly1305. Every client checks the host key strictly against a known_hosts
# file and reads its key file for each connection. Prints Markdown tables (paste them into
# docs/performance.md). Needs root (sshd) and the vtytest user from scripts/install-test-deps.sh.
# CPU_RUNS / CPU_WARMUP / CPU_REPEAT: connections per CPU measurement, unmeasured ones before, and
# how many alternating Vty / SSH.NET / floor measurements the median is taken of. ONLY=cpu stops after
# the CPU tables (and skips the first table's bulk runs); SYSCALLS=1 adds system calls and context
# switches per connection (needs strace and perf). CPU_KEXES: the kex rows of the CPU table (default
# curve25519-sha256 and PQ_KEX; "none" skips the table).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-20}"
BULK_RUNS="${BULK_RUNS:-3}"
CPU_RUNS="${CPU_RUNS:-300}"
# 400, not 100: .NET's tiered JIT finishes compiling the hot path after a time, not after a number
# of calls. Since connections to sshd stopped waiting 40 ms on its Nagle (2026-12-05), 100 of them
# take 3 s and the measured ones still paid background JIT (6.4-6.9 ms per connection instead of 2.4-2.7).
CPU_WARMUP="${CPU_WARMUP:-400}"
CPU_REPEAT="${CPU_REPEAT:-3}"
PQ_KEX="${PQ_KEX:-sntrup761x25519-sha512}"
SIZE_MB="${SIZE_MB:-256}"
USER_NAME="${USER_NAME:-vtytest}"

{ [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null; } || bash scripts/install-test-deps.sh >/dev/null
dotnet build bench/Vty.Bench -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
dotnet build bench/Vty.Bench.SshNet -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null

dir="$(mktemp -d /tmp/vty-ssh-bench-XXXXXX)"
chmod 755 "$dir"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

[ "${ONLY:-}" = cpu ] || head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$dir/bulk.bin"
[ "${ONLY:-}" = cpu ] || chmod 644 "$dir/bulk.bin"

source bench/lib/throwaway-sshd.sh
start_throwaway_sshd "$dir" "MaxStartups 100"

echo "Machine: $(nproc) cores, $(uname -r); $(ssh -V 2>&1); .NET $(dotnet --version); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
VTYBENCH="dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll"
SSHNET="dotnet bench/Vty.Bench.SshNet/bin/Release/net10.0/Vty.Bench.SshNet.dll"
if [ "${ONLY:-}" != cpu ]; then
  $VTYBENCH ssh --port "$port" --user "$USER_NAME" --key "$dir/client_ed25519" --known-hosts "$dir/known_hosts" \
    --file "$dir/bulk.bin" --runs "$RUNS" --bulk-runs "$BULK_RUNS" --pq-kex "$PQ_KEX" --cpu-warmup "$CPU_WARMUP" --cpu-runs "$CPU_RUNS"
fi

# Vty against SSH.NET and the floor, each a warm .NET process measured the same way (CPU of the whole
# process over CPU_RUNS sequential connections after CPU_WARMUP unmeasured ones), alternating, median of
# CPU_REPEAT. Each row runs all three with the same thread-pool setting: .NET's default, and the spin
# limit at 0 that the vty CLI ships with (src/Vty.Cli/Vty.Cli.csproj). The floor (Vty.Bench
# ssh-connect-floor) replays a recorded Vty connection's flights (same round trips, same byte counts,
# sshd's reply delays) against a separate do-nothing peer: what the kernel and .NET sockets cost.
cpu_of() { sed -n 's/.*cpu_ms=\([0-9.]*\).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
vty_cpu_run() { $VTYBENCH ssh-connect-cpu --port "$port" --user "$USER_NAME" --key "$dir/client_ed25519" --known-hosts "$dir/known_hosts" --kex "$1" --warmup "$2" --runs "$3"; }
net_cpu_run() { $SSHNET connect-cpu "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/host_ed25519.pub" "$1" "$2" "$3"; }
floor_cpu_run() { $VTYBENCH ssh-connect-floor --port "$port" --user "$USER_NAME" --key "$dir/client_ed25519" --known-hosts "$dir/known_hosts" --kex "$1" --warmup "$2" --runs "$3"; }
with_spin() { local s=$1; shift; ( if [ "$s" = default ]; then unset DOTNET_ThreadPool_UnfairSemaphoreSpinLimit; else export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="$s"; fi; "$@" ); }
echo
echo "| client CPU per connection, connect + key auth + exec \`true\` + close (warm process, median of $CPU_REPEAT × $CPU_RUNS), ms | thread-pool spin limit | Vty | SSH.NET 2026.0.1 | Vty / SSH.NET | floor (sockets only) | Vty − floor | SSH.NET − floor |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for kex in ${CPU_KEXES:-curve25519-sha256 $PQ_KEX}; do
  [ "$kex" = none ] && continue
  for spin in default 0; do
    vty_cpu=(); net_cpu=(); floor_cpu=()
    for r in $(seq "$CPU_REPEAT"); do
      vty_cpu+=("$(with_spin "$spin" vty_cpu_run "$kex" "$CPU_WARMUP" "$CPU_RUNS" | cpu_of)")
      net_cpu+=("$(with_spin "$spin" net_cpu_run "$kex" "$CPU_WARMUP" "$CPU_RUNS" | cpu_of)")
      floor_cpu+=("$(with_spin "$spin" floor_cpu_run "$kex" "$CPU_WARMUP" "$CPU_RUNS" | cpu_of)")
    done
    v=$(printf '%s\n' "${vty_cpu[@]}" | median); n=$(printf '%s\n' "${net_cpu[@]}" | median); f=$(printf '%s\n' "${floor_cpu[@]}" | median)
    product=""; [ "$spin" = 0 ] && product=" (the vty CLI's setting)"
    echo "| $kex (runs: Vty ${vty_cpu[*]}; SSH.NET ${net_cpu[*]}; floor ${floor_cpu[*]}) | $spin$product | $v | $n | $(ratio "$v" "$n") | $f | $(awk "BEGIN {printf \"%.2f\", $v - $f}") | $(awk "BEGIN {printf \"%.2f\", $n - $f}") |"
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

# SYSCALLS=1: system calls (strace -c -f) and context switches (perf stat) per connection, curve25519,
# each client at both spin settings. Per connection = (a run of SYS_RUNS_B − a run of SYS_RUNS_A) /
# (SYS_RUNS_B − SYS_RUNS_A), both after the same warm-up, so start-up and warm-up cancel out.
if [ "${SYSCALLS:-0}" = 1 ]; then
  SYS_A="${SYS_RUNS_A:-50}"; SYS_B="${SYS_RUNS_B:-250}"; SYS_WARMUP="${SYS_WARMUP:-50}"
  strace_calls() { # prints "total futex sched_yield epoll_wait recvfrom sendto" for one run
    local out="$dir/strace.txt"
    with_spin "$1" strace -f -c -o "$out" bash -c "$2" >/dev/null
    awk '$NF=="total"{t=$4} $NF=="futex"{f=$4} $NF=="sched_yield"{y=$4} $NF=="epoll_wait"{e=$4} $NF=="recvfrom"{r=$4} $NF=="sendto"{s=$4} END {print t+0, f+0, y+0, e+0, r+0, s+0}' "$out"
  }
  switches() { with_spin "$1" perf stat -x, -e context-switches -o "$dir/perf.txt" bash -c "$2" >/dev/null; awk -F, '/context-switches/ {print $1}' "$dir/perf.txt"; }
  echo
  echo "| per connection, curve25519-sha256 ($SYS_B − $SYS_A runs after $SYS_WARMUP) | spin limit | system calls | futex | sched_yield | epoll_wait | recvfrom | sendto | context switches |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  declare -A cmd
  cmd[Vty]="$VTYBENCH ssh-connect-cpu --port $port --user $USER_NAME --key $dir/client_ed25519 --known-hosts $dir/known_hosts --kex curve25519-sha256 --warmup $SYS_WARMUP --runs"
  cmd[SSH.NET]="$SSHNET connect-cpu $port $USER_NAME $dir/client_ed25519 $dir/host_ed25519.pub curve25519-sha256 $SYS_WARMUP"
  cmd[floor]="$VTYBENCH ssh-connect-floor --port $port --user $USER_NAME --key $dir/client_ed25519 --known-hosts $dir/known_hosts --kex curve25519-sha256 --warmup $SYS_WARMUP --runs"
  for spin in default 0; do
    for who in Vty SSH.NET floor; do
      read -r -a a <<< "$(strace_calls "$spin" "${cmd[$who]} $SYS_A")"
      read -r -a b <<< "$(strace_calls "$spin" "${cmd[$who]} $SYS_B")"
      ca=$(switches "$spin" "${cmd[$who]} $SYS_A"); cb=$(switches "$spin" "${cmd[$who]} $SYS_B")
      per() { awk "BEGIN {printf \"%.0f\", ($2 - $1) / ($SYS_B - $SYS_A)}"; }
      echo "| $who | $spin | $(per "${a[0]}" "${b[0]}") | $(per "${a[1]}" "${b[1]}") | $(per "${a[2]}" "${b[2]}") | $(per "${a[3]}" "${b[3]}") | $(per "${a[4]}" "${b[4]}") | $(per "${a[5]}" "${b[5]}") | $(per "$ca" "$cb") |"
    done
  done
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
[ "${ONLY:-}" = cpu ] && exit 0
echo

# The same connect + exec as a fresh process each time: `vty exec` (includes .NET start-up) vs `ssh`.
median_ms() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() {
  for i in $(seq "$RUNS"); do
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median_ms
}
vty_ms=$(time_runs dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll exec "ssh://$USER_NAME@127.0.0.1:$port" -i "$dir/client_ed25519" \
  -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$dir/known_hosts" -o KexAlgorithms=curve25519-sha256 -o HostKeyAlgorithms=ssh-ed25519 -- true)
ssh_ms=$(time_runs ssh -F none -q -i "$dir/client_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$dir/known_hosts" \
  -o KexAlgorithms=curve25519-sha256 -o HostKeyAlgorithms=ssh-ed25519 -o IdentitiesOnly=yes -p "$port" "$USER_NAME@127.0.0.1" true)
echo "| \`vty exec\` (JIT, \`dotnet Vty.Cli.dll\`) vs \`ssh\` as a new process each time (median of $RUNS) | ms | $vty_ms | $ssh_ms | $(awk "BEGIN {printf \"%.2f\", $vty_ms / $ssh_ms}") |"
# The native executable (scripts/publish-native.sh): what an installed `vty` should be for per-host scripting.
# A failed publish (a trim/AOT warning somewhere in the CLI's graph) skips this row, not the tables above.
if [ "${NATIVE:-1}" = 1 ] && ! bash scripts/publish-native.sh "$dir/native" >"$dir/publish.log" 2>&1; then
  echo "(native row skipped: scripts/publish-native.sh failed: $(grep -m1 -o 'error [A-Z]*[0-9]*.*' "$dir/publish.log" | cut -c1-200))"
elif [ "${NATIVE:-1}" = 1 ]; then
  native_ms=$(time_runs "$dir/native/vty" exec "ssh://$USER_NAME@127.0.0.1:$port" -i "$dir/client_ed25519" \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$dir/known_hosts" -o KexAlgorithms=curve25519-sha256 -o HostKeyAlgorithms=ssh-ed25519 -- true)
  ssh_ms=$(time_runs ssh -F none -q -i "$dir/client_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$dir/known_hosts" \
    -o KexAlgorithms=curve25519-sha256 -o HostKeyAlgorithms=ssh-ed25519 -o IdentitiesOnly=yes -p "$port" "$USER_NAME@127.0.0.1" true)
  echo "| \`vty exec\` native (Native AOT) vs \`ssh\` as a new process each time (median of $RUNS) | ms | $native_ms | $ssh_ms | $(awk "BEGIN {printf \"%.2f\", $native_ms / $ssh_ms}") |"
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
