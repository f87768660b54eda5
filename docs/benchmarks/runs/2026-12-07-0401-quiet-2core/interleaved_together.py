"""Interleaved rounds of `together` (before and after builds), whole processes.

Usage (from the repository root): AGENDA_BEFORE=/path/to/before/agenda python3 interleaved_together.py ROUNDS OUT.csv
"""
import csv, os, subprocess, sys, time, statistics

F = "../shared/data/fosdem-2025-schedule.xml"
P = "profiles/fosdem-2025"
GROUPS = {2: ["pat", "quinn"], 3: ["pat", "quinn", "rosa"], 5: ["pat", "quinn", "rosa", "sam", "tess"]}
COMMANDS = {}
for n, people in GROUPS.items():
    for label, binary in [("before", os.environ.get("AGENDA_BEFORE", "/tmp/agenda-before")), ("after", "target/release/agenda")]:
        COMMANDS[f"{label}-{n}"] = [binary, "--schedule", F, "together"] + [f"{P}/{p}.ron" for p in people]

def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

rounds, out = int(sys.argv[1]), sys.argv[2]
for argv in COMMANDS.values():
    run(argv)
rows = [(r, name, *run(argv)) for r in range(rounds) for name, argv in COMMANDS.items()]
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["round", "command", "wall_s", "cpu_s"])
    w.writerows(rows)
for name in COMMANDS:
    walls = [x[2] for x in rows if x[1] == name]
    cpus = [x[3] for x in rows if x[1] == name]
    print(f"{name:9} wall median {statistics.median(walls)*1000:6.1f} ms (max {max(walls)*1000:6.1f})  cpu median {statistics.median(cpus)*1000:6.1f} ms")
