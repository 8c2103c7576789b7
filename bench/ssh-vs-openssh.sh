#!/usr/bin/env bash
# Vty's SSH client vs OpenSSH's ssh and SSH.NET against the same throwaway local sshd:
# connect + key auth + exec `true` (median of RUNS), client CPU per connection (curve25519-sha256
# and the post-quantum kex this sshd picks by default), and bulk `cat` of a 256 MiB file with
# aes128-gcm and chacha20-poly1305. Every client checks the host key strictly against a known_hosts
# file and reads its key file for each connection. Prints Markdown tables (paste them into
# docs/performance.md). Needs root (sshd) and the vtytest user from scripts/install-test-deps.sh.
# CPU_RUNS / CPU_WARMUP / CPU_REPEAT: connections per CPU measurement, unmeasured ones before, and
# how many alternating Vty / SSH.NET measurements the median is taken of.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-20}"
BULK_RUNS="${BULK_RUNS:-3}"
CPU_RUNS="${CPU_RUNS:-300}"
CPU_WARMUP="${CPU_WARMUP:-100}"
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

ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519"
cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
chmod 644 "$dir/authorized_keys"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$dir/bulk.bin"
chmod 644 "$dir/bulk.bin"

# A free port: bind port 0 and read what the kernel chose (bash has no bind, so ask sshd to retry).
mkdir -p /run/sshd
for attempt in 1 2 3 4 5; do
  port=$(( (RANDOM % 20000) + 30000 ))
  cat > "$dir/sshd_config" <<CFG
ListenAddress 127.0.0.1:$port
HostKey $dir/host_ed25519
PidFile none
UsePAM no
StrictModes no
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
AllowUsers $USER_NAME
MaxStartups 100
LogLevel ERROR
CFG
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
  pid=$!
  sleep 0.5
  if kill -0 "$pid" 2>/dev/null; then break; fi
  pid=""
done
[ -n "$pid" ] || { echo "could not start sshd: $(cat "$dir/sshd.log")" >&2; exit 1; }
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" > "$dir/known_hosts"

echo "Machine: $(nproc) cores, $(uname -r); $(ssh -V 2>&1); .NET $(dotnet --version); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
VTYBENCH="dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll"
SSHNET="dotnet bench/Vty.Bench.SshNet/bin/Release/net10.0/Vty.Bench.SshNet.dll"
$VTYBENCH ssh --port "$port" --user "$USER_NAME" --key "$dir/client_ed25519" --known-hosts "$dir/known_hosts" \
  --file "$dir/bulk.bin" --runs "$RUNS" --bulk-runs "$BULK_RUNS" --pq-kex "$PQ_KEX" --cpu-warmup "$CPU_WARMUP" --cpu-runs "$CPU_RUNS"

# Vty against SSH.NET, each a warm .NET process measured the same way (CPU of the whole process over
# CPU_RUNS sequential connections after CPU_WARMUP unmeasured ones), alternating, median of CPU_REPEAT.
cpu_of() { sed -n 's/.*cpu_ms=\([0-9.]*\).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| client CPU per connection, connect + key auth + exec \`true\` (warm process, median of $CPU_REPEAT × $CPU_RUNS) | unit | Vty | SSH.NET 2026.0.1 | Vty / SSH.NET |"
echo "|---|---|---:|---:|---:|"
for kex in curve25519-sha256 "$PQ_KEX"; do
  vty_cpu=(); net_cpu=()
  for r in $(seq "$CPU_REPEAT"); do
    vty_cpu+=("$($VTYBENCH ssh-connect-cpu --port "$port" --user "$USER_NAME" --key "$dir/client_ed25519" --known-hosts "$dir/known_hosts" \
      --kex "$kex" --warmup "$CPU_WARMUP" --runs "$CPU_RUNS" | cpu_of)")
    net_cpu+=("$($SSHNET connect-cpu "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/host_ed25519.pub" "$kex" "$CPU_WARMUP" "$CPU_RUNS" | cpu_of)")
  done
  v=$(printf '%s\n' "${vty_cpu[@]}" | median); n=$(printf '%s\n' "${net_cpu[@]}" | median)
  echo "| $kex (Vty runs: ${vty_cpu[*]}; SSH.NET runs: ${net_cpu[*]}) | ms | $v | $n | $(awk "BEGIN {printf \"%.2f\", $v / $n}") |"
done
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
