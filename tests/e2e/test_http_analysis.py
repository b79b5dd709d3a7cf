"""The analysis routes of `vka serve` on the demo workspace, end to end
(docs/api.md "Analysis"): the case matrix is the JSON of `vka assess --format
json` for an admin and leaves out what other roles may not read; suggestions
are listed a page at a time as `vka suggestions list --format json`, and a
reviewer's decision writes the annotation the command would (CSRF-checked,
refused to a viewer); the link review queue is `vka link review --format
json` and a decision writes a person_link; the dossier is a real PDF for a
lawyer and refused to a documenter."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import vkahttp
from vkatest import run

ID = re.compile(r'"([a-z]{3}_[0-9A-HJKMNP-TV-Z]{26})"')


class HttpAnalysisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-analysis-")
        cls.ws = os.path.join(cls._tmp.name, "demo")
        r = run("demo", cls.ws)
        assert r.returncode == 0, r.stderr
        r = run("--workspace", cls.ws, "link", "persons")
        assert r.returncode == 0, r.stderr
        # A sealed person (the demo has none): only admins may read it.
        r = run("--workspace", cls.ws, "add", "person", "--json", json.dumps(
            {"names": [{"value": "SYNTHETIC Sealed Person"}], "confidentiality": "sealed"}))
        assert r.returncode == 0, r.stderr
        cls.sealed_person = r.stdout.split()[0]
        # A restricted property linked to an element by hand: the matrix lists
        # it among the element's unsourced facts, for roles that may read it.
        r = run("--workspace", cls.ws, "add", "property", "--json", json.dumps(
            {"type": "dwelling", "confidentiality": "restricted",
             "remarks": "SYNTHETIC restricted property"}))
        assert r.returncode == 0, r.stderr
        cls.restricted_property = r.stdout.split()[0]
        r = run("--workspace", cls.ws, "annotate", "add", cls.restricted_property,
                "rome.7.1.a.e1", "--rationale", "SYNTHETIC: the house of the victim")
        assert r.returncode == 0, r.stderr
        exported = run("--workspace", cls.ws, "export")
        assert exported.returncode == 0, exported.stderr
        cls.level = {}
        for line in exported.stdout.splitlines():
            record = json.loads(line)
            cls.level[record["id"]] = record.get("confidentiality", "internal")
        cls.server = vkahttp.Server(cls.ws)
        cls.admin = vkahttp.signed_in(cls.server, cls.ws, "boss", "admin")
        cls.lawyer = vkahttp.signed_in(cls.server, cls.ws, "lex", "lawyer")
        cls.reviewer = vkahttp.signed_in(cls.server, cls.ws, "rev", "reviewer")
        cls.docu = vkahttp.signed_in(cls.server, cls.ws, "docu", "documenter")
        cls.viewer = vkahttp.signed_in(cls.server, cls.ws, "view", "viewer")

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls._tmp.cleanup()
        assert code == 0, "exit 0 on SIGTERM"

    def vka(self, *args):
        r = run("--workspace", self.ws, *args)
        self.assertEqual(r.returncode, 0, f"vka {' '.join(args)}: {r.stderr}")
        return r.stdout

    def ids_at(self, text, levels):
        return {i for i in ID.findall(text) if self.level.get(i) in levels}

    def test_openapi_lists_the_routes(self):
        paths = self.server.client().get("/api/v1/openapi.json").json()["paths"]
        for path in ("/api/v1/matrix", "/api/v1/suggestions", "/api/v1/suggestions/{id}/{decision}",
                     "/api/v1/link/review", "/api/v1/link/{pair}/{decision}",
                     "/api/v1/reports/dossier.pdf"):
            self.assertIn(path, paths)
        for path in ("/api/v1/matrix", "/api/v1/suggestions", "/api/v1/link/review",
                     "/api/v1/reports/dossier.pdf"):
            self.assertEqual(self.server.client().get(path).status, 401, path)

    def test_matrix_as_the_command_and_by_role(self):
        r = self.admin.get("/api/v1/matrix")
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json(), json.loads(self.vka("assess", "--format", "json")))
        # The admin's matrix cites restricted and sealed records ...
        self.assertTrue(self.ids_at(r.text(), {"sealed"}))
        self.assertTrue(self.ids_at(r.text(), {"restricted"}))
        # ... a lawyer's none that are sealed, a viewer's none beyond internal.
        lawyer = self.lawyer.get("/api/v1/matrix")
        self.assertEqual(lawyer.status, 200, lawyer.text())
        self.assertFalse(self.ids_at(lawyer.text(), {"sealed"}))
        self.assertTrue(self.ids_at(lawyer.text(), {"restricted"}))
        viewer = self.viewer.get("/api/v1/matrix")
        self.assertEqual(viewer.status, 200, viewer.text())
        self.assertFalse(self.ids_at(viewer.text(), {"sealed", "restricted"}))
        self.assertIn(self.restricted_property, r.text())
        self.assertIn(self.restricted_property, lawyer.text())
        self.assertNotIn(self.restricted_property, viewer.text())
        count = lambda m: sum(e["supporting"]["count"] for e in m["elements"].values())
        self.assertLess(count(viewer.json()), count(lawyer.json()))
        self.assertLess(count(lawyer.json()), count(r.json()))
        # Parameters as the command's.
        murder = self.admin.get("/api/v1/matrix", params={"qualification": "cah.murder",
                                                          "max_evidence": "3"})
        self.assertEqual(murder.json(), json.loads(self.vka(
            "assess", "--format", "json", "--qualification", "cah.murder", "--max-evidence", "3")))
        for params in ({"max_evidence": "many"}, {"reviewed_only": "maybe"}):
            self.assertEqual(self.admin.get("/api/v1/matrix", params=params).status, 400, params)
        for params in ({"situation": "sit_01JAAAAAAAAAAAAAAAAAAAAAAA"},
                       {"qualification": "cah.nothing"}):
            self.assertEqual(self.admin.get("/api/v1/matrix", params=params).status, 404, params)
        # Restricted reads are audited.
        audit = self.admin.get("/api/v1/audit", params={"actor": "lex", "action": "analysis"})
        self.assertIn("analysis.matrix", {e["action"] for e in audit.json()["entries"]})

    def test_suggestions_paged_as_the_command_and_by_role(self):
        everything = json.loads(self.vka("suggestions", "list", "--format", "json"))
        r = self.admin.get("/api/v1/suggestions", params={"limit": "1000"})
        self.assertEqual(r.status, 200, r.text())
        page = r.json()
        self.assertEqual(page["total"], len(everything))
        self.assertEqual(page["items"], everything[:1000])
        self.assertEqual(page["next_offset"], 1000)
        second = self.admin.get("/api/v1/suggestions", params={"limit": "7", "offset": "1000"})
        self.assertEqual(second.json()["items"], everything[1000:1007])
        # A sealed record's suggestions: the admin sees them, a lawyer not.
        sealed = next(s["target"] for s in everything if self.level.get(s["target"]) == "sealed")
        restricted = next(s["target"] for s in everything
                          if self.level.get(s["target"]) == "restricted")
        about = lambda c, target: c.get("/api/v1/suggestions", params={"target": target}).json()
        self.assertTrue(about(self.admin, sealed)["items"])
        self.assertEqual(about(self.lawyer, sealed)["total"], 0)
        self.assertTrue(about(self.lawyer, restricted)["items"])
        self.assertEqual(about(self.viewer, restricted)["total"], 0)
        viewer = self.viewer.get("/api/v1/suggestions", params={"limit": "1000"})
        self.assertLess(viewer.json()["total"], page["total"])
        self.assertFalse(self.ids_at(viewer.text(), {"sealed", "restricted"}))
        for params in ({"limit": "0"}, {"limit": "5000"}, {"offset": "-1"}, {"status": "maybe"}):
            self.assertEqual(self.admin.get("/api/v1/suggestions", params=params).status, 400,
                             params)

    def test_reviewer_decides_a_suggestion(self):
        listing = self.reviewer.get("/api/v1/suggestions",
                                    params={"status": "suggested", "limit": "3"}).json()["items"]
        chosen, other = listing[0], listing[1]
        path = f"/api/v1/suggestions/{chosen['id']}/accept"
        rationale = {"rationale": "SYNTHETIC: the testimony names the victim"}
        # Refused: a viewer, a documenter, and a reviewer without the CSRF token.
        for client in (self.viewer, self.docu):
            r = client.post(path, rationale)
            self.assertEqual(r.status, 403, r.text())
        r = self.reviewer.post(path, rationale, csrf=False)
        self.assertEqual(r.status, 403, r.text())
        self.assertIn("CSRF", r.json()["error"]["message"])
        self.assertEqual(self.reviewer.post(path, {}).status, 400)
        self.assertEqual(self.reviewer.post("/api/v1/suggestions/sug_0000000000000000/accept",
                                            rationale).status, 404)
        accepted = json.loads(self.vka("suggestions", "list", "--status", "accepted",
                                       "--format", "json"))
        self.assertNotIn(chosen["id"], {s["id"] for s in accepted}, "nothing written yet")
        # Accepted by the reviewer: an annotation, as the command writes it.
        r = self.reviewer.post(path, rationale)
        self.assertEqual(r.status, 200, r.text())
        answer = r.json()
        self.assertEqual(answer["status"], "accepted")
        accepted = json.loads(self.vka("suggestions", "list", "--status", "accepted",
                                       "--format", "json"))
        mine = next(s for s in accepted if s["id"] == chosen["id"])
        self.assertEqual(mine["decision"], answer["annotation"])
        note = json.loads(self.vka("show", answer["annotation"], "--format", "json"))
        body = note.get("body", note)
        self.assertEqual(body["reviewer"], "rev")
        self.assertEqual(body["status"], "accepted")
        self.assertEqual(body["rationale"], rationale["rationale"])
        self.assertEqual(body["target"], chosen["target"])
        # The reviewer's list now shows it accepted; a reject of another works too.
        after = self.reviewer.get("/api/v1/suggestions",
                                  params={"target": chosen["target"],
                                          "element": chosen["element"]}).json()["items"]
        self.assertEqual([s["status"] for s in after if s["id"] == chosen["id"]], ["accepted"])
        r = self.lawyer.post(f"/api/v1/suggestions/{other['id']}/reject",
                             {"rationale": "SYNTHETIC: not supported"})
        self.assertEqual(r.status, 200, r.text())
        audit = self.admin.get("/api/v1/audit", params={"actor": "rev", "action": "suggestion"})
        self.assertEqual([e["target"] for e in audit.json()["entries"]], [chosen["id"]])

    def test_link_review_and_decision(self):
        r = self.admin.get("/api/v1/link/review", params={"limit": "5"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json(), json.loads(self.vka("link", "review", "--format", "json",
                                                       "--limit", "5")))
        pairs = r.json()["pairs"]
        self.assertTrue(pairs)
        for pair in pairs:
            self.assertEqual(pair["pair"], pair["a"] + "," + pair["b"])
            fields = {f["field"]: f for f in pair["fields"]}
            self.assertIn("family_name", fields)
            total = pair["prior_weight"] + sum(f["weight"] + f["tf_weight"] for f in pair["fields"])
            self.assertAlmostEqual(total, pair["weight"], places=6)
        # Pairs a viewer sees have persons a viewer may read; fewer in all.
        everything = self.admin.get("/api/v1/link/review", params={"limit": "500"}).json()
        viewer = self.viewer.get("/api/v1/link/review", params={"limit": "500"}).json()
        hidden = [p for p in everything["pairs"]
                  if {self.level[p["a"]], self.level[p["b"]]} & {"restricted", "sealed"}]
        self.assertTrue(hidden, "the demo has pairs with a restricted person")
        self.assertEqual(viewer["total"], everything["total"] - len(hidden))
        self.assertFalse(self.ids_at(json.dumps(viewer), {"restricted", "sealed"}))
        # Decide the first readable pair as the same person.
        pair = next(p for p in viewer["pairs"])
        path = f"/api/v1/link/{pair['pair']}/accept"
        body = {"rationale": "SYNTHETIC: same birth certificate"}
        self.assertEqual(self.viewer.post(path, body).status, 403)
        self.assertEqual(self.reviewer.post(path, body, csrf=False).status, 403)
        self.assertEqual(self.reviewer.post("/api/v1/link/per_only/accept", body).status, 400)
        r = self.reviewer.post(path, body)
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json()["decision"], "same_person")
        link = json.loads(self.vka("show", r.json()["person_link"], "--format", "json"))
        link = link.get("body", link)
        self.assertEqual((link["person_a"], link["person_b"]), (pair["a"], pair["b"]))
        self.assertEqual(link["decision"], "same_person")
        self.assertEqual(link["reviewer"], "rev")
        left = self.admin.get("/api/v1/link/review", params={"limit": "500"}).json()
        self.assertNotIn(pair["pair"], {p["pair"] for p in left["pairs"]})
        self.assertEqual(left["total"], everything["total"] - 1)
        # Documenters do not review; a person the role may not read is not
        # found, exactly like a missing one, and nothing is written.
        self.assertEqual(self.docu.post(f"/api/v1/link/{hidden[0]['pair']}/reject", body).status,
                         403)
        before = self.vka("list", "person_link")
        for a in (self.sealed_person, "per_01JAAAAAAAAAAAAAAAAAAAAAAA"):
            r = self.lawyer.post(f"/api/v1/link/{a},{pair['a']}/reject", body)
            self.assertEqual(r.status, 404, r.text())
            self.assertEqual(r.json()["error"]["message"], f"no person {a}")
        self.assertEqual(self.vka("list", "person_link"), before)

    @unittest.skipUnless(shutil.which("pdfinfo"), "pdfinfo (poppler-utils) is not installed")
    def test_dossier_pdf_for_lawyers(self):
        r = self.lawyer.get("/api/v1/reports/dossier.pdf")
        self.assertEqual(r.status, 200, r.text()[:500])
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertIn("attachment", r.header("Content-Disposition"))
        self.assertTrue(r.body.startswith(b"%PDF-"))
        path = os.path.join(self._tmp.name, "dossier.pdf")
        with open(path, "wb") as f:
            f.write(r.body)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
        self.assertEqual(info.returncode, 0, info.stderr)
        pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
        self.assertGreaterEqual(pages, 1)
        for client in (self.docu, self.reviewer, self.viewer):
            r = client.get("/api/v1/reports/dossier.pdf")
            self.assertEqual(r.status, 403, r.text())
            self.assertEqual(r.json()["error"]["code"], "permission_denied")
        self.assertEqual(self.admin.get("/api/v1/reports/dossier.pdf").status, 200)
        self.assertEqual(os.listdir(os.path.join(self.ws, "uploads", "tmp")), [],
                         "the rendered file is removed")


if __name__ == "__main__":
    unittest.main()
