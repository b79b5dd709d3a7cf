"""The public memorial of `vka serve` on the demo workspace: crawls every
public page and API response reachable without login (the memorial page and
its data, the UI shell, every asset, the OpenAPI document, the log files) and
asserts that no restricted, sealed or internal record id and no sensitive
value appears; victims are named only with consent for named publication."""
import json
import os
import re
import tempfile
import unittest

import vkahttp
from vkatest import run

SENSITIVE = ("contacts", "national_identity", "current_location")


class HttpMemorialTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-memorial-")
        cls.ws = os.path.join(cls._tmp.name, "demo")
        r = run("demo", cls.ws)
        assert r.returncode == 0, r.stderr
        # A public victim whose witness consented to named publication, and
        # one whose consent was withdrawn (SYNTHETIC).
        cls.named = cls.add("person", {"names": [{"value": "SYNTHETIC Named Victim"}],
                                       "confidentiality": "public", "status": "deceased"})
        cls.withdrawn = cls.add("person", {"names": [{"value": "SYNTHETIC Withdrawn Victim"}],
                                           "confidentiality": "public"})
        cls.add("source", {"type": "testimony", "title": "SYNTHETIC consenting testimony",
                           "witness": cls.named, "confidentiality": "restricted",
                           "consent": {"scopes": ["named_publication"]}})
        cls.add("source", {"type": "testimony", "title": "SYNTHETIC withdrawn testimony",
                           "witness": cls.withdrawn, "confidentiality": "restricted",
                           "consent": {"scopes": ["named_publication"], "withdrawn": True}})
        for victim in (cls.named, cls.withdrawn):
            cls.add("act", {"type": "killing", "victim": victim, "confidentiality": "public"})
        exported = run("--workspace", cls.ws, "export")
        assert exported.returncode == 0, exported.stderr
        cls.records = [json.loads(line) for line in exported.stdout.splitlines()]
        cls.server = vkahttp.Server(cls.ws)

    @classmethod
    def add(cls, kind, body):
        r = run("--workspace", cls.ws, "add", kind, "--json", json.dumps(body))
        assert r.returncode == 0, r.stderr
        return r.stdout.split()[0]

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls._tmp.cleanup()
        assert code == 0

    def crawl(self):
        """Every public response: path -> text."""
        c = self.server.client()
        pages = {}
        queue = ["/", "/memorial", "/app/", "/api/v1/memorial", "/api/v1/openapi.json",
                 "/log/checkpoint", "/healthz"]
        while queue:
            path = queue.pop()
            if path in pages:
                continue
            r = c.get(path)
            self.assertLess(r.status, 500, path)
            text = r.body.decode("utf-8", "replace")
            pages[path] = text
            for ref in re.findall(r'(?:src|href)="(/[^"#?]*)', text):
                if not ref.startswith("/api/v1/records"):
                    queue.append(ref)
            for ref in re.findall(r'["\'](/assets/[A-Za-z0-9._-]+)', text):
                queue.append(ref)
        return pages

    def test_no_hidden_record_or_sensitive_value_is_public(self):
        pages = self.crawl()
        self.assertGreater(len([p for p in pages if p.startswith("/assets/")]), 2, sorted(pages))
        hidden_ids = [r["id"] for r in self.records if r.get("confidentiality", "internal") != "public"]
        sensitive_values = [r[f] for r in self.records for f in SENSITIVE if f in r]
        # Who gave testimony is sensitive; the consenting named victim is
        # public as a victim (not as a witness), so only others are checked.
        sensitive_values += [r["witness"] for r in self.records
                             if "witness" in r and r["witness"] != self.named]
        transcripts = [r["transcript"][:40] for r in self.records if r.get("transcript")]
        self.assertGreater(len(hidden_ids), 1000)
        self.assertGreater(len(sensitive_values), 100)
        # A one-word value such as a national identity ("Armenian") also
        # occurs in ordinary text (a font name); such fields are checked by
        # name in the JSON responses instead.
        short = {v for v in sensitive_values if " " not in v and "_" not in v}
        sensitive_values = [v for v in sensitive_values if v not in short]
        for path, text in pages.items():
            if path.startswith("/api/"):
                for field in SENSITIVE + ("witness", "transcript"):
                    self.assertNotIn(f'"{field}"', text, f"{path} has a {field} field")
            ids_in_page = set(re.findall(r"\b[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}\b", text))
            leaked = ids_in_page & set(hidden_ids)
            self.assertFalse(leaked, f"{path} shows non-public records {sorted(leaked)[:5]}")
            for value in sensitive_values:
                self.assertNotIn(value, text, f"{path} shows a sensitive value")
            for excerpt in transcripts:
                self.assertNotIn(excerpt, text, f"{path} shows a transcript")

    def test_memorial_data(self):
        data = self.server.client().get("/api/v1/memorial").json()
        public = {r["id"] for r in self.records if r.get("confidentiality") == "public"}
        self.assertTrue(data["situations"])
        self.assertTrue(data["events"])
        for key in ("situations", "events", "places", "sources"):
            for item in data[key]:
                self.assertIn(item["id"], public, key)
        dates = [e.get("date", "") for e in data["events"]]
        self.assertEqual(dates, sorted(dates), "a timeline, by date")
        named = {v["id"]: v for v in data["victims"]["named"]}
        self.assertEqual(list(named), [self.named])
        self.assertEqual(named[self.named]["name"], "SYNTHETIC Named Victim")
        self.assertNotIn(self.withdrawn, json.dumps(data))
        self.assertGreaterEqual(data["victims"]["unnamed_count"], 1)
        self.assertIn("caveat", data["stats"])
        self.assertIn("— ", data["checkpoint"], "a signed note")
        self.assertTrue(data["verify_howto"])
        sources = {s["id"]: s for s in data["sources"]}
        by_id = {r["id"]: r for r in self.records}
        for sid in sources:
            consent = by_id[sid].get("consent")
            if consent:
                self.assertFalse(consent.get("withdrawn", False))
                self.assertTrue({"public_use", "named_publication"} & set(consent["scopes"]))
            self.assertNotIn("transcript", sources[sid])

    def test_log_is_public_and_read_only(self):
        c = self.server.client()
        checkpoint = c.get("/log/checkpoint")
        self.assertEqual(checkpoint.status, 200)
        size = int(checkpoint.text().splitlines()[1])
        self.assertGreater(size, 0)
        self.assertGreater(size, 256, "the demo fills whole tiles")
        tile = c.get("/log/tile/0/000")
        self.assertEqual(tile.status, 200)
        self.assertEqual(len(tile.body), 256 * 32)
        # Stored checkpoints (log/checkpoints/<size>) are served as they are.
        stored = c.get(f"/log/checkpoints/{size}")
        self.assertEqual(stored.status, 200)
        self.assertEqual(stored.text(), checkpoint.text())
        self.assertEqual(c.get("/log/checkpoints/0").status, 404)
        self.assertEqual(c.get("/log/cosignatures/1").status, 404)  # none collected
        self.assertEqual(c.get("/log/checkpoints/x").status, 404)
        self.assertEqual(c.get("/log/../vka.toml").status, 404)
        self.assertEqual(c.get("/log/tile/../../vka.db").status, 404)
        self.assertEqual(c.post("/log/checkpoint", "x").status, 404)


if __name__ == "__main__":
    unittest.main()
