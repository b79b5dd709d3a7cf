"""The authorisation matrix of `vka serve`: every role (and the anonymous
visitor) against every endpoint and every confidentiality level of the demo
workspace: records, history, proofs, lists and their counts, search,
export, evidence metadata and downloads, and writes. A record a role may
not read is 404 exactly like a missing one; sensitive fields reach only
documenters, lawyers and admins (app/access.h)."""
import json
import os
import subprocess
import unittest

import vkahttp
from vkatest import VKA, run

LEVELS = ["public", "internal", "restricted", "sealed"]
READABLE = {
    "viewer": {"public", "internal"},
    "documenter": {"public", "internal"},
    "reviewer": {"public", "internal", "restricted"},
    "lawyer": {"public", "internal", "restricted"},
    "admin": set(LEVELS),
}
SENSITIVE_ROLES = {"documenter", "lawyer", "admin"}
WRITERS = {"documenter", "lawyer", "admin"}
SENSITIVE_FIELDS = ("contacts", "national_identity", "current_location", "witness")
MISSING_ID = "act_01JAAAAAAAAAAAAAAAAAAAAAAA"


class HttpAuthzTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp, cls.ws = vkahttp.demo_workspace("vka-e2e-authz-")
        cls.records = vkahttp.exported_records(cls.ws)
        cls.level_of = {r["id"]: r.get("confidentiality", "internal") for r in cls.records}
        # One evidence file on a source of each level.
        cls.evidence = {}
        for level in LEVELS:
            source = next(r["id"] for r in cls.records
                          if r["kind"] == "source" and r.get("confidentiality") == level)
            path = os.path.join(cls._tmp.name, f"{level}.txt")
            with open(path, "w") as f:
                f.write(f"SYNTHETIC evidence of a {level} source\n")
            r = run("--workspace", cls.ws, "evidence", "add", "--source", source, path)
            assert r.returncode == 0, r.stderr
            listed = run("--workspace", cls.ws, "evidence", "list", "--source", source)
            cls.evidence[level] = next(tok for tok in listed.stdout.split() if len(tok) == 64)
        cls.server = vkahttp.Server(cls.ws)
        cls.clients = {role: vkahttp.signed_in(cls.server, cls.ws, f"u_{role}", role)
                       for role in READABLE}
        cls.anonymous = cls.server.client()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls._tmp.cleanup()
        assert code == 0, "vka serve did not exit 0 on SIGTERM"

    def sample(self, kind, level):
        return next(r for r in self.records
                    if r["kind"] == kind and r.get("confidentiality", "internal") == level)

    def expected_ids(self, kind, role):
        return {r["id"] for r in self.records
                if r["kind"] == kind and self.level_of[r["id"]] in READABLE[role]}

    def test_records_history_and_proof_by_level(self):
        for role, client in self.clients.items():
            for level in LEVELS:
                rid = self.sample("act", level)["id"]
                want = 200 if level in READABLE[role] else 404
                for suffix in ("", "/history", "/proof"):
                    r = client.get(f"/api/v1/records/{rid}{suffix}")
                    self.assertEqual(r.status, want, f"{role} {level} {suffix}: {r.text()[:200]}")
                    if want == 404:
                        # Indistinguishable from a record that does not exist.
                        missing = client.get(f"/api/v1/records/{MISSING_ID}{suffix}")
                        self.assertEqual(missing.status, 404)
                        self.assertEqual(r.text().replace(rid, "ID"),
                                         missing.text().replace(MISSING_ID, "ID"))

    def test_lists_and_counts_hold_only_readable_records(self):
        for kind in ("act", "source", "person"):
            for role, client in self.clients.items():
                seen = []
                offset = 0
                while offset is not None:
                    r = client.get("/api/v1/records",
                                   params={"kind": kind, "limit": 500, "offset": offset})
                    self.assertEqual(r.status, 200, r.text()[:200])
                    page = r.json()
                    seen += [item["id"] for item in page["items"]]
                    offset = page["next_offset"]
                self.assertEqual(set(seen), self.expected_ids(kind, role), f"{role} {kind}")
                self.assertEqual(len(seen), len(set(seen)))

    def test_filtered_list_counts_do_not_reveal_hidden_records(self):
        for role, client in self.clients.items():
            r = client.get("/api/v1/records",
                           params={"kind": "act", "where": "type=killing", "limit": 500})
            got = {item["id"] for item in r.json()["items"]}
            want = {x["id"] for x in self.records if x["kind"] == "act" and x.get("type") == "killing"
                    and self.level_of[x["id"]] in READABLE[role]}
            if r.json()["next_offset"] is None:
                self.assertEqual(got, want, role)
            else:
                self.assertTrue(got <= want, role)

    def test_sensitive_fields_by_role(self):
        person = next(r for r in self.records if r["kind"] == "person" and "contacts" in r
                      and r.get("confidentiality", "internal") == "internal")
        for role, client in self.clients.items():
            body = client.get(f"/api/v1/records/{person['id']}").json()["body"]
            listed = client.get("/api/v1/records", params={"kind": "person", "limit": 500}).text()
            history = client.get(f"/api/v1/records/{person['id']}/history").text()
            exported = client.get("/api/v1/export", params={"kind": "person"}).text()
            for field in ("contacts", "national_identity", "current_location"):
                value = person[field]
                if role in SENSITIVE_ROLES:
                    self.assertEqual(body.get(field), value, role)
                else:
                    self.assertNotIn(field, body, role)
                    for text in (listed, history, exported):
                        self.assertNotIn(json.dumps(value)[1:-1], text, f"{role} {field}")
            if role not in SENSITIVE_ROLES:
                r = client.get("/api/v1/records", params={"kind": "person", "where": "contacts=x"})
                self.assertEqual(r.status, 403, "filtering on a hidden field would reveal it")

    def test_export_holds_only_readable_records(self):
        for role, client in self.clients.items():
            for fmt in ("ndjson", "csv"):
                r = client.get("/api/v1/export", params={"format": fmt, "kind": "act"})
                self.assertEqual(r.status, 200, r.text()[:200])
                self.assertIn("attachment", r.header("Content-Disposition"))
                text = r.text()
                if fmt == "ndjson":
                    ids = {json.loads(line)["id"] for line in text.splitlines() if line}
                else:
                    ids = {line.split(",")[0] for line in text.splitlines()[1:] if line}
                self.assertEqual(ids, self.expected_ids("act", role), f"{role} {fmt}")
            full = client.get("/api/v1/export").text()
            exported = [json.loads(line) for line in full.splitlines() if line]
            for record in exported:
                self.assertIn(record.get("confidentiality", "internal"), READABLE[role], role)
            demo_ids = {r["id"] for r in exported if r["id"] in self.level_of}
            self.assertEqual(demo_ids, {rid for rid, level in self.level_of.items()
                                        if level in READABLE[role]}, role)

    def test_search_filters_by_role(self):
        event = self.sample("event", "sealed")
        word = max(event["title"].split(), key=len)
        for role, client in self.clients.items():
            r = client.get("/api/v1/search", params={"q": word, "kind": "event", "limit": 200})
            self.assertEqual(r.status, 200, r.text()[:300])
            ids = {hit["id"] for hit in r.json()["items"]}
            for rid in ids:
                self.assertIn(self.level_of.get(rid, "internal"), READABLE[role], f"{role} {rid}")
            if role == "admin":
                self.assertIn(event["id"], ids)

    def test_evidence_by_source_level(self):
        for role, client in self.clients.items():
            listed = {item["sha256"] for item in client.get("/api/v1/evidence").json()["items"]}
            for level, sha in self.evidence.items():
                want = 200 if level in READABLE[role] else 404
                self.assertEqual(client.get(f"/api/v1/evidence/{sha}").status, want, f"{role} {level}")
                content = client.get(f"/api/v1/evidence/{sha}/content")
                self.assertEqual(content.status, want, f"{role} {level} content")
                if want == 200:
                    self.assertIn(level.encode(), content.body)
                    self.assertIn(sha, listed)
                else:
                    self.assertNotIn(sha, listed)

    def test_writes_by_role_and_level(self):
        for role, client in self.clients.items():
            created = client.post("/api/v1/records", {
                "kind": "place", "body": {"names": [{"value": f"SYNTHETIC {role} place"}]}})
            self.assertEqual(created.status, 201 if role in WRITERS else 403, f"{role} create")
            for level in LEVELS:
                rid = self.sample("event", level)["id"]
                r = client.patch(f"/api/v1/records/{rid}",
                                 {"set": {"remarks": f"SYNTHETIC {role}"}, "reason": "authz test"})
                if role not in WRITERS:
                    self.assertEqual(r.status, 403, f"{role} {level}")
                else:
                    self.assertEqual(r.status, 200 if level in READABLE[role] else 404,
                                     f"{role} {level}: {r.text()[:200]}")

    def test_writes_cannot_probe_for_hidden_records(self):
        client = self.clients["documenter"]
        person = self.sample("person", "internal")["id"]
        sealed_source = self.sample("source", "sealed")["id"]
        missing_source = "src_01JAAAAAAAAAAAAAAAAAAAAAAA"

        def link(source):
            r = client.post("/api/v1/records", {"kind": "information", "body": {
                "source": source, "record": person, "stance": "supports"}})
            self.assertEqual(r.status, 422, r.text()[:300])
            return r.json()["error"]["details"]

        hidden, missing = link(sealed_source), link(missing_source)
        self.assertEqual(json.dumps(hidden).replace(sealed_source, "ID"),
                         json.dumps(missing).replace(missing_source, "ID"))
        chosen = client.post("/api/v1/records", {"kind": "source", "body": {
            "id": sealed_source, "type": "testimony", "title": "SYNTHETIC"}})
        self.assertEqual(chosen.status, 400, "ids are the server's to assign")
        # The admin may link to it.
        admin = self.clients["admin"].post("/api/v1/records", {"kind": "information", "body": {
            "source": sealed_source, "record": person, "stance": "supports"}})
        self.assertEqual(admin.status, 201, admin.text()[:300])

    def test_anonymous_gets_nothing_but_public_paths(self):
        rid = self.sample("act", "public")["id"]
        for path in (f"/api/v1/records/{rid}", "/api/v1/records?kind=act", "/api/v1/export",
                     "/api/v1/search?q=a", f"/api/v1/evidence/{self.evidence['public']}",
                     f"/api/v1/evidence/{self.evidence['public']}/content", "/api/v1/schema",
                     "/api/v1/vocab/act_type"):
            self.assertEqual(self.anonymous.get(path).status, 401, path)
        self.assertEqual(self.anonymous.post("/api/v1/records", {"kind": "place", "body": {}}).status, 401)
        self.assertEqual(self.anonymous.get("/api/v1/memorial").status, 200)


if __name__ == "__main__":
    unittest.main()
