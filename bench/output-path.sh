#!/bin/bash
# The output path side by side: protocol-output (1/10/100 MiB, plain and ANSI) and
# protocol-long-line (one 10k/100k/1M-character line, 16 bytes per read) on this checkout and,
# when BEFORE is given (a commit), on that commit built with this checkout's bench code, one after
# the other in one run, with the load average before and after each.
# usage: bash bench/output-path.sh [BEFORE]    (RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
BEFORE=${1:-}
B=bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll
dirs=("$PWD")
if [ -n "$BEFORE" ]; then
  old=$(mktemp -d /tmp/vty-output-before.XXXXXX)
  trap 'git worktree remove --force "$old" >/dev/null 2>&1 || true' EXIT
  git worktree add --detach "$old" "$BEFORE" >/dev/null
  # Same output-path bench code on both sides: only the library differs. The mode list there
  # may predate protocol-long-line (and other modes here), so only that entry is added.
  cp bench/Vty.Bench/Protocol/*.cs "$old/bench/Vty.Bench/Protocol/"
  grep -q protocol-long-line "$old/bench/Vty.Bench/BenchModes.cs" ||
    sed -i 's|\["protocol-output"\] = Protocol.ProtocolOutputBench.RunAsync,|&  ["protocol-long-line"] = Protocol.LongLineBench.RunAsync,|' "$old/bench/Vty.Bench/BenchModes.cs"
  dirs+=("$old")
fi
for dir in "${dirs[@]}"; do
  (cd "$dir" && dotnet build -c Release bench/Vty.Bench -nologo -clp:ErrorsOnly -v:q)
done
for dir in "${dirs[@]}"; do
  echo "== $(cd "$dir" && git log --oneline -1 | cut -c1-60)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$dir" && dotnet "$B" protocol-output --runs "$RUNS")
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$dir" && dotnet "$B" protocol-long-line --runs "$RUNS")
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
