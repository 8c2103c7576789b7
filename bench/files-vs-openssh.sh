#!/usr/bin/env bash
# File transfer throughput against the same throwaway local sshd (internal-sftp, aes128-gcm only):
# `vty cp` (SFTP, and --scp) vs OpenSSH's sftp, scp (SFTP mode) and scp -O, and SSH.NET's SftpClient
# (bench/Vty.Bench.SshNet, NuGet SSH.NET 2026.0.1), SIZE_MB up and down (VTY= runs another vty build, for A/B),
# best of RUNS, each as a fresh process (so .NET start-up is included for vty). Prints a Markdown
# table for docs/performance.md. Needs root (sshd) and the vtytest user (scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-2}"
SIZE_MB="${SIZE_MB:-256}"
USER_NAME="${USER_NAME:-vtytest}"

{ [ -x /usr/sbin/sshd ] && command -v sftp >/dev/null; } || bash scripts/install-test-deps.sh >/dev/null
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
dotnet build bench/Vty.Bench.SshNet -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
VTY="${VTY:-dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll}"
SSHNET="dotnet bench/Vty.Bench.SshNet/bin/Release/net10.0/Vty.Bench.SshNet.dll"

dir="$(mktemp -d /tmp/vty-files-bench-XXXXXX)"
chmod 777 "$dir"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519"
cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
chmod 644 "$dir/authorized_keys"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$dir/src.bin"
head -c 1024 /dev/urandom > "$dir/tiny.bin"
chmod 644 "$dir/src.bin" "$dir/tiny.bin"

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
Ciphers aes128-gcm@openssh.com
Subsystem sftp internal-sftp
LogLevel ERROR
CFG
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
  pid=$!
  sleep 0.5
  if kill -0 "$pid" 2>/dev/null; then break; fi
  pid=""
done
[ -n "$pid" ] || { echo "could not start sshd: $(cat "$dir/sshd.log")" >&2; exit 1; }

SSH_OPTS=(-F none -i "$dir/client_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o LogLevel=ERROR)
VTY_OPTS=(-q -i "$dir/client_ed25519" -o StrictHostKeyChecking=no -o "UserKnownHostsFile=$dir/known_hosts" -o "Port=$port")
remote="$USER_NAME@127.0.0.1"

best_ms() {
  local best=""
  for i in $(seq "$RUNS"); do
    rm -f "$dir/up.bin" "$dir/down.bin"
    start=$(date +%s%N); "$@" >/dev/null 2>"$dir/err" || { echo "failed: $* ($(cat "$dir/err"))" >&2; exit 1; }; end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}
mbps() { awk "BEGIN {printf \"%.0f\", $SIZE_MB / ($1 / 1000)}"; }
# Each tool: TOOL_up FILE copies FILE to up.bin on the server, TOOL_down FILE copies the server's FILE to down.bin.
vty_up() { $VTY cp "${VTY_OPTS[@]}" "$dir/$1" "$remote:$dir/up.bin"; }
vty_down() { $VTY cp "${VTY_OPTS[@]}" "$remote:$dir/$1" "$dir/down.bin"; }
vtyscp_up() { $VTY cp --scp "${VTY_OPTS[@]}" "$dir/$1" "$remote:$dir/up.bin"; }
vtyscp_down() { $VTY cp --scp "${VTY_OPTS[@]}" "$remote:$dir/$1" "$dir/down.bin"; }
sftp_up() { printf 'put %s %s\n' "$dir/$1" "$dir/up.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }
sftp_down() { printf 'get %s %s\n' "$dir/$1" "$dir/down.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }
scp_up() { scp "${SSH_OPTS[@]}" -P "$port" "$dir/$1" "$remote:$dir/up.bin"; }
scp_down() { scp "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/$1" "$dir/down.bin"; }
scpO_up() { scp -O "${SSH_OPTS[@]}" -P "$port" "$dir/$1" "$remote:$dir/up.bin"; }
scpO_down() { scp -O "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/$1" "$dir/down.bin"; }
sshnet_up() { $SSHNET upload "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/$1" "$dir/up.bin"; }
sshnet_down() { $SSHNET download "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/down.bin" "$dir/$1"; }

echo "Machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); $(ssh -V 2>&1); .NET $(dotnet --version); $SIZE_MB MiB, aes128-gcm, best of $RUNS"
echo
echo "Wall time of a fresh process per copy. 'net' subtracts the same tool's time for a 1 KiB file"
echo "(process start, connection, authentication), leaving the transfer itself."
echo
echo "| tool | upload ms | MiB/s | net MiB/s | download ms | MiB/s | net MiB/s |"
echo "|---|---|---|---|---|---|---|"
declare -A UP DOWN NUP NDOWN
measure() {
  local key="$1" name="$2"
  local up down tup tdown
  up=$(best_ms "${key}_up" src.bin); down=$(best_ms "${key}_down" src.bin)
  tup=$(best_ms "${key}_up" tiny.bin); tdown=$(best_ms "${key}_down" tiny.bin)
  UP[$key]=$up; DOWN[$key]=$down; NUP[$key]=$(( up - tup > 0 ? up - tup : 1 )); NDOWN[$key]=$(( down - tdown > 0 ? down - tdown : 1 ))
  echo "| $name | $up | $(mbps "$up") | $(mbps "${NUP[$key]}") | $down | $(mbps "$down") | $(mbps "${NDOWN[$key]}") |"
}
measure vty "\`vty cp\` (SFTP)"
measure vtyscp "\`vty cp --scp\`"
measure sftp "OpenSSH \`sftp\`"
measure scp "OpenSSH \`scp\` (SFTP)"
measure scpO "OpenSSH \`scp -O\`"
measure sshnet "SSH.NET \`SftpClient\`"
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
echo
echo "vty cp vs OpenSSH sftp (throughput ratio, >= 1 is the target): upload $(ratio "${UP[sftp]}" "${UP[vty]}"), download $(ratio "${DOWN[sftp]}" "${DOWN[vty]}"); net of start-up: upload $(ratio "${NUP[sftp]}" "${NUP[vty]}"), download $(ratio "${NDOWN[sftp]}" "${NDOWN[vty]}")"
echo "vty cp vs SSH.NET (>= 2 is the target): upload $(ratio "${UP[sshnet]}" "${UP[vty]}"), download $(ratio "${DOWN[sshnet]}" "${DOWN[vty]}"); net of start-up: upload $(ratio "${NUP[sshnet]}" "${NUP[vty]}"), download $(ratio "${NDOWN[sshnet]}" "${NDOWN[vty]}")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
