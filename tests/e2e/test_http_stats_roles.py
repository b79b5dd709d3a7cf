"""Patterns and charts filtered by the caller's role (docs/api.md
"Engines"), end to end on the demo workspace with one restricted and one
sealed act added through the CLI: an admin's GET /api/v1/stats is `vka stats
--format json`; a viewer's counts are lower by exactly the restricted and
sealed acts and name none of their places or ids, and leave out the
national-identity breakdown (a sensitive field); a lawyer's include the
restricted act but not the sealed one; `vka stats --role R` gives each
role's JSON; charts are SVG for a viewer and differ from the admin's where
the hidden acts add a bar; the signed-out visitor gets 401."""
import json
import os
import re
import tempfile
import unittest

import vkahttp
from vkatest import run


class HttpStatsRolesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-stats-roles-")
        cls.ws = os.path.join(cls._tmp.name, "demo")
        r = run("demo", cls.ws)
        assert r.returncode == 0, r.stderr
        records = [json.loads(line) for line in cls.vka_ok("export").splitlines()]
        cls.situation = next(r["id"] for r in records if r["id"].startswith("sit_"))
        level = lambda r: r.get("confidentiality", "internal")
        events = {r["id"]: level(r) for r in records
                  if r["id"].startswith("evt_") and r.get("situation") == cls.situation}
        readable_event = next(e for e, lv in events.items() if lv in ("public", "internal"))
        # Acts of the situation the demo already hides from viewers / lawyers.
        acts = [r for r in records if r["id"].startswith("act_") and r.get("event") in events]
        cls.demo_hidden_from = {
            "viewer": sum(1 for a in acts if level(a) in ("restricted", "sealed")
                          or events[a["event"]] in ("restricted", "sealed")),
            "lawyer": sum(1 for a in acts if level(a) == "sealed" or events[a["event"]] == "sealed"),
        }
        # Two new places, each used only by one hidden act, on a day of its own.
        cls.places = {}
        cls.acts = {}
        for lv, day in (("restricted", "1989-03-02"), ("sealed", "1989-03-03")):
            cls.places[lv] = cls.add("place", {"names": [{"value": f"SYNTHETIC {lv} place"}],
                                               "coordinates": {"lat": 41.5, "lon": 45.5}})
            cls.acts[lv] = cls.add("act", {"type": "killing", "event": readable_event,
                                           "place": cls.places[lv], "date": day,
                                           "victim_count": 1, "confidentiality": lv})
        cls.server = vkahttp.Server(cls.ws)
        cls.users = {role: vkahttp.signed_in(cls.server, cls.ws, "u_" + role, role)
                     for role in ("admin", "lawyer", "reviewer", "documenter", "viewer")}

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls._tmp.cleanup()
        assert code == 0, "exit 0 on SIGTERM"

    @classmethod
    def vka_ok(cls, *args):
        r = run("--workspace", cls.ws, *args)
        assert r.returncode == 0, f"vka {' '.join(args)}: {r.stderr}"
        return r.stdout

    @classmethod
    def add(cls, kind, body):
        body = dict(body, remarks="SYNTHETIC record for the stats-by-role test")
        return cls.vka_ok("add", kind, "--json", json.dumps(body)).split()[0]

    def stats(self, role, **params):
        r = self.users[role].get("/api/v1/stats", params={"situation": self.situation, **params})
        self.assertEqual(r.status, 200, f"{role}: {r.text()}")
        return r

    def cli_stats(self, *args):
        return json.loads(self.vka_ok("stats", "--situation", self.situation, "--format", "json",
                                      *args))

    def test_admin_sees_the_command(self):
        got = self.stats("admin").json()
        self.assertEqual(got, self.cli_stats())
        self.assertEqual(got, self.cli_stats("--role", "admin"))
        self.assertNotIn("withheld_dimensions", got)
        self.assertIn("identity", got["by"])
        text = self.stats("admin").text()
        for lv in ("restricted", "sealed"):
            self.assertIn(self.places[lv], text, "the admin counts the " + lv + " act's place")

    def test_viewer_counts_only_what_it_may_read(self):
        admin = self.stats("admin").json()
        r = self.stats("viewer")
        viewer = r.json()
        self.assertEqual(viewer["acts"], admin["acts"] - 2 - self.demo_hidden_from["viewer"])
        self.assertEqual(viewer["unidentified_victims"] < admin["unidentified_victims"], True)
        by_type = lambda s: {g["key"]: g["acts"] for g in s["by"]["type"]}
        self.assertEqual(sum(by_type(viewer).values()), viewer["acts"])
        self.assertLess(by_type(viewer).get("killing", 0), by_type(admin)["killing"])
        for lv in ("restricted", "sealed"):
            self.assertNotIn(self.places[lv], r.text())
            self.assertNotIn(self.acts[lv], r.text())
        days = {g["key"] for g in viewer["by"]["day"]}
        self.assertFalse(days & {"1989-03-02", "1989-03-03"}, days)
        # National identity is sensitive: no breakdown, no asking for it.
        self.assertNotIn("identity", viewer["by"])
        self.assertEqual(viewer["withheld_dimensions"], ["identity"])
        self.assertTrue(any("viewer role" in c for c in viewer["caveats"]), viewer["caveats"])
        refused = self.users["viewer"].get("/api/v1/stats",
                                           params={"situation": self.situation, "by": "identity"})
        self.assertEqual(refused.status, 403, refused.text())
        self.assertEqual(viewer, self.cli_stats("--role", "viewer"))
        # A reviewer reads restricted records but no sensitive field.
        reviewer = self.stats("reviewer").json()
        self.assertEqual(reviewer["acts"], admin["acts"] - 1 - self.demo_hidden_from["lawyer"])
        self.assertNotIn("identity", reviewer["by"])
        # A documenter reads what a viewer does, sensitive fields included.
        documenter = self.stats("documenter").json()
        self.assertEqual(documenter["acts"], viewer["acts"])
        self.assertIn("identity", documenter["by"])
        self.assertNotIn("withheld_dimensions", documenter)

    def test_lawyer_counts_restricted_not_sealed(self):
        admin = self.stats("admin").json()
        r = self.stats("lawyer")
        lawyer = r.json()
        self.assertEqual(lawyer["acts"], admin["acts"] - 1 - self.demo_hidden_from["lawyer"])
        self.assertIn(self.places["restricted"], r.text())
        self.assertNotIn(self.places["sealed"], r.text())
        days = {g["key"] for g in lawyer["by"]["day"]}
        self.assertIn("1989-03-02", days)
        self.assertNotIn("1989-03-03", days)
        self.assertIn("identity", lawyer["by"])
        self.assertEqual(lawyer, self.cli_stats("--role", "lawyer"))

    def test_charts_by_role(self):
        same = lambda svg: re.sub(rb"surface\d+", b"surface", svg)
        drawn = {}
        for role in ("admin", "viewer"):
            for kind in ("timeline", "places", "calendar", "victims", "map"):
                r = self.users[role].get(f"/api/v1/charts/{kind}.svg",
                                         params={"situation": self.situation})
                self.assertEqual(r.status, 200, f"{role} {kind}: {r.text()}")
                self.assertTrue(r.header("Content-Type").startswith("image/svg+xml"))
                self.assertIn(b"<svg", r.body)
                drawn[role, kind] = same(r.body)
        # The hidden acts are at places of their own: one bar each on the
        # admin's places chart, none on the viewer's.
        self.assertNotEqual(drawn["admin", "places"], drawn["viewer", "places"])
        self.assertNotEqual(drawn["admin", "timeline"], drawn["viewer", "timeline"])
        # A viewer's chart is the command's with --role viewer.
        out = os.path.join(self._tmp.name, "viewer-places.svg")
        self.vka_ok("chart", "places", "--situation", self.situation, "--role", "viewer",
                    "--output", out)
        with open(out, "rb") as f:
            self.assertEqual(same(f.read()), drawn["viewer", "places"])

    def test_kept_estimate_by_role(self):
        table = os.path.join(self._tmp.name, "overlap.csv")
        with open(table, "w") as f:  # a SYNTHETIC two-list table
            f.write("A,B,count\n1,0,60\n0,1,50\n1,1,20\n")
        self.vka_ok("estimate", "--table", table, "--method", "loglinear",
                    "--keep-for", self.situation, "--counts", "SYNTHETIC persons killed")
        try:
            for role in ("admin", "lawyer", "reviewer"):
                got = self.stats(role).json()["estimate"]
                self.assertEqual(got, self.cli_stats("--role", role)["estimate"], role)
                self.assertEqual(got["counts"], "SYNTHETIC persons killed")
                self.assertEqual(got["result"]["methods"]["loglinear"]["observed"], 130)
            for role in ("viewer", "documenter"):  # may not read restricted records
                self.assertIsNone(self.stats(role).json()["estimate"], role)
            chart = lambda role: self.users[role].get("/api/v1/charts/estimate.svg",
                                                     params={"situation": self.situation})
            r = chart("lawyer")
            self.assertEqual(r.status, 200, r.text())
            self.assertIn(b"<svg", r.body)
            self.assertEqual(chart("viewer").status, 404)
        finally:
            os.remove(os.path.join(self.ws, "estimates", self.situation + ".json"))

    def test_signed_out_gets_401(self):
        public = self.server.client()
        self.assertEqual(public.get("/api/v1/stats", params={"situation": self.situation}).status, 401)
        self.assertEqual(public.get("/api/v1/charts/places.svg",
                                    params={"situation": self.situation}).status, 401)

    def test_cli_role_errors(self):
        r = run("--workspace", self.ws, "stats", "--situation", self.situation, "--role", "boss")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("--role", r.stderr)
        r = run("--workspace", self.ws, "stats", "--situation", self.situation, "--role",
                "viewer", "--by", "identity")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("sensitive", r.stderr)


if __name__ == "__main__":
    unittest.main()
