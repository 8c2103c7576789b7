#!/usr/bin/env bash
# File transfer throughput against the same throwaway local sshd (internal-sftp, aes128-gcm only):
# `vty cp` (SFTP, and --scp) vs OpenSSH's sftp, scp (SFTP mode) and scp -O, and SSH.NET's SftpClient
# (bench/Vty.Bench.SshNet, NuGet SSH.NET 2026.0.1), SIZE_MB up and down,
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
VTY="dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll"
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
chmod 644 "$dir/src.bin"

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
sftp_put() { printf 'put %s %s\n' "$dir/src.bin" "$dir/up.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }
sftp_get() { printf 'get %s %s\n' "$dir/src.bin" "$dir/down.bin" > "$dir/batch"; sftp "${SSH_OPTS[@]}" -P "$port" -b "$dir/batch" "$remote"; }

echo "Machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); $(ssh -V 2>&1); .NET $(dotnet --version); $SIZE_MB MiB, aes128-gcm, best of $RUNS"
echo
echo "| tool | upload ms | upload MiB/s | download ms | download MiB/s |"
echo "|---|---|---|---|---|"
row() {
  local name="$1" up="$2" down="$3"
  echo "| $name | $up | $(mbps "$up") | $down | $(mbps "$down") |"
}
vty_up=$(best_ms $VTY cp "${VTY_OPTS[@]}" "$dir/src.bin" "$remote:$dir/up.bin")
vty_down=$(best_ms $VTY cp "${VTY_OPTS[@]}" "$remote:$dir/src.bin" "$dir/down.bin")
row "\`vty cp\` (SFTP)" "$vty_up" "$vty_down"
row "\`vty cp --scp\`" \
  "$(best_ms $VTY cp --scp "${VTY_OPTS[@]}" "$dir/src.bin" "$remote:$dir/up.bin")" \
  "$(best_ms $VTY cp --scp "${VTY_OPTS[@]}" "$remote:$dir/src.bin" "$dir/down.bin")"
sftp_up=$(best_ms sftp_put); sftp_down=$(best_ms sftp_get)
row "OpenSSH \`sftp\`" "$sftp_up" "$sftp_down"
row "OpenSSH \`scp\` (SFTP)" \
  "$(best_ms scp "${SSH_OPTS[@]}" -P "$port" "$dir/src.bin" "$remote:$dir/up.bin")" \
  "$(best_ms scp "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/src.bin" "$dir/down.bin")"
row "OpenSSH \`scp -O\`" \
  "$(best_ms scp -O "${SSH_OPTS[@]}" -P "$port" "$dir/src.bin" "$remote:$dir/up.bin")" \
  "$(best_ms scp -O "${SSH_OPTS[@]}" -P "$port" "$remote:$dir/src.bin" "$dir/down.bin")"
sshnet_up=$(best_ms $SSHNET upload "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/src.bin" "$dir/up.bin")
sshnet_down=$(best_ms $SSHNET download "$port" "$USER_NAME" "$dir/client_ed25519" "$dir/down.bin" "$dir/src.bin")
row "SSH.NET \`SftpClient\`" "$sshnet_up" "$sshnet_down"
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
echo
echo "vty cp throughput vs OpenSSH sftp: upload $(ratio "$sftp_up" "$vty_up")x, download $(ratio "$sftp_down" "$vty_down")x (target >= 1)"
echo "vty cp throughput vs SSH.NET:      upload $(ratio "$sshnet_up" "$vty_up")x, download $(ratio "$sshnet_down" "$vty_down")x (target >= 2)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
