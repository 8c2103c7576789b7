#!/usr/bin/python3
"""Samples the CPU of every process under an sshd listener while one transfer runs.

Usage: server-cpu.py LISTENER_PID OUT_FILE. Runs until SIGTERM, then writes one line to OUT_FILE:
"busiest_ms busiest_pct sum_ms busiest_name": the CPU (user+sys) of the busiest process under the
listener (the sshd that encrypts, or the internal-sftp child that does the file I/O) between its
first and last sample, that as a percentage of one core over the same span, and the sum over all
of them. Samples every 20 ms, so up to 20 ms at the end of each process can be missed: the bench
takes the exact total from a cpuacct cgroup when it can (sshd's per-connection processes are not
all reaped by the listener, so its own child counters miss them); this says how the total splits,
which is what tells whether one server process saturates a core.
"""
import os
import signal
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def descendants(pid):
    out, todo = [], children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children(p))
    return out


def cpu_ticks(pid):
    """(name, utime+stime) of pid, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    try:
        with open(f"/proc/{pid}/cmdline") as f:
            name = f.read().replace("\0", " ").strip()
    except OSError:
        name = ""
    name = name or stat[stat.index("(") + 1:stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2:].split()
    return name, int(fields[11]) + int(fields[12])


def main():
    listener, out_file = int(sys.argv[1]), sys.argv[2]
    first, last = {}, {}
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        now = time.monotonic()
        for pid in descendants(listener):
            sample = cpu_ticks(pid)
            if sample is None:
                continue
            first.setdefault(pid, (now, sample[1]))
            last[pid] = (now, sample[1], sample[0])
        time.sleep(0.02)
    best = (0, 0.0, "none")
    total = sum(ticks for _, ticks, _ in last.values()) * 1000 / TICK
    for pid, (t1, ticks1, name) in last.items():
        t0, ticks0 = first[pid]
        ms = (ticks1 - ticks0) * 1000 / TICK
        if ms > best[0]:
            pct = 100 * (ms / 1000) / (t1 - t0) if t1 > t0 else 0.0
            best = (ms, pct, name.replace(" ", "_"))
    with open(out_file, "w") as f:
        f.write(f"{best[0]:.0f} {best[1]:.0f} {total:.0f} {best[2]}\n")


main()
