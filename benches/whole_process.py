"""Whole-process timings in interleaved rounds: each round runs every command once, in turn.

Interleaving gives every command the same minutes of the machine, so a ratio between two
commands (agenda against Python parsing the same file, a build against an earlier one) holds
even when the machine's speed drifts. Cargo ignores this file; it is run by hand:

    python3 benches/whole_process.py plan ROUNDS OUT.csv       # plan and check against Python's parse
    python3 benches/whole_process.py together ROUNDS OUT.csv   # together for 2, 3 and 5 friends

from the repository root after `cargo build --release`. With AGENDA_BEFORE=/path/to/agenda, an
earlier build runs beside target/release/agenda in every round. The schedule is FOSDEM 2025 from
../shared/data/ (AGENDA_SCHEDULE overrides it). Wall time per run is time.perf_counter around the
process; CPU time (user + system) comes from os.wait4. The CSV holds every run; the lines printed
are medians.
"""
import csv, os, statistics, subprocess, sys, time

F = os.environ.get("AGENDA_SCHEDULE", "../shared/data/fosdem-2025-schedule.xml")
AFTER = "target/release/agenda"
BEFORE = os.environ.get("AGENDA_BEFORE")
FRIENDS = "profiles/fosdem-2025"
GROUPS = {2: ["pat", "quinn"], 3: ["pat", "quinn", "rosa"], 5: ["pat", "quinn", "rosa", "sam", "tess"]}


def builds():
    """The builds to time: the earlier one (when given) first, then this tree's."""
    return ([("before-", BEFORE)] if BEFORE else []) + [("", AFTER)]


def commands(suite):
    """Every command of the suite, by name, in the order each round runs them."""
    cmds = {}
    if suite == "plan":
        for label, binary in builds():
            cmds[f"{label}plan"] = [binary, "plan", "--schedule", F, "--likes", "rust"]
        for label, binary in builds():
            cmds[f"{label}check"] = [binary, "check", "--schedule", F]
        cmds["python-etree"] = ["python3", "-c", f"import xml.etree.ElementTree as E; E.parse({F!r})"]
    elif suite == "together":
        for n, people in GROUPS.items():
            for label, binary in builds():
                cmds[f"{label}together-{n}"] = [binary, "--schedule", F, "together"] + [
                    f"{FRIENDS}/{p}.ron" for p in people
                ]
    else:
        sys.exit(f"unknown suite {suite!r}: use plan or together")
    return cmds


def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    suite, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    cmds = commands(suite)
    for argv in cmds.values():  # warm-up: file cache, binaries paged in
        run(argv)
    rows = [(r, name, *run(argv)) for r in range(rounds) for name, argv in cmds.items()]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["round", "command", "wall_s", "cpu_s"])
        w.writerows(rows)
    python = [x[2] for x in rows if x[1] == "python-etree"]
    for name in cmds:
        walls = [x[2] for x in rows if x[1] == name]
        cpus = [x[3] for x in rows if x[1] == name]
        line = (f"{name:18} wall median {statistics.median(walls) * 1000:6.1f} ms "
                f"(max {max(walls) * 1000:6.1f})  cpu median {statistics.median(cpus) * 1000:6.1f} ms")
        if python:
            line += f"  wall vs python {statistics.median(walls) / statistics.median(python):.2f}x"
        print(line)


if __name__ == "__main__":
    main()
