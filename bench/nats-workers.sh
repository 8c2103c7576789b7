#!/usr/bin/env bash
# Distributed runs (issue 17): wall time and CPU of `vty run --nats` (or `vty backup --nats`) with
# 1, 2 and 3 `vty worker`s against the same lab, next to a local `vty run` (`vty backup`) of the same
# hosts (the reference, same script, same machine). Debian's nats-server runs with JetStream on a
# free loopback port and a temporary store. Each backup goes to a new repository (every host stored,
# one commit), so local and distributed backups do the same work.
# Usage: bash bench/nats-workers.sh [DEVICES=1000] [PARALLEL_PER_WORKER=50] [TRANSPORT=telnet|ssh] [JOB=run|backup]
set -euo pipefail
cd "$(dirname "$0")/.."
devices=${1:-1000}; parallel=${2:-50}; transport=${3:-telnet}; job=${4:-run}
command -v /usr/sbin/nats-server >/dev/null || { echo "nats-server is missing: bash scripts/install-test-deps.sh" >&2; exit 1; }
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
vty=(dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll)
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
/usr/sbin/nats-server -js -sd "$work/js" -a 127.0.0.1 -p "$port" >"$work/nats.log" 2>&1 & pids+=($!)
url="nats://127.0.0.1:$port"
no=(--no-ssh); [ "$transport" = ssh ] && no=(--no-telnet)
source bench/lib/vty-lab.sh
start_vty_lab "$work/lab.log" "${vty[@]}" lab --devices "$devices" "${no[@]}" --password bench-pw --inventory-out "$work/lab.yaml"
pids+=("$lab_pid")
# Secrets never travel through NATS: the inventory names the variable, each worker has it.
sed 's/^  password: .*/  password_env: BENCH_PW/' "$work/lab.yaml" >"$work/inv.yaml"
export BENCH_PW=bench-pw VTY_ENABLE_PASSWORD=lab
opts=(--inventory "$work/inv.yaml" -o StrictHostKeyChecking=no --timeout 120)
what() { # sets args: the command and its job options; $1 names the backup's repository
  if [ "$job" = backup ]; then args=(backup --repo "$work/repo-$1"); else args=(run -c "show version" -c "show clock"); fi
}

measure() { # label, then the command; prints wall and CPU (user+sys) of the submitting process
  local label=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  read -r wall user sys <"$work/time"
  ok=$(grep -c '"ok":true' "$work/out" || true)
  printf '%-26s %7.2f s  submitter CPU %5.2f s  ok %s/%s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$ok" "$devices"
}

what local
measure "local vty $job (p=$((parallel * 3)))" "${vty[@]}" "${args[@]}" "${opts[@]}" --parallel $((parallel * 3)) --json
workers=()
for n in 1 2 3; do
  "${vty[@]}" worker --nats "$url" --name "w$n" --parallel "$parallel" --quiet >"$work/w$n.log" 2>&1 & workers+=($!); pids+=($!)
  for _ in $(seq 1 300); do grep -q "taking jobs" "$work/w$n.log" 2>/dev/null && break; sleep 0.1; done
  start_cpu=0
  for w in "${workers[@]}"; do start_cpu=$(echo "$start_cpu + $(awk '{print ($14+$15)/100}' /proc/$w/stat)" | bc); done
  what "nats-$n"
  measure "nats, $n worker(s) x p=$parallel" "${vty[@]}" "${args[@]}" "${opts[@]}" --nats "$url" --run-id "bench-$n-$$" --json
  end_cpu=0
  for w in "${workers[@]}"; do end_cpu=$(echo "$end_cpu + $(awk '{print ($14+$15)/100}' /proc/$w/stat)" | bc); done
  printf '%-26s workers CPU %5.2f s\n' "" "$(echo "$end_cpu - $start_cpu" | bc)"
done
