"""Four builds of agenda side by side against Python's parse of FOSDEM 2025, interleaved: python3 builds.py ROUNDS BIN..."""
import os, subprocess, time, statistics, sys
F="../shared/data/fosdem-2025-schedule.xml"  # run from the repository root
bins=sys.argv[2:]; rounds=int(sys.argv[1])
def run(a):
    s=time.perf_counter(); p=subprocess.Popen(a,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    _,st,u=os.wait4(p.pid,0); return time.perf_counter()-s, u.ru_utime+u.ru_stime
cmds={}
for b in bins:
    cmds[b+" plan"]=[b,"plan","--schedule",F,"--likes","rust"]
for b in bins:
    cmds[b+" check"]=[b,"check","--schedule",F]
cmds["python"]=["python3","-c",f"import xml.etree.ElementTree as E; E.parse({F!r})"]
res={k:[] for k in cmds}
for k,a in cmds.items(): run(a)
for r in range(rounds):
    for k,a in cmds.items(): res[k].append(run(a))
py=statistics.median(x[0] for x in res["python"])
for k,v in res.items():
    w=statistics.median(x[0] for x in v)
    print(f"{k:40} wall {w*1000:6.1f} cpu {statistics.median(x[1] for x in v)*1000:6.1f}  {w/py:.2f}x")
