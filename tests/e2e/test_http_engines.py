"""The read-only engine routes of `vka serve` end to end (docs/api.md
"Engines"): the audit trail at /api/v1/audit is for admins only (403 for
other roles, 401 for the anonymous visitor) and filters like `vka audit`; a
situation's patterns at /api/v1/stats and its charts are for every signed-in
role (filtered by role: test_http_stats_roles.py), stats is the JSON of `vka
stats --format json`; bad parameters are 400, an unknown situation 404."""
import json
import os
import re
import unittest

import vkahttp
from vkatest import VkaTestCase


class HttpEnginesTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.server = vkahttp.Server(self.ws)
        self.admin = vkahttp.signed_in(self.server, self.ws, "boss", "admin")
        self.docu = vkahttp.signed_in(self.server, self.ws, "docu", "documenter")

    def tearDown(self):
        code = self.server.stop()
        self.assertEqual(code, 0, "exit 0 on SIGTERM:\n" + self.server.log())
        super().tearDown()

    def test_audit_admin_only(self):
        doc = self.server.client().get("/api/v1/openapi.json").json()
        for path in ("/api/v1/audit", "/api/v1/stats", "/api/v1/charts/{kind}.svg"):
            self.assertIn(path, doc["paths"])
        self.assertEqual(self.server.client().get("/api/v1/audit").status, 401)
        for role in ("viewer", "documenter", "reviewer", "lawyer"):
            c = vkahttp.signed_in(self.server, self.ws, "u_" + role, role)
            r = c.get("/api/v1/audit")
            self.assertEqual(r.status, 403, role + ": " + r.text())
            self.assertEqual(r.json()["error"]["code"], "permission_denied")

    def test_audit_filters(self):
        self.server.client().login("docu", "SYNTHETIC-wrong-password")
        r = self.admin.get("/api/v1/audit", params={"action": "login", "limit": "0"})
        self.assertEqual(r.status, 200, r.text())
        entries = r.json()["entries"]
        actions = {e["action"] for e in entries}
        self.assertIn("login.ok", actions)
        self.assertIn("login.fail", actions)
        self.assertTrue(all(e["action"].startswith("login") for e in entries))
        self.assertTrue(all(e["remote_addr"] == "127.0.0.1" for e in entries))
        seqs = [e["seq"] for e in entries]
        self.assertEqual(seqs, sorted(seqs), "oldest first")
        # Filter by actor, and the newest N.
        mine = self.admin.get("/api/v1/audit", params={"actor": "docu", "action": "login.ok"})
        self.assertTrue(mine.json()["entries"])
        self.assertTrue(all(e["actor"] == "docu" for e in mine.json()["entries"]))
        one = self.admin.get("/api/v1/audit", params={"limit": "1"}).json()["entries"]
        self.assertEqual(len(one), 1)
        everything = self.admin.get("/api/v1/audit", params={"limit": "0"}).json()["entries"]
        self.assertEqual(one[0]["seq"], everything[-1]["seq"])
        self.assertFalse(self.admin.get("/api/v1/audit",
                                        params={"since": "2999-01-01T00:00:00Z"}).json()["entries"])
        # No password ever appears in the trail.
        self.assertNotIn("SYNTHETIC-wrong-password", r.text())
        self.assertNotIn(vkahttp.PASSWORD_SUFFIX, self.admin.get("/api/v1/audit").text())

    def test_audit_bad_input(self):
        for params in ({"limit": "many"}, {"limit": "-1"}, {"since": "yesterday"}):
            r = self.admin.get("/api/v1/audit", params=params)
            self.assertEqual(r.status, 400, f"{params}: {r.text()}")
            self.assertEqual(r.json()["error"]["code"], "invalid_argument")

    def add(self, kind, body):
        r = self.admin.post("/api/v1/records", {"kind": kind, "body": body})
        self.assertEqual(r.status, 201, r.text())
        return r.json()["id"]

    def situation(self):
        sit = self.add("situation", {"name": "SYNTHETIC situation"})
        place = self.add("place", {"names": [{"value": "SYNTHETIC street"}],
                                   "coordinates": {"lat": 40.1, "lon": 44.5}})
        victim = self.add("person", {"names": [{"value": "SYNTHETIC P1"}], "sex": "female"})
        event = self.add("event", {"title": "SYNTHETIC E1", "situation": sit})
        self.add("act", {"type": "killing", "event": event, "place": place, "victim": victim,
                         "date": "1990-01-13"})
        self.add("act", {"type": "beating", "event": event, "victim": victim,
                         "date": "1990-01-14"})
        return sit

    def test_charts_as_the_command(self):
        sit = self.situation()
        for kind in ("timeline", "places", "calendar", "victims", "map"):
            r = self.admin.get(f"/api/v1/charts/{kind}.svg", params={"situation": sit})
            self.assertEqual(r.status, 200, kind + ": " + r.text())
            self.assertTrue(r.header("Content-Type").startswith("image/svg+xml"), kind)
            self.assertIn("<svg", r.text(), kind)
        out = os.path.join(self.tmp, "timeline.svg")
        self.ok("chart", "timeline", "--situation", sit, "--lang", "hy", "--output", out)
        with open(out, "rb") as f:
            expected = f.read()
        r = self.admin.get("/api/v1/charts/timeline.svg", params={"situation": sit, "lang": "hy"})
        # The same drawing; cairo numbers its surfaces per process.
        same = lambda svg: re.sub(rb"surface\d+", b"surface", svg)
        self.assertEqual(same(r.body), same(expected))
        self.assertEqual(self.docu.get("/api/v1/charts/timeline.svg",
                                       params={"situation": sit}).status, 200)
        self.assertEqual(self.server.client().get("/api/v1/charts/timeline.svg",
                                                  params={"situation": sit}).status, 401)
        for path, params in (("timeline", {}), ("pie", {"situation": sit}),
                             ("timeline", {"situation": sit, "lang": "fr"})):
            r = self.admin.get(f"/api/v1/charts/{path}.svg", params=params)
            self.assertEqual(r.status, 400, f"{path} {params}: {r.text()}")
        # No estimate is kept with the situation (test_http_stats_roles keeps one).
        r = self.admin.get("/api/v1/charts/estimate.svg", params={"situation": sit})
        self.assertEqual(r.status, 404, r.text())
        self.assertIn("no estimate kept with", r.text())
        missing = self.admin.get("/api/v1/charts/map.svg",
                                 params={"situation": "sit_01JAAAAAAAAAAAAAAAAAAAAAAA"})
        self.assertEqual(missing.status, 404, missing.text())

    def test_stats_as_the_command(self):
        sit = self.situation()
        r = self.admin.get("/api/v1/stats", params={"situation": sit})
        self.assertEqual(r.status, 200, r.text())
        got = r.json()
        self.assertEqual(got["acts"], 2)
        self.assertEqual(got["distinct_victims"], 1)
        self.assertEqual(got, json.loads(self.ok("stats", "--situation", sit, "--format", "json")))
        by_type = self.admin.get("/api/v1/stats", params={"situation": sit, "by": "type"}).json()
        self.assertEqual(list(by_type["by"]), ["type"])
        self.assertEqual(by_type, json.loads(self.ok("stats", "--situation", sit, "--by", "type",
                                                     "--format", "json")))
        # Every signed-in role; here a documenter reads every record counted.
        docu = self.docu.get("/api/v1/stats", params={"situation": sit})
        self.assertEqual(docu.status, 200, docu.text())
        self.assertEqual(docu.json()["acts"], 2)
        self.assertEqual(self.server.client().get("/api/v1/stats",
                                                  params={"situation": sit}).status, 401)
        # Bad input.
        self.assertEqual(self.admin.get("/api/v1/stats").status, 400)
        self.assertEqual(self.admin.get("/api/v1/stats",
                                        params={"situation": sit, "by": "colour"}).status, 400)
        missing = self.admin.get("/api/v1/stats", params={"situation": "sit_01JAAAAAAAAAAAAAAAAAAAAAAA"})
        self.assertEqual(missing.status, 404, missing.text())


if __name__ == "__main__":
    unittest.main()
