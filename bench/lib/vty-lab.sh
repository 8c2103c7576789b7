# Sourced by the bench scripts: a `vty lab` process serving emulated devices on 127.0.0.1.
#
#   source bench/lib/vty-lab.sh
#   start_vty_lab LOG VTY-COMMAND... lab --devices N … --inventory-out FILE
#
# Starts the command in the background with its output in LOG, sets lab_pid (the caller kills it
# in its cleanup) and waits until the lab says "lab ready": up to 120 s (then it stops the lab and
# fails the script), failing the script at once if the process ends first.

start_vty_lab() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  lab_pid=$!
  local _
  for _ in $(seq 240); do
    grep -q "lab ready" "$log" 2>/dev/null && return 0
    kill -0 "$lab_pid" 2>/dev/null || { echo "vty lab failed: $(cat "$log")" >&2; exit 1; }
    sleep 0.5
  done
  echo "vty lab did not start in 120 s: $(tail -3 "$log")" >&2
  kill "$lab_pid" 2>/dev/null
  exit 1
}
