"""`vka stats`: patterns of a situation's documented acts, counted by hand on
a tiny situation, and totals checked against `vka list` on the demo."""
import json
import os
import unittest

from vkatest import VkaTestCase, run


class StatsCommand(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def build_situation(self):
        sit = self.add("situation", {"name": "Tiny situation (synthetic)"})
        a = self.add("place", {"names": [{"value": "Street A"}], "coordinates": {"lat": 0, "lon": 0}})
        b = self.add("place", {"names": [{"value": "Street B"}], "coordinates": {"lat": 0, "lon": 90}})
        p1 = self.add("person", {"names": [{"value": "P1"}], "sex": "female", "birth": "1960-05-10",
                                 "national_identity": "Armenian"})
        p2 = self.add("person", {"names": [{"value": "P2"}], "sex": "male", "birth": "1972",
                                 "national_identity": "Armenian"})
        p3 = self.add("person", {"names": [{"value": "P3"}], "sex": "male",
                                 "national_identity": "Russian"})
        e1 = self.add("event", {"title": "E1", "situation": sit})
        e2 = self.add("event", {"title": "E2", "situation": sit})
        other_sit = self.add("situation", {"name": "Another situation (synthetic)"})
        other = self.add("event", {"title": "Other", "situation": other_sit})
        acts = [
            {"type": "killing", "event": e1, "place": a, "victim": p1, "date": "1990-01-13"},
            {"type": "beating", "event": e1, "place": a, "victim": p2, "date": "1990-01-13"},
            {"type": "killing", "event": e2, "place": b, "victim": p3, "date": "1990-01-14"},
            {"type": "looting", "event": e2, "place": b, "victim_count": 3, "date": "1990-01-20"},
            {"type": "beating", "event": e2, "victim": p1, "date": "1990-01-15~"},
            {"type": "killing", "event": e1, "victim": p2},
            {"type": "killing", "event": other, "victim": p1, "date": "1990-01-13"},
        ]
        for act in acts:
            self.add("act", act)
        return sit

    def stats(self, sit, *args):
        return json.loads(self.ok("stats", "--situation", sit, "--format", "json", *args))

    def test_counts_of_a_tiny_situation(self):
        sit = self.build_situation()
        s = self.stats(sit)
        self.assertEqual(s["acts"], 6)  # the act of the other situation is left out
        self.assertEqual(s["events"], 2)
        self.assertEqual(s["distinct_victims"], 3)
        self.assertEqual(s["unidentified_victims"], 3)
        self.assertEqual(s["dates"], {"single_day": 4, "ranged_or_approximate": 1, "undated": 1})
        by = {d: {r["key"]: (r["acts"], r["victims"]) for r in rows} for d, rows in s["by"].items()}
        self.assertEqual(by["type"], {"killing": (3, 3), "beating": (2, 2), "looting": (1, 0)})
        self.assertEqual(by["day"], {"1990-01-13": (2, 2), "1990-01-14": (1, 1),
                                     "1990-01-20": (1, 0)})
        self.assertEqual(by["sex"], {"male": (3, 2), "female": (2, 1),
                                     "no_identified_person": (1, 0)})
        # p1 is 29; p2 (born in 1972) 17 or 18 on 1990-01-13, and undated once.
        self.assertEqual(by["age"], {"18-29": (2, 1), "unknown": (3, 2),
                                     "no_identified_person": (1, 0)})
        self.assertEqual(by["identity"], {"Armenian": (4, 2), "Russian": (1, 1),
                                          "no_identified_person": (1, 0)})
        self.assertEqual(s["temporal"]["peak_day"], "1990-01-13")
        self.assertEqual(s["temporal"]["half_window"],
                         {"start": "1990-01-13", "end": "1990-01-13", "days": 1, "acts": 2})
        self.assertEqual(s["spread"]["distinct_places"], 2)
        self.assertAlmostEqual(s["spread"]["max_distance_km"], 10007.543398010286, places=6)
        # E1 {beating, killing}, E2 {beating, killing, looting}: Jaccard 2/3.
        self.assertAlmostEqual(s["modus_operandi"]["mean_jaccard"], 2 / 3)
        self.assertEqual(s["modus_operandi"]["share_above_half"], 1)
        self.assertIn("lower bounds", s["caveats"][0])
        self.assertIn("vka estimate", s["caveats"][0])

    def test_population_csv_csv_output_and_text(self):
        sit = self.build_situation()
        pop = self.write("pop.csv", "group,count\nArmenian,100\nRussian,300\nAzerbaijani,600\n")
        s = self.stats(sit, "--population", pop)
        t = {r["group"]: r for r in s["targeting"]}
        self.assertEqual(t["Armenian"]["victims"], 2)
        self.assertEqual(t["Armenian"]["victims_with_identity"], 3)
        self.assertAlmostEqual(t["Armenian"]["ratio"], (2 / 3) / 0.1)
        self.assertAlmostEqual(t["Russian"]["ratio"], (1 / 3) / 0.3)
        self.assertEqual(t["Azerbaijani"]["population_count"], 600)
        csv = self.ok("stats", "--situation", sit, "--by", "type", "--format", "csv")
        self.assertEqual(csv, "key,acts,victims\nkilling,3,3\nbeating,2,2\nlooting,1,0\n")
        text = self.ok("stats", "--situation", sit)
        self.assertIn("lower bounds", text)
        self.assertIn("Street A", text)
        bad = self.write("bad.csv", "group,share\nArmenian,0.7\nRussian,0.6\n")
        self.assertIn("sum to more than 1", self.fails(2, "stats", "--situation", sit,
                                                        "--population", bad))
        self.fails(2, "stats", "--situation", sit, "--format", "csv")
        self.fails(3, "stats", "--situation", "sit_01HK153X00AF7JWVN4W79M1CD4")

    def test_demo_totals_match_the_list(self):
        demo = os.path.join(self.tmp, "demo")
        r = run("demo", demo)
        self.assertEqual(r.returncode, 0, r.stderr)
        sits = run("--workspace", demo, "list", "situation", "--limit", "0", "--format", "ndjson")
        sit = json.loads(sits.stdout.splitlines()[0])["id"]
        acts = run("--workspace", demo, "list", "act", "--limit", "0", "--format", "ndjson")
        bodies = [json.loads(line) for line in acts.stdout.splitlines()]
        out = run("--workspace", demo, "stats", "--situation", sit, "--format", "json")
        self.assertEqual(out.returncode, 0, out.stderr)
        s = json.loads(out.stdout)
        self.assertEqual(s["acts"], len(bodies))
        for dim, rows in s["by"].items():
            if dim != "day":
                self.assertEqual(sum(r["acts"] for r in rows), len(bodies), dim)
        self.assertEqual(sum(r["acts"] for r in s["by"]["day"]), s["dates"]["single_day"])
        victims = {b["victim"] for b in bodies if "victim" in b}
        self.assertEqual(s["distinct_victims"], len(victims))
        types = {}
        for b in bodies:
            types[b["type"]] = types.get(b["type"], 0) + 1
        self.assertEqual({r["key"]: r["acts"] for r in s["by"]["type"]}, types)


if __name__ == "__main__":
    unittest.main()
