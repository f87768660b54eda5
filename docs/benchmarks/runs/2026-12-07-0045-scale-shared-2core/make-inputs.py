"""The two 64 MB inputs of this run, written to the current folder.

slot64.json: tests/common/shapes.rs `same_slot(316000)` (316,000 talks in room A at 10:00),
as the same pretalx/frab schedule.json. fosdem64.xml: FOSDEM 2025's frab XML (../shared/data)
with its two days repeated 19 times (dates moved on two days each time, event ids and guids
made unique), 38 days.
"""
import datetime, json, re

def event(i):
    return {"id": i, "guid": None, "date": "2025-09-30T10:00:00+02:00", "start": "10:00",
            "duration": "00:30", "room": "A", "title": f"Talk {i}", "type": "Talk",
            "abstract": "", "description": "", "persons": [{"public_name": f"P{i}"}]}

day = {"index": 1, "date": "2025-09-30", "day_start": "2025-09-30T08:00:00+02:00",
       "day_end": "2025-09-30T23:00:00+02:00", "rooms": {"A": [event(i) for i in range(316000)]}}
doc = {"schedule": {"version": "1", "conference": {"title": "Shapes", "acronym": "shapes",
       "time_zone_name": "Europe/Berlin", "days": [day]}}}
open("slot64.json", "w").write(json.dumps(doc, separators=(",", ":")))

src = open("../shared/data/fosdem-2025-schedule.xml").read()
start, end = src.index('  <day index="1"'), src.rindex("</schedule>")
out = [src[:start]]
for k in range(19):
    t = re.sub(r"2025-02-0([1-3])", lambda m: (datetime.date(2025, 2, int(m.group(1)))
               + datetime.timedelta(days=2 * k)).isoformat(), src[start:end])
    t = re.sub(r'(<event guid="[0-9a-f-]*?)(")', lambda m: m.group(1) + f"-{k}" + m.group(2), t)
    t = re.sub(r' id="(\d+)"', lambda m: f' id="{int(m.group(1)) + 1000000 * k}"', t)
    t = re.sub(r'<day index="(\d+)"', lambda m: f'<day index="{int(m.group(1)) + 2 * k}"', t)
    out.append(t)
out.append(src[end:])
text = "".join(out).replace("<end>2025-02-02</end>", "<end>2025-03-10</end>")
open("fosdem64.xml", "w").write(text.replace("<days>2</days>", "<days>38</days>"))
