#!/usr/bin/env bash
# Reference run for docs/performance.md: N sequential OpenSSH `ssh HOST true` (new process, full
# handshake, ed25519 key auth) against our server and against OpenSSH's sshd, same machine, same client.
# Usage: bench/Vty.Bench/Server/openssh-reference.sh [N]   (after a Release build of bench/Vty.Bench)
set -euo pipefail
n="${1:-50}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
bench="$root/bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll"
tmp="$(mktemp -d)"
cleanup() { exec 3>&- 2>/dev/null || true; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# OpenSSH sshd with a throwaway config on a free port, for this user (keys and authorized_keys in $tmp).
cd "$root"
USER_NAME="$(id -un)"
source bench/lib/throwaway-sshd.sh
start_throwaway_sshd "$tmp" "KbdInteractiveAuthentication no"
theirs="$port"

# Our server, fed by a pipe so it stops when this script ends.
mkfifo "$tmp/in"
dotnet "$bench" ssh-server-serve "$tmp/authorized_keys" < "$tmp/in" > "$tmp/port" &
exec 3>"$tmp/in"
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
ours="$(head -1 "$tmp/port")"

run() {
  local port="$1" user="$2" start end
  start=$(date +%s.%N)
  for _ in $(seq "$n"); do
    ssh -F /dev/null -p "$port" -i "$tmp/client_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no \
      -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o KexAlgorithms=curve25519-sha256 "$user@127.0.0.1" true
  done
  end=$(date +%s.%N)
  python3 -c "print(f'{$n/($end-$start):.1f} handshakes/s ({($end-$start)*1000/$n:.1f} ms each)')"
}
echo "OpenSSH ssh -> Vty server: $(run "$ours" bench)"
echo "OpenSSH ssh -> OpenSSH sshd: $(run "$theirs" "$(id -un)")"
