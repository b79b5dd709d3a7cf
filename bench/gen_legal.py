#!/usr/bin/env python3
"""Writes a synthetic situation for the legal benchmark as NDJSON on stdout:
ACTS acts in events, SOURCES sources and LINKS information records (defaults
100,000 / 50,000 / 200,000, the sizes of issue 4's target), plus the persons,
organizations and state conduct they refer to. Deterministic. SYNTHETIC DATA:
every name and text is invented."""
import json
import random
import sys

ACTS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
SOURCES = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
LINKS = int(sys.argv[3]) if len(sys.argv) > 3 else 200_000
rnd = random.Random(4)
out = sys.stdout


def ulid(prefix, n):
    digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    s = ""
    for _ in range(16):
        s = digits[n % 32] + s
        n //= 32
    return f"{prefix}_01J0000000{s}"


def emit(rec):
    rec["remarks"] = "SYNTHETIC BENCHMARK DATA"
    out.write(json.dumps(rec, separators=(",", ":")) + "\n")


SIT = ulid("sit", 1)
emit({"kind": "situation", "id": SIT, "name": "SYNTHETIC benchmark situation"})
EVENTS = max(1, ACTS // 100)
PERSONS = max(1, ACTS // 2)
ORGS = 200
for i in range(ORGS):
    emit({"kind": "organization", "id": ulid("org", i), "names": [{"value": f"Org {i}", "script": "Latn"}],
          "type": rnd.choice(["state_organ", "mob", "armed_group", "governmental_authority"])})
for i in range(PERSONS):
    emit({"kind": "person", "id": ulid("per", i), "names": [{"value": f"Person {i}", "script": "Latn"}],
          "status": rnd.choice(["alive", "deceased", "missing", "unknown"])})
for i in range(EVENTS):
    emit({"kind": "event", "id": ulid("evt", i), "title": f"Event {i}", "situation": SIT,
          "date": f"1990-01-{1 + i % 28:02d}"})
for i in range(SOURCES):
    src = {"kind": "source", "id": ulid("src", i), "type": rnd.choice(["testimony", "report", "official_record"]),
           "title": f"[SYNTHETIC] Source {i}", "origin": f"origin-{rnd.randrange(SOURCES // 3 + 1)}",
           "reliability": rnd.choice("ABCDEF")}
    if rnd.random() < 0.3:
        src["consent"] = {"scopes": rnd.choice([["legal_use"], ["research_use"], ["legal_use", "public_use"]]),
                          "withdrawn": rnd.random() < 0.05}
    if rnd.random() < 0.01:
        src["obtained_under_torture"] = True
    emit(src)
TYPES = ["killing", "torture", "beating", "humiliation", "arbitrary_detention", "expulsion",
         "forced_eviction", "destruction_of_property", "looting", "appropriation_of_property"]
for i in range(ACTS):
    act = {"kind": "act", "id": ulid("act", i), "type": rnd.choice(TYPES), "event": ulid("evt", i % EVENTS),
           "victim": ulid("per", rnd.randrange(PERSONS)), "date": f"1990-01-{1 + i % 28:02d}",
           "perpetrators": [{"perpetrator": ulid("org", rnd.randrange(ORGS)),
                             "involvement": rnd.choice(["direct_perpetrator", "ordered", "present"])}]}
    if rnd.random() < 0.6:
        act["grounds"] = ["national_identity"]
    if rnd.random() < 0.3:
        act["consequences"] = [rnd.choice(["death", "injury", "detention", "loss_of_home"])]
    emit(act)
STC = max(1, EVENTS // 2)
for i in range(STC):
    emit({"kind": "state_conduct", "id": ulid("stc", i), "actor": ulid("org", rnd.randrange(ORGS)),
          "conduct": rnd.choice(["failure_to_intervene", "failure_to_investigate", "participation", "denial"]),
          "event": ulid("evt", rnd.randrange(EVENTS))})
for i in range(LINKS):
    target = ulid("act", rnd.randrange(ACTS)) if rnd.random() < 0.97 else ulid("stc", rnd.randrange(STC))
    emit({"kind": "information", "id": ulid("inf", i), "source": ulid("src", rnd.randrange(SOURCES)),
          "record": target, "locator": f"p. {rnd.randrange(1, 300)}", "credibility": rnd.choice("123456"),
          "stance": "contradicts" if rnd.random() < 0.08 else "supports"})
