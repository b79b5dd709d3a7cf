"""The reparations registry over the web API end to end (docs/api.md
"Claims"): the list filtered by role before paging, one claim with its
valuation, deadlines and history, workflow transitions (allowed, refused
with the allowed next states and nothing written, decisions for reviewers
only, CSRF enforced), the duplicate review recorded on the flagged claims,
the summary equal to `vka claims summary --format json`, and the records
routes applying the claim checks. All data SYNTHETIC."""
import json
import unittest

import vkahttp
from vkatest import VkaTestCase


def person(given, family, birth):
    return {"names": [{"value": given, "script": "Latn", "part": "given"},
                      {"value": family, "script": "Latn", "part": "family"}],
            "birth": birth, "remarks": "SYNTHETIC"}


class HttpClaimsTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.anna = self.add("person", person("Anna", "Synthetyan", "1950-04-02"))
        self.aram = self.add("person", person("Aram", "Fictionyan", "1948-11-20"))
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1", "registry_reference": "SYN-01-000001",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]},
            "remarks": "SYNTHETIC"})
        self.source = self.add("source", {"type": "document", "title": "SYNTHETIC occupancy order",
                                          "remarks": "SYNTHETIC"})
        self.server = vkahttp.Server(self.ws)
        self._clients = {}

    # Signed-in clients, made when a test first uses them (each sign-up
    # hashes passwords, which is slow).
    def client(self, name, role):
        if name not in self._clients:
            self._clients[name] = vkahttp.signed_in(self.server, self.ws, name, role)
        return self._clients[name]

    def sign_in(self, *names):
        """Signs in the named clients now: adding a user writes to the log,
        so a test does this before it snapshots the workspace."""
        for name in names:
            getattr(self, name)

    admin = property(lambda self: self.client("boss", "admin"))
    officer = property(lambda self: self.client("officer", "documenter"))
    reviewer = property(lambda self: self.client("rev", "reviewer"))
    lawyer = property(lambda self: self.client("law", "lawyer"))
    viewer = property(lambda self: self.client("view", "viewer"))

    def tearDown(self):
        code = self.server.stop()
        self.assertEqual(code, 0, "exit 0 on SIGTERM:\n" + self.server.log())
        super().tearDown()

    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body)).strip()

    def claim(self, **extra):
        body = {"claimant": self.anna, "harms": [self.house], "forms": ["restitution", "compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": 1000, "low": 800, "high": 1500,
                             "currency": "USD", "year": 2024, "property": self.house}],
                "filed": "2025-02-01", "harm_date": "1990-01-15",
                "deadlines": [{"what": "SYNTHETIC documents due", "due": "2020-01-01"},
                              {"what": "SYNTHETIC hearing", "due": "2099-01-01"}],
                "remarks": "SYNTHETIC"}
        body.update(extra)
        return self.ok("claim", "add", "--json", json.dumps(body)).strip()

    def move(self, client, cid, to, reason="SYNTHETIC reason", **extra):
        return client.post(f"/api/v1/claims/{cid}/transition", {"to": to, "reason": reason, **extra})

    def test_openapi_lists_the_routes(self):
        doc = self.server.client().get("/api/v1/openapi.json").json()
        for path in ("/api/v1/claims", "/api/v1/claims/{id}", "/api/v1/claims/{id}/transition",
                     "/api/v1/claims/summary", "/api/v1/claims/duplicates",
                     "/api/v1/claims/duplicates/{flag}/{decision}"):
            self.assertIn(path, doc["paths"])
        self.assertEqual(self.server.client().get("/api/v1/claims").status, 401)

    def test_list_filters_by_role_before_paging(self):
        open_claim = self.claim()
        hidden = self.claim(confidentiality="restricted")
        submitted = self.claim(claimant=self.aram, harms=[], amounts=[], forms=["compensation_moral"])
        self.ok("claim", "transition", submitted, "--to", "submitted", "--reason", "SYNTHETIC lodged")

        everything = self.lawyer.get("/api/v1/claims").json()
        self.assertEqual([i["id"] for i in everything["items"]], sorted([open_claim, hidden, submitted]))
        mine = self.officer.get("/api/v1/claims").json()
        self.assertEqual([i["id"] for i in mine["items"]], sorted([open_claim, submitted]))
        first = self.officer.get("/api/v1/claims", params={"limit": "1"}).json()
        self.assertEqual(first["next_offset"], 1)
        second = self.officer.get("/api/v1/claims", params={"limit": "1", "offset": "1"}).json()
        self.assertIsNone(second["next_offset"], "the hidden claim is not counted for the next page")
        self.assertEqual([i["id"] for i in first["items"] + second["items"]], sorted([open_claim, submitted]))

        item = next(i for i in mine["items"] if i["id"] == open_claim)
        self.assertEqual(item["status"], "draft")
        self.assertEqual(item["claimant"], {"id": self.anna, "name": "Anna Synthetyan"})
        self.assertEqual(item["forms"], ["restitution", "compensation_material"])
        self.assertEqual(item["claimed"], {"mid": 1000, "low": 800, "high": 1500})
        self.assertEqual(mine["reference"], "USD of 2024")

        only = self.officer.get("/api/v1/claims", params={"status": "submitted"}).json()["items"]
        self.assertEqual([i["id"] for i in only], [submitted])
        for params in ({"status": "lost"}, {"track": "fast"}, {"limit": "0"}, {"limit": "x"}):
            r = self.officer.get("/api/v1/claims", params=params)
            self.assertEqual(r.status, 400, f"{params}: {r.text()}")

        # One claim: hidden is 404 exactly like a missing one.
        self.assertEqual(self.officer.get(f"/api/v1/claims/{hidden}").status, 404)
        self.assertEqual(self.officer.get("/api/v1/claims/clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C").status, 404)
        self.assertEqual(self.lawyer.get(f"/api/v1/claims/{hidden}").status, 200)
        audit = self.admin.get("/api/v1/audit", params={"action": "record.read", "target": hidden}).json()
        self.assertEqual([(e["actor"], e["detail"]) for e in audit["entries"]], [("law", "restricted")])

    def test_detail(self):
        cid = self.claim()
        r = self.viewer.get(f"/api/v1/claims/{cid}")
        self.assertEqual(r.status, 200, r.text())
        c = r.json()
        self.assertEqual(c["id"], cid)
        self.assertEqual(c["status"], "draft")
        self.assertEqual(c["claimant"]["name"], "Anna Synthetyan")
        self.assertEqual(c["claimed"], {"mid": 1000, "low": 800, "high": 1500})
        self.assertEqual(c["awarded"], {"mid": 0, "low": 0, "high": 0})
        self.assertEqual(c["reference"], "USD of 2024")
        self.assertEqual(c["next"], [{"status": "submitted", "decision": False},
                                     {"status": "withdrawn", "decision": False}])
        self.assertEqual([(d["due"], d["overdue"]) for d in c["deadlines"]],
                         [("2020-01-01", True), ("2099-01-01", False)])
        self.assertEqual(c["body"]["harms"], [self.house])
        self.assertEqual(len(c["history"]), 1)
        self.assertEqual(c["history"][0]["status"], "draft")

    def test_transition_allowed_and_refused(self):
        self.sign_in("officer", "viewer", "lawyer")
        cid = self.claim()
        r = self.move(self.officer, cid, "submitted", "SYNTHETIC lodged with the commission")
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json(), {"id": cid, "rev": 2, "status": "submitted"})
        c = self.officer.get(f"/api/v1/claims/{cid}").json()
        self.assertEqual(c["status"], "submitted")
        last = c["history"][-1]
        self.assertEqual((last["rev"], last["by"], last["status"], last["reason"]),
                         (2, "officer", "submitted", "SYNTHETIC lodged with the commission"))
        self.assertIn("status", last["changes"])

        before = self.snapshot()
        refused = self.move(self.officer, cid, "paid")
        self.assertEqual(refused.status, 409, refused.text())
        error = refused.json()["error"]
        self.assertEqual(error["code"], "conflict")
        self.assertIn("cannot go from submitted to paid", error["message"])
        self.assertEqual(error["details"][0]["allowed"], ["under_verification", "withdrawn"])
        self.assertEqual(self.move(self.officer, cid, "under_verification", "").status, 422)
        self.assertEqual(self.move(self.officer, cid, "nonsense").status, 422)
        self.assertEqual(self.officer.post(f"/api/v1/claims/{cid}/transition", {"reason": "x"}).status, 400)
        # Roles and CSRF.
        viewer = self.move(self.viewer, cid, "under_verification")
        self.assertEqual(viewer.status, 403, viewer.text())
        self.assertEqual(viewer.json()["error"]["code"], "permission_denied")
        no_csrf = self.officer.post(f"/api/v1/claims/{cid}/transition",
                                    {"to": "under_verification", "reason": "x"}, csrf=False)
        self.assertEqual(no_csrf.status, 403)
        self.assertEqual(self.move(self.officer, "clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C", "submitted").status, 404)
        self.assertEqual(before, self.snapshot(), "a refused move writes nothing")
        hidden = self.claim(confidentiality="restricted")
        before = self.snapshot()
        self.assertEqual(self.move(self.officer, hidden, "submitted").status, 404)
        self.assertEqual(self.move(self.lawyer, hidden, "submitted").status, 200)
        self.assertNotEqual(before, self.snapshot())

    def test_decision_needs_a_reviewer(self):
        self.sign_in("officer", "viewer", "reviewer", "lawyer")
        cid = self.claim()
        for status in ("submitted", "under_verification", "verified"):
            self.assertEqual(self.move(self.officer, cid, status).status, 200)
        before = self.snapshot()
        decision = {"legal_basis": ["pinheiro.2"], "evidence": [self.source], "date": "2026-01-10",
                    "awards": [{"form": "compensation_material", "amount": 600, "currency": "USD", "year": 2024}]}
        self.assertEqual(self.move(self.officer, cid, "granted", **decision).status, 403)
        self.assertEqual(self.move(self.viewer, cid, "granted", **decision).status, 403)
        # A reviewer decides but does not make workflow moves.
        self.assertEqual(self.move(self.reviewer, cid, "under_verification").status, 403)
        no_basis = self.move(self.lawyer, cid, "granted", "SYNTHETIC reasons")
        self.assertEqual(no_basis.status, 422)
        self.assertEqual(no_basis.json()["error"]["details"][0]["path"], "legal_basis")
        unknown = self.move(self.lawyer, cid, "granted", legal_basis=["no.such.item"])
        self.assertEqual(unknown.status, 422, unknown.text())
        self.assertIn("no.such.item", unknown.text())
        self.assertEqual(before, self.snapshot())

        r = self.move(self.reviewer, cid, "partly_granted", "SYNTHETIC tenure proved in part", **decision)
        self.assertEqual(r.status, 200, r.text())
        c = self.lawyer.get(f"/api/v1/claims/{cid}").json()
        self.assertEqual(c["status"], "partly_granted")
        self.assertEqual(c["decision"]["legal_basis"], ["pinheiro.2"])
        self.assertEqual(c["decision"]["reasons"], "SYNTHETIC tenure proved in part")
        self.assertEqual(c["awarded"]["mid"], 600)
        self.assertEqual(c["history"][-1]["by"], "rev")
        self.assertEqual([n["status"] for n in c["next"]], ["enforced", "paid", "withdrawn"])
        self.assertEqual(self.move(self.officer, cid, "paid", "SYNTHETIC transfer").status, 200)
        final = self.officer.get(f"/api/v1/claims/{cid}").json()
        self.assertEqual(final["next"], [])

    def test_duplicates_review_writes_revisions(self):
        self.sign_in("admin", "officer", "reviewer", "lawyer")
        c1 = self.claim()
        c2 = self.claim(harms=[], amounts=[], forms=["compensation_moral"])
        hidden_pair = [self.claim(claimant=self.aram, confidentiality="sealed", harms=[], amounts=[]),
                       self.claim(claimant=self.aram, confidentiality="sealed", harms=[], amounts=[],
                                  forms=["compensation_moral"])]
        cli = json.loads(self.ok("claims", "duplicates", "--format", "json"))
        admin = self.admin.get("/api/v1/claims/duplicates").json()["flags"]
        self.assertEqual(admin, cli)
        visible = self.reviewer.get("/api/v1/claims/duplicates").json()["flags"]
        self.assertTrue(visible)
        for flag in visible:
            self.assertFalse(set(flag["claims"]) & set(hidden_pair), "a flag over sealed claims is shown")
        self.assertEqual(self.officer.get("/api/v1/claims/duplicates").json()["flags"], visible)
        flag = next(f for f in visible if f["type"] == "same_claimant")
        self.assertEqual(sorted(flag["claims"]), sorted([c1, c2]))
        self.assertTrue(flag["explanation"])
        self.assertEqual(flag["decision"], "")

        path = f"/api/v1/claims/duplicates/{flag['id']}"
        before = self.snapshot()
        self.assertEqual(self.officer.post(path + "/confirm", {"reason": "x"}).status, 403)
        self.assertEqual(self.reviewer.post(path + "/confirm", {"reason": "x"}, csrf=False).status, 403)
        self.assertEqual(self.reviewer.post(path + "/confirm", {"reason": ""}).status, 422)
        self.assertEqual(self.reviewer.post("/api/v1/claims/duplicates/ovl_0000000000000000/confirm",
                                            {"reason": "x"}).status, 404)
        hidden_flag = next(f for f in admin if set(f["claims"]) & set(hidden_pair))
        hidden_path = f"/api/v1/claims/duplicates/{hidden_flag['id']}/dismiss"
        self.assertEqual(self.lawyer.post(hidden_path, {"reason": "x"}).status, 404, "sealed: as if absent")
        self.assertEqual(before, self.snapshot())
        self.assertEqual(self.admin.post(hidden_path, {"reason": "SYNTHETIC distinct"}).status, 200)
        r = self.reviewer.post(path + "/confirm", {"reason": "SYNTHETIC same woman, two forms"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json(), {"flag": flag["id"], "decision": "confirmed", "claims_revised": 2})
        for cid in (c1, c2):
            c = self.admin.get(f"/api/v1/claims/{cid}").json()
            self.assertEqual(c["body"]["overlap_reviews"][0]["decision"], "confirmed")
            self.assertEqual(c["history"][-1]["by"], "rev")
            self.assertIn("overlap_reviews", " ".join(c["history"][-1]["changes"]))
            self.assertEqual(c["status"], "draft", "a review never changes the workflow")
        again = self.reviewer.post(path + "/dismiss", {"reason": "SYNTHETIC changed my mind"})
        self.assertEqual(again.status, 409, again.text())
        open_only = self.reviewer.get("/api/v1/claims/duplicates", params={"unreviewed": "true"}).json()["flags"]
        self.assertNotIn(flag["id"], [f["id"] for f in open_only])

    def test_summary_as_the_command(self):
        self.claim()
        self.claim(confidentiality="restricted",
                   amounts=[{"form": "compensation_material", "amount": 5000, "currency": "USD", "year": 2024}])
        for by in ("", "status", "form", "place", "period"):
            args = ["claims", "summary", "--format", "json"] + (["--by", by] if by else [])
            r = self.admin.get("/api/v1/claims/summary", params={"by": by} if by else None)
            self.assertEqual(r.status, 200, r.text())
            self.assertEqual(r.json(), json.loads(self.ok(*args)), by)
        # Other roles count only what they may read.
        officer = self.officer.get("/api/v1/claims/summary").json()
        self.assertEqual(officer["total"]["claims"], 1)
        self.assertEqual(officer["total"]["claimed"]["mid"], 1000)
        self.assertEqual(self.lawyer.get("/api/v1/claims/summary").json()["total"]["claims"], 2)
        self.assertEqual(self.admin.get("/api/v1/claims/summary", params={"by": "colour"}).status, 400)

    def test_records_routes_apply_claim_checks(self):
        self.sign_in("officer")
        good = {"claimant": self.anna, "forms": ["compensation_moral"], "remarks": "SYNTHETIC"}
        before = self.snapshot()
        bad = self.officer.post("/api/v1/records", {"kind": "claim", "body": dict(
            good, amounts=[{"form": "compensation_moral", "amount": -5, "currency": "USD", "year": 2024}])})
        self.assertEqual(bad.status, 422, bad.text())
        self.assertIn("amounts[0].amount", [d["path"] for d in bad.json()["error"]["details"]])
        decided = self.officer.post("/api/v1/records", {"kind": "claim", "body": dict(
            good, status="granted", decision={"reasons": "x", "date": "2026-01-01", "legal_basis": ["bpg.20"]})})
        self.assertEqual(decided.status, 403, decided.text())
        self.assertEqual(before, self.snapshot())
        r = self.officer.post("/api/v1/records", {"kind": "claim", "body": good})
        self.assertEqual(r.status, 201, r.text())
        cid = r.json()["id"]
        self.assertEqual(self.officer.get(f"/api/v1/claims/{cid}").json()["status"], "draft")
        sneak = self.officer.patch(f"/api/v1/records/{cid}", {"set": {"status": "paid"}, "reason": "x"})
        self.assertEqual(sneak.status, 422, sneak.text())
        edit = self.officer.patch(f"/api/v1/records/{cid}", {"set": {"description": "SYNTHETIC note"},
                                                             "reason": "SYNTHETIC clarify"})
        self.assertEqual(edit.status, 200, edit.text())


if __name__ == "__main__":
    unittest.main()
