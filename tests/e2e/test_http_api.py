"""The JSON API of `vka serve` end to end: health, OpenAPI, schema and
vocabularies, records (add with field errors as 422, show with sources,
edit, history with diffs, proof, delete, paging), import (all or nothing)
and export, resumable chunked evidence upload with custody, the UI shell,
body limits, and graceful shutdown on SIGTERM."""
import hashlib
import json
import os
import unittest

import vkahttp
from vkatest import VkaTestCase


class HttpApiTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.server = vkahttp.Server(self.ws)
        self.c = vkahttp.signed_in(self.server, self.ws, "docu", "documenter")

    def tearDown(self):
        code = self.server.stop()
        self.assertEqual(code, 0, "exit 0 on SIGTERM:\n" + self.server.log())
        self.assertIn("vka: stopped", self.server.log())
        super().tearDown()

    def add(self, kind, body):
        r = self.c.post("/api/v1/records", {"kind": kind, "body": body})
        self.assertEqual(r.status, 201, r.text())
        return r.json()["id"]

    def test_health_and_openapi(self):
        anon = self.server.client()
        self.assertEqual(anon.get("/healthz").json(), {"status": "ok"})
        doc = anon.get("/api/v1/openapi.json").json()
        self.assertTrue(doc["openapi"].startswith("3."))
        for path in ("/api/v1/records", "/api/v1/records/{id}", "/api/v1/session",
                     "/api/v1/memorial", "/api/v1/uploads/{upload_id}"):
            self.assertIn(path, doc["paths"])

    def test_schema_and_vocab(self):
        kinds = {k["kind"]: k for k in self.c.get("/api/v1/schema").json()["kinds"]}
        self.assertEqual(kinds["person"]["prefix"], "per")
        contacts = next(f for f in kinds["person"]["fields"] if f["name"] == "contacts")
        self.assertTrue(contacts["sensitive"])
        vocab = self.c.get("/api/v1/vocab/confidentiality").json()
        self.assertEqual([t["code"] for t in vocab["terms"]],
                         ["public", "internal", "restricted", "sealed"])
        self.assertTrue(all(t["hy"] and t["ru"] for t in vocab["terms"]))
        self.assertEqual(self.c.get("/api/v1/vocab/nope").status, 404)

    def test_record_lifecycle(self):
        pid = self.add("person", {"names": [{"value": "SYNTHETIC Sargsyan", "script": "Latn"}],
                                  "status": "missing"})
        src = self.add("source", {"type": "testimony", "title": "SYNTHETIC testimony",
                                  "reliability": "B"})
        self.add("information", {"source": src, "record": pid, "stance": "supports",
                                 "excerpt": "SYNTHETIC: he was taken", "credibility": "2"})
        rec = self.c.get(f"/api/v1/records/{pid}").json()
        self.assertEqual(rec["rev"], 1)
        self.assertEqual(rec["by"], "docu")
        self.assertFalse(rec["deleted"])
        self.assertEqual(rec["body"]["status"], "missing")
        self.assertEqual(len(rec["sources"]), 1)
        self.assertEqual(rec["sources"][0]["source"]["id"], src)
        self.assertEqual(rec["sources"][0]["source"]["reliability"], "B")
        self.assertEqual(rec["sources"][0]["excerpt"], "SYNTHETIC: he was taken")

        r = self.c.patch(f"/api/v1/records/{pid}", {"set": {"status": "deceased", "sex": "male"},
                                                    "remove": [], "reason": "SYNTHETIC report"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json(), {"id": pid, "rev": 2})
        self.assertEqual(self.c.patch(f"/api/v1/records/{pid}", {"set": {"sex": "x"}}).status, 400,
                         "no reason")
        bad = self.c.patch(f"/api/v1/records/{pid}", {"set": {"status": "dead"}, "reason": "r"})
        self.assertEqual(bad.status, 422)
        self.assertEqual(bad.json()["error"]["details"][0]["path"], "status")

        history = self.c.get(f"/api/v1/records/{pid}/history").json()["revisions"]
        self.assertEqual([h["rev"] for h in history], [1, 2])
        self.assertEqual(history[1]["reason"], "SYNTHETIC report")
        changes = {c["path"]: (c["old"], c["new"]) for c in history[1]["changes"]}
        self.assertEqual(changes, {"status": ("missing", "deceased"), "sex": (None, "male")})

        proof = self.c.get(f"/api/v1/records/{pid}/proof").json()
        self.assertEqual(proof["ref"], f"{pid}@2")
        self.assertLess(proof["leaf_index"], proof["tree_size"])
        self.assertEqual(len(proof["root_hash"]), 64)
        self.assertIn(str(proof["tree_size"]), proof["checkpoint"])

        self.assertEqual(self.c.delete(f"/api/v1/records/{pid}").status, 400, "no reason")
        r = self.c.delete(f"/api/v1/records/{pid}", params={"reason": "SYNTHETIC duplicate"})
        self.assertEqual(r.json(), {"id": pid, "rev": 3})
        self.assertTrue(self.c.get(f"/api/v1/records/{pid}").json()["deleted"])
        self.assertEqual(self.c.delete(f"/api/v1/records/{pid}", params={"reason": "x"}).status, 409)
        # The command line sees what the API wrote.
        self.assertIn("SYNTHETIC duplicate", self.ok("history", pid))

    def test_add_reports_every_field_error(self):
        r = self.c.post("/api/v1/records", {"kind": "act", "body": {"type": "kiling", "date": "soon"}})
        self.assertEqual(r.status, 422)
        err = r.json()["error"]
        self.assertEqual(err["code"], "invalid_argument")
        paths = {d["path"] for d in err["details"]}
        self.assertTrue({"type", "date"} <= paths, err)
        self.assertEqual(self.c.post("/api/v1/records", {"kind": "nope", "body": {}}).status, 400)
        self.assertEqual(self.c.post("/api/v1/records", "not json").status, 400)
        self.assertEqual(self.ok("list", "act"), "", "nothing was written")

    def test_list_pages(self):
        ids = sorted(self.add("place", {"names": [{"value": f"SYNTHETIC place {i}"}]}) for i in range(5))
        page1 = self.c.get("/api/v1/records", params={"kind": "place", "limit": 2}).json()
        self.assertEqual([i["id"] for i in page1["items"]], ids[:2])
        self.assertEqual(page1["next_offset"], 2)
        last = self.c.get("/api/v1/records", params={"kind": "place", "limit": 2, "offset": 4}).json()
        self.assertEqual([i["id"] for i in last["items"]], ids[4:])
        self.assertIsNone(last["next_offset"])
        self.assertEqual(self.c.get("/api/v1/records", params={"kind": "place", "limit": 0}).status, 400)
        self.assertEqual(self.c.get("/api/v1/records", params={"kind": "place", "where": "bad"}).status, 400)

    def test_import_is_all_or_nothing_and_export_round_trips(self):
        good = "\n".join(json.dumps({"kind": "place", "names": [{"value": f"SYNTHETIC {i}"}]})
                         for i in range(3)) + "\n"
        bad = good + json.dumps({"kind": "place", "names": "oops"}) + "\n"
        r = self.c.post("/api/v1/import", bad, params={"format": "ndjson"})
        self.assertEqual(r.status, 422, r.text())
        detail = r.json()["error"]["details"][0]
        self.assertEqual(detail["line"], 4)
        self.assertEqual(self.ok("list", "place"), "", "nothing imported")
        r = self.c.post("/api/v1/import", good, params={"format": "ndjson"})
        self.assertEqual(r.json()["imported"], 3, r.text())
        exported = self.c.get("/api/v1/export", params={"format": "ndjson", "kind": "place"})
        self.assertEqual(len(exported.text().splitlines()), 3)
        csv = self.c.get("/api/v1/export", params={"format": "csv", "kind": "place"}).text()
        self.assertTrue(csv.startswith("id,confidentiality,remarks"))

    def test_resumable_upload_to_evidence_with_custody(self):
        src = self.add("source", {"type": "video", "title": "SYNTHETIC video"})
        data = os.urandom(3 * 1024 * 1024 + 17)
        r = self.c.post("/api/v1/uploads", {"name": "clip.mp4", "size": len(data), "source": src})
        self.assertEqual(r.status, 201, r.text())
        up = r.json()["upload_id"]
        chunk = 1024 * 1024
        # First chunk, then a retry of a chunk already sent is refused with the resume point.
        r = self.c.put(f"/api/v1/uploads/{up}", data[:chunk],
                       headers={"Content-Range": f"bytes 0-{chunk - 1}/{len(data)}"})
        self.assertEqual(r.json()["received"], chunk)
        r = self.c.put(f"/api/v1/uploads/{up}", data[:chunk],
                       headers={"Content-Range": f"bytes 0-{chunk - 1}/{len(data)}"})
        self.assertEqual(r.status, 409)
        self.assertEqual(self.c.get(f"/api/v1/uploads/{up}").json()["received"], chunk)
        early = self.c.post(f"/api/v1/uploads/{up}/finish", {"source": src})
        self.assertEqual(early.status, 409, "not complete yet")
        offset = chunk
        while offset < len(data):
            end = min(offset + chunk, len(data))
            r = self.c.put(f"/api/v1/uploads/{up}", data[offset:end],
                           headers={"Content-Range": f"bytes {offset}-{end - 1}/{len(data)}"})
            self.assertEqual(r.status, 200, r.text())
            offset = r.json()["received"]
        r = self.c.post(f"/api/v1/uploads/{up}/finish", {"source": src, "note": "SYNTHETIC"})
        self.assertEqual(r.status, 200, r.text())
        sha = hashlib.sha256(data).hexdigest()
        self.assertEqual(r.json()["sha256"], sha)
        self.assertEqual(r.json()["size"], len(data))
        self.assertEqual(self.c.get(f"/api/v1/uploads/{up}").status, 404, "upload cleaned up")
        self.assertFalse(os.path.exists(os.path.join(self.ws, "uploads", up)))

        items = self.c.get("/api/v1/evidence", params={"source": src}).json()["items"]
        self.assertEqual([i["sha256"] for i in items], [sha])
        self.assertEqual(items[0]["original_name"], "clip.mp4")
        content = self.c.get(f"/api/v1/evidence/{sha}/content")
        self.assertEqual(content.body, data)
        self.assertIn("attachment", content.header("Content-Disposition"))
        custody = self.c.get(f"/api/v1/evidence/{sha}").json()["custody"]
        self.assertEqual(sorted(e["action"] for e in custody), ["accessed", "received"])
        self.ok("verify")  # the log commits to the file and its custody events

    def test_another_users_upload_is_not_found(self):
        r = self.c.post("/api/v1/uploads", {"name": "a.bin", "size": 10})
        up = r.json()["upload_id"]
        other = vkahttp.signed_in(self.server, self.ws, "other", "lawyer")
        self.assertEqual(other.get(f"/api/v1/uploads/{up}").status, 404)
        self.assertEqual(other.put(f"/api/v1/uploads/{up}", b"0123456789",
                                   headers={"Content-Range": "bytes 0-9/10"}).status, 404)

    def test_body_limits(self):
        big = {"kind": "place", "body": {"names": [{"value": "x" * (1024 * 1024 + 10)}]}}
        r = self.c.post("/api/v1/records", big)
        self.assertIn(r.status, (413, 429))
        self.assertEqual(self.c.get("/healthz").status, 200, "the server is still up")

    def test_ui_shell_and_unknown_paths(self):
        anon = self.server.client()
        for path in ("/", "/app/records/per_x", "/memorial"):
            r = anon.get(path)
            self.assertIn(r.status, (200, 404), path)
            if r.status == 200:
                self.assertIn("text/html", r.header("Content-Type"))
        r = anon.get("/api/v1/nothing-here")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["code"], "not_found")
        self.assertEqual(anon.get("/assets/..%2Fvka.toml").status, 404)


if __name__ == "__main__":
    unittest.main()
