"""Mass claims and the registry's outputs over the web API end to end
(docs/api.md "Mass claims and outputs"): routing (a dry run writes nothing,
a real one writes what `vka claim show` then reports; viewers and requests
without the CSRF token refused; a selection with a claim the role may not
read refused), a verification sample drawn, checked and concluded with the
same numbers as `vka claims sample conclude --format json`, a precedent
reviewed (nothing written) then applied, the claimant's statement PDF
(pdftotext shows the claim and the Armenian title; 404 for a claim the role
may not read), and the claims package as CSV for lawyers only. All data
SYNTHETIC."""
import csv
import io
import json
import re
import subprocess
import tempfile
import unittest

import vkahttp
from vkatest import VkaTestCase


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, text=True,
                              check=True).stdout
    return re.sub(r"\s+", " ", text)


class HttpClaimsMassTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.people = 0
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]}, "remarks": "SYNTHETIC"})
        self.server = vkahttp.Server(self.ws)
        self._clients = {}

    def tearDown(self):
        code = self.server.stop()
        self.assertEqual(code, 0, "exit 0 on SIGTERM:\n" + self.server.log())
        super().tearDown()

    def client(self, name, role):
        if name not in self._clients:
            self._clients[name] = vkahttp.signed_in(self.server, self.ws, name, role)
        return self._clients[name]

    admin = property(lambda self: self.client("boss", "admin"))
    officer = property(lambda self: self.client("officer", "documenter"))
    reviewer = property(lambda self: self.client("rev", "reviewer"))
    lawyer = property(lambda self: self.client("law", "lawyer"))
    viewer = property(lambda self: self.client("view", "viewer"))

    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def claimant(self):
        """A new claimant each time, so that no two claims overlap."""
        i = self.people
        self.people += 1
        given = ["Bado", "Delu", "Lomi", "Muri", "Rigo", "Gaba", "Dori"][i]
        return self.add("person", {
            "names": [{"value": "Աննա", "script": "Armn", "part": "given", "language": "hy"},
                      {"value": given, "script": "Latn", "part": "given"},
                      {"value": "Synthetic", "script": "Latn", "part": "family"}],
            "birth": f"{1930 + i}-03-0{i + 1}", "remarks": "SYNTHETIC"})

    def claim(self, amount=1000, currency="USD", year=2024, documented=False, **extra):
        body = {"claimant": self.claimant(), "forms": ["compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": amount, "currency": currency,
                             "year": year}], "remarks": "SYNTHETIC"}
        if documented:
            body["harms"] = [self.house]
        body.update(extra)
        return self.ok("claim", "add", "--json", json.dumps(body)).strip()

    def body(self, cid):
        return json.loads(self.ok("claim", "show", cid, "--format", "json"))

    def sign_in(self, *clients):
        for name in clients:
            getattr(self, name)

    def test_openapi_lists_the_routes(self):
        paths = self.server.client().get("/api/v1/openapi.json").json()["paths"]
        for path in ("/api/v1/claims/route", "/api/v1/claims/samples", "/api/v1/claims/samples/{sample}",
                     "/api/v1/claims/samples/{sample}/findings", "/api/v1/claims/precedent",
                     "/api/v1/claims/{id}/statement.pdf", "/api/v1/claims/package"):
            self.assertTrue(path in paths, f"{path} not in openapi.json")

    def test_route_dry_run_then_write(self):
        documented = self.claim(documented=True, status="submitted")
        plain = self.claim(status="submitted")
        self.sign_in("reviewer", "viewer")
        before = self.snapshot()
        r = self.reviewer.post("/api/v1/claims/route", {"reason": "SYNTHETIC trial", "dry_run": True})
        self.assertEqual(r.status, 200, r.text())
        report = r.json()
        self.assertFalse(report["written"])
        self.assertEqual(report["by_track"], {"expedited": 1, "standard": 1})
        self.assertEqual(sorted(c["id"] for c in report["changed"]), sorted([documented, plain]))
        self.assertEqual(self.viewer.post("/api/v1/claims/route", {"reason": "x"}).status, 403)
        self.assertEqual(self.reviewer.post("/api/v1/claims/route", {"reason": "x"}, csrf=False).status, 403)
        r = self.reviewer.post("/api/v1/claims/route", {})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["path"], "reason")
        self.assertEqual(self.reviewer.post("/api/v1/claims/route", {"reason": "x", "rules": "/etc/x"}).status,
                         422)
        self.assertEqual(before, self.snapshot(), "dry runs and refusals write nothing")

        r = self.reviewer.post("/api/v1/claims/route", {"reason": "SYNTHETIC first routing"})
        self.assertEqual(r.status, 200, r.text())
        self.assertTrue(r.json()["written"])
        self.assertEqual(self.body(documented)["track"], "expedited")
        self.assertEqual(self.body(plain)["track"], "standard")
        self.assertIn("by rev", self.ok("claim", "history", plain))
        audit = self.admin.get("/api/v1/audit", params={"action": "claims.route"}).json()["entries"]
        self.assertEqual([e["actor"] for e in audit], ["rev"])

        # A sealed claim the reviewer may not read: the whole selection is refused.
        self.claim(status="submitted", confidentiality="sealed")
        before = self.snapshot()
        self.assertEqual(self.reviewer.post("/api/v1/claims/route", {"reason": "x"}).status, 403)
        self.assertEqual(before, self.snapshot())

    def test_sample_draw_findings_conclusion(self):
        ids = sorted(self.claim(status="verified") for _ in range(4))
        r = self.reviewer.post("/api/v1/claims/samples", {"status": "verified", "seed": 7,
                                                           "reason": "SYNTHETIC audit of verified claims"})
        self.assertEqual(r.status, 201, r.text())
        drawn = r.json()
        self.assertTrue(drawn["sample"].startswith("smp_"))
        self.assertEqual(drawn["claims"], ids, "a population this small is sampled whole")
        sample = drawn["sample"]
        page = self.viewer.get(f"/api/v1/claims/samples/{sample}").json()
        self.assertEqual([c["id"] for c in page["claims"]], ids)
        self.assertIsNone(page["conclusion"])
        path = f"/api/v1/claims/samples/{sample}/findings"
        self.assertEqual(self.viewer.post(path, {"claim": ids[0], "result": "correct", "reason": "x"}).status, 403)
        self.assertEqual(self.reviewer.post(path, {"claim": ids[0], "result": "maybe", "reason": "x"}).status, 422)
        for i, cid in enumerate(ids):
            result = "error" if i == 1 else "correct"
            r = self.reviewer.post(path, {"claim": cid, "result": result, "reason": f"SYNTHETIC check {i}"})
            self.assertEqual(r.status, 200, r.text())
        again = self.reviewer.post(path, {"claim": ids[0], "result": "error", "reason": "x"})
        self.assertEqual(again.status, 409, "findings are never overwritten")
        page = self.reviewer.get(f"/api/v1/claims/samples/{sample}").json()
        self.assertEqual(page["recorded"], 4)
        self.assertEqual(page["claims"][1]["result"], "error")
        self.assertEqual(page["claims"][1]["checker"], "rev")
        cli = json.loads(self.ok("claims", "sample", "conclude", sample, "--format", "json"))
        self.assertEqual(page["conclusion"], cli)
        self.assertEqual(cli["errors"], 1)
        self.assertEqual(self.reviewer.get("/api/v1/claims/samples/smp_01JD3XK5E8Q9V7RZ3M4N6P2B1C").status, 404)

    def test_precedent_review_then_apply(self):
        precedent = self.claim(amount=20000, currency="SUR", year=1990, documented=True, status="partly_granted",
                               decision={"date": "2026-05-01", "reasons": "SYNTHETIC occupancy order verified",
                                         "legal_basis": ["pinheiro.2"],
                                         "awards": [{"form": "compensation_material", "amount": 10000,
                                                     "currency": "SUR", "year": 1990}]})
        target = self.claim(amount=1000, status="verified")
        self.sign_in("reviewer", "viewer")
        request = {"precedent": precedent, "to": [target], "reason": "SYNTHETIC same facts"}
        before = self.snapshot()
        r = self.reviewer.post("/api/v1/claims/precedent", dict(request, apply=False))
        self.assertEqual(r.status, 200, r.text())
        plan = r.json()
        self.assertFalse(plan["written"])
        self.assertEqual(plan["targets"], [{"id": target, "to": "partly_granted",
                                            "awards": ["compensation_material:500:USD:2024"]}])
        self.assertEqual(self.viewer.post("/api/v1/claims/precedent", dict(request, apply=True)).status, 403)
        self.assertEqual(self.body(target)["status"], "verified")
        self.assertEqual(before, self.snapshot(), "the review writes nothing")

        r = self.reviewer.post("/api/v1/claims/precedent", dict(request, apply=True))
        self.assertEqual(r.status, 200, r.text())
        self.assertTrue(r.json()["written"])
        body = self.body(target)
        self.assertEqual(body["status"], "partly_granted")
        self.assertEqual(body["decision"]["precedent"], precedent)
        self.assertEqual(body["decision"]["awards"],
                         [{"form": "compensation_material", "amount": 500, "currency": "USD", "year": 2024}])

    def test_statement_pdf(self):
        cid = self.claim(documented=True)
        hidden = self.claim(confidentiality="restricted")
        r = self.officer.get(f"/api/v1/claims/{cid}/statement.pdf", params={"lang": "hy"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.body.startswith(b"%PDF-"))
        text = pdf_text(r.body)
        self.assertIn(cid, text)
        self.assertIn("Հատուցման պահանջի քաղվածք", text)
        en = pdf_text(self.officer.get(f"/api/v1/claims/{cid}/statement.pdf", params={"lang": "en"}).body)
        self.assertIn("Statement of a reparation claim", en)
        self.assertEqual(self.officer.get(f"/api/v1/claims/{hidden}/statement.pdf").status, 404)
        self.assertEqual(self.lawyer.get(f"/api/v1/claims/{hidden}/statement.pdf").status, 200)
        self.assertEqual(self.officer.get(f"/api/v1/claims/{cid}/statement.pdf", params={"lang": "de"}).status,
                         400)
        # A readable claim whose harm is a restricted property: the statement
        # would print the property, so a documenter is refused; a lawyer is not.
        villa = self.add("property", {
            "type": "dwelling", "address": "Synthetic restricted street 9", "confidentiality": "restricted",
            "tenure": {"type": "ownership"}, "remarks": "SYNTHETIC"})
        named = self.claim(harms=[villa])
        self.assertEqual(self.officer.get(f"/api/v1/claims/{named}").status, 200)
        r = self.officer.get(f"/api/v1/claims/{named}/statement.pdf")
        self.assertEqual(r.status, 403, r.text())
        self.assertNotIn("Synthetic restricted street", r.text())
        r = self.lawyer.get(f"/api/v1/claims/{named}/statement.pdf", params={"lang": "en"})
        self.assertEqual(r.status, 200, r.text())
        self.assertIn("Synthetic restricted street 9", pdf_text(r.body))

    def test_package_csv_for_lawyers(self):
        shown = self.claim()
        sealed = self.claim(confidentiality="sealed")
        self.assertEqual(self.reviewer.get("/api/v1/claims/package").status, 403)
        r = self.lawyer.get("/api/v1/claims/package")
        self.assertEqual(r.status, 200, r.text())
        rows = list(csv.DictReader(io.StringIO(r.text())))
        self.assertEqual([row["id"] for row in rows], [shown], "the sealed claim is not in the lawyer's package")
        r = self.admin.get("/api/v1/claims/package", params={"file": "ndjson"})
        self.assertEqual(r.status, 200, r.text())
        lines = [json.loads(x) for x in r.text().splitlines()]
        self.assertEqual(len(lines), 2, "the admin's package holds both claims")
        self.assertIn(sealed, r.text())


if __name__ == "__main__":
    unittest.main()
