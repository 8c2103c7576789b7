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

source bench/lib/throwaway-sshd.sh
start_throwaway_sshd "$dir" "AllowTcpForwarding yes" "MaxStartups 100"

echo "Machine: $(nproc) cores, $(uname -r); $(ssh -V 2>&1); .NET $(dotnet --version)"
echo
dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll ssh-jump --port "$port" --user "$USER_NAME" \
  --key "$dir/client_ed25519" --runs "$RUNS"
