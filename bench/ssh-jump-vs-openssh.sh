#!/usr/bin/env bash
# Connect + key auth + exec `true` through one ProxyJump hop: Vty's client vs `ssh -J`, against a
# throwaway local sshd that is both the bastion and the target (median of RUNS, default 20).
# Prints a Markdown table (paste it into docs/performance.md).
# Needs root (sshd) and the vtytest user from scripts/install-test-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-20}"
USER_NAME="${USER_NAME:-vtytest}"

{ [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null; } || bash scripts/install-test-deps.sh >/dev/null
dotnet build bench/Vty.Bench -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null

dir="$(mktemp -d /tmp/vty-jump-bench-XXXXXX)"
chmod 755 "$dir"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519"
cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
chmod 644 "$dir/authorized_keys"

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
AllowTcpForwarding yes
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

echo "Machine: $(nproc) cores, $(uname -r); $(ssh -V 2>&1); .NET $(dotnet --version)"
echo
dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll ssh-jump --port "$port" --user "$USER_NAME" \
  --key "$dir/client_ed25519" --runs "$RUNS"
