"""Interleaved rounds: each round runs every command once, in turn, as a whole process.

Usage (from the repository root): AGENDA_BEFORE=/path/to/before/agenda python3 interleaved.py ROUNDS OUT.csv
Wall time per run from time.perf_counter around subprocess.run; CPU time (user + system)
from os.wait4's resource usage.
"""
import csv, os, subprocess, sys, time, statistics

F = "../shared/data/fosdem-2025-schedule.xml"
B = "target/release/agenda"
A = os.environ.get("AGENDA_BEFORE", "/tmp/agenda-before")
COMMANDS = {
    "before-plan": [A, "plan", "--schedule", F, "--likes", "rust"],
    "plan": [B, "plan", "--schedule", F, "--likes", "rust"],
    "before-check": [A, "check", "--schedule", F],
    "check": [B, "check", "--schedule", F],
    "python-etree": ["python3", "-c", f"import xml.etree.ElementTree as E; E.parse({F!r})"],
}

def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return wall, usage.ru_utime + usage.ru_stime

rounds, out = int(sys.argv[1]), sys.argv[2]
rows = []
for name, argv in COMMANDS.items():  # warm-up
    run(argv)
for r in range(rounds):
    for name, argv in COMMANDS.items():
        wall, cpu = run(argv)
        rows.append((r, name, wall, cpu))
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["round", "command", "wall_s", "cpu_s"])
    w.writerows(rows)
py = statistics.median(x[2] for x in rows if x[1] == "python-etree")
for name in COMMANDS:
    walls = [x[2] for x in rows if x[1] == name]
    cpus = [x[3] for x in rows if x[1] == name]
    print(f"{name:13} wall median {statistics.median(walls)*1000:6.1f} ms  cpu median "
          f"{statistics.median(cpus)*1000:6.1f} ms  wall vs python {statistics.median(walls)/py:.2f}x")
