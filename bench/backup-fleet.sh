#!/usr/bin/env bash
# Backup of a lab fleet (issue 14): wall time and CPU of `vty backup` per run, and the repository's
# size after RUNS runs with 1 % of the devices changing between runs.
# Usage: bash bench/backup-fleet.sh [DEVICES=1000] [RUNS=10] [PARALLEL=100]
set -euo pipefail
cd "$(dirname "$0")/.."
devices=${1:-1000}; runs=${2:-10}; parallel=${3:-100}
dotnet build src/Vty.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
vty=(dotnet src/Vty.Cli/bin/Release/net10.0/Vty.Cli.dll)
work="$(mktemp -d)"; lab_pid=""; trap '[ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null; rm -rf "$work"' EXIT
source bench/lib/vty-lab.sh
start_vty_lab "$work/lab.log" "${vty[@]}" lab --devices "$devices" --profiles ios,junos,nxos,eos --no-telnet --inventory-out "$work/lab.yaml"
conn=(-o StrictHostKeyChecking=no --parallel "$parallel" --timeout 120)
changes=$(( devices / 100 )); [ "$changes" -ge 1 ] || changes=1
# IOS devices are every 4th (profiles round-robin); their inventory names are iosN-ssh.
mapfile -t ios < <(grep -oE '"ios[0-9]+-ssh"' "$work/lab.yaml" | tr -d '"')
printf 'run  wall_s  cpu_s  changed  repo_kb\n'
for run in $(seq 1 "$runs"); do
  if [ "$run" -gt 1 ]; then
    group=$(printf '%s\n' "${ios[@]}" | shuf -n "$changes" | paste -sd,)
    "${vty[@]}" config --inventory "$work/lab.yaml" -g "$group" --enable "${conn[@]}" -c "interface Loopback$run" -c "description run-$run" >/dev/null 2>&1 || true
  fi
  /usr/bin/time -f '%e %U %S' -o "$work/time" "${vty[@]}" backup --inventory "$work/lab.yaml" --repo "$work/repo" "${conn[@]}" >"$work/out" 2>"$work/err" || true
  read -r wall user sys <"$work/time"
  changed=$(grep -oE 'backup: [0-9]+ changed|no configuration changed' "$work/err" | grep -oE '[0-9]+' || echo 0)
  size=$(du -sk "$work/repo/.git" | cut -f1)
  printf '%3d  %6.1f  %5.1f  %7s  %7s\n' "$run" "$wall" "$(echo "$user + $sys" | bc)" "${changed:-0}" "$size"
done
git -C "$work/repo" gc -q
echo "after git gc: $(du -sk "$work/repo/.git" | cut -f1) kB; commits: $(git -C "$work/repo" rev-list --count HEAD); files: $(git -C "$work/repo" ls-files | wc -l)"
