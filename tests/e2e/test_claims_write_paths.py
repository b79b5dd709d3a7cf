"""Every write path applies the claim checks (docs/claims.md): `vka add
claim` and `vka edit` of a claim refuse what `vka claim add|edit` refuse,
with the same exit code and message; `vka import` (NDJSON and CSV) and
POST /api/v1/import refuse a bad claim among good lines naming file, line
and field, and write nothing; a decided claim migrated from elsewhere is
accepted when consistent. All data SYNTHETIC."""
import csv
import io
import json
import unittest

import vkahttp
from vkatest import VkaTestCase


class ClaimWritePaths(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.anna = self.add("person", {
            "names": [{"value": "Anna", "script": "Latn", "part": "given"},
                      {"value": "Synthetyan", "script": "Latn", "part": "family"}],
            "birth": "1950-04-02", "remarks": "SYNTHETIC"})
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]}, "remarks": "SYNTHETIC"})

    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body)).strip()

    def claim(self, **changes):
        body = {"kind": "claim", "status": "draft", "claimant": self.anna, "harms": [self.house],
                "forms": ["restitution", "compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": 20000, "currency": "USD", "year": 2020,
                             "property": self.house}],
                "filed": "2025-02-01", "harm_date": "1990-01-15", "remarks": "SYNTHETIC"}
        body.update(changes)
        return body

    def amount(self, **changes):
        a = {"form": "compensation_material", "amount": 20000, "currency": "USD", "year": 2020}
        a.update(changes)
        return [a]

    BAD = {
        "negative amount": ({"amounts": [{"form": "compensation_material", "amount": -5, "currency": "USD",
                                          "year": 2020}]}, "amounts[0].amount", "must not be negative"),
        "unknown currency": ({"amounts": [{"form": "compensation_material", "amount": 5, "currency": "XQQ",
                                           "year": 2020}]}, "amounts[0].currency", "XQQ"),
        "impossible date": ({"filed": "2025-02-30"}, "filed", ""),
        "future date": ({"filed": "2999-01-01"}, "filed", "in the future"),
        "unknown legal basis": ({"status": "rejected", "decision": {
            "date": "2025-06-30", "reasons": "SYNTHETIC", "legal_basis": ["no.such.item"]}},
            "decision.legal_basis[0]", "unknown legal knowledge base id"),
        "decision without legal basis": ({"status": "granted", "decision": {
            "date": "2025-06-30", "reasons": "SYNTHETIC"}}, "decision.legal_basis", "must cite its legal basis"),
        "unknown property": ({"harms": ["prp_01J0000000000000000000SYN0"]}, "harms",
                             "prp_01J0000000000000000000SYN0"),
    }

    def test_add_claim_refuses_like_claim_add(self):
        for name, (changes, field, problem) in self.BAD.items():
            with self.subTest(name):
                body = json.dumps(self.claim(**changes))
                before = self.snapshot()
                generic = self.vka("add", "claim", "--json", body)
                specific = self.vka("claim", "add", "--json", body)
                self.assertNotEqual(generic.returncode, 0, generic.stdout)
                self.assertEqual(generic.returncode, specific.returncode)
                self.assertEqual(generic.stderr, specific.stderr)
                self.assertIn(field, generic.stderr)
                self.assertIn(problem, generic.stderr)
                self.assertEqual(before, self.snapshot(), "nothing written")
        good = self.ok("add", "claim", "--json", json.dumps(self.claim())).strip()
        self.assertEqual(json.loads(self.ok("show", good, "--format", "json"))["status"], "draft")

    def test_edit_of_a_claim_applies_the_checks(self):
        cid = self.ok("add", "claim", "--json", json.dumps(self.claim())).strip()
        before = self.snapshot()
        negative = json.dumps(self.amount(amount=-1))
        err = self.fails(2, "edit", cid, "--set", "amounts=" + negative, "--reason", "typo")
        self.assertIn("amounts[0].amount: amounts must not be negative", err)
        self.assertEqual(err, self.fails(2, "claim", "edit", cid, "--set", "amounts=" + negative,
                                         "--reason", "typo"))
        err = self.fails(2, "edit", cid, "--set", "status=paid", "--reason", "cheat")
        self.assertIn("vka claim transition", err)
        self.assertEqual(before, self.snapshot(), "nothing written")
        self.ok("edit", cid, "--set", "amounts=" + json.dumps(self.amount(amount=25000)), "--reason", "receipt")
        self.assertEqual(json.loads(self.ok("show", cid, "--format", "json"))["amounts"][0]["amount"], 25000)

    def ndjson(self, name, bodies):
        return self.write(name, "".join(json.dumps(b) + "\n" for b in bodies))

    def test_ndjson_import_refuses_a_bad_claim_and_writes_nothing(self):
        good = [self.claim(), self.claim(filed="2025-03-01")]
        for name, (changes, field, problem) in self.BAD.items():
            with self.subTest(name):
                path = self.ndjson("claims.ndjson", [good[0], self.claim(**changes), good[1]])
                before = self.snapshot()
                err = self.fails(2, "import", path)
                self.assertIn(f"claims.ndjson:2: {field}", err)
                self.assertIn(problem, err)
                self.assertNotIn("claims.ndjson:1:", err)
                self.assertNotIn("claims.ndjson:3:", err)
                self.assertEqual(before, self.snapshot(), "all or nothing")
        # A registry migrated from elsewhere: decided claims are accepted when consistent.
        decided = self.claim(status="partly_granted", decision={
            "date": "2025-06-30", "reasons": "SYNTHETIC decision", "legal_basis": ["pinheiro.2"],
            "awards": self.amount(amount=10000)})
        self.ok("import", self.ndjson("migrated.ndjson", good + [decided]))
        statuses = sorted(json.loads(line)["status"] for line in
                          self.ok("list", "claim", "--format", "ndjson").splitlines())
        self.assertEqual(statuses, ["draft", "draft", "partly_granted"])

    def test_csv_import_refuses_a_bad_claim(self):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["claimant", "status", "forms", "amounts", "filed", "remarks"])
        forms = json.dumps(["compensation_material"])
        w.writerow([self.anna, "draft", forms, json.dumps(self.amount()), "2025-02-01", "SYNTHETIC"])
        w.writerow([self.anna, "draft", forms, json.dumps(self.amount(currency="XQQ")), "2025-02-01", "SYNTHETIC"])
        path = self.write("claims.csv", out.getvalue())
        before = self.snapshot()
        err = self.fails(2, "import", path, "--kind", "claim")
        self.assertIn("claims.csv:3: amounts[0].currency", err)
        self.assertEqual(before, self.snapshot())

    def test_api_import_refuses_a_bad_claim(self):
        server = vkahttp.Server(self.ws)
        try:
            client = vkahttp.signed_in(server, self.ws, "docu", "documenter")
            before = self.snapshot()
            text = "".join(json.dumps(b) + "\n" for b in
                           [self.claim(), self.claim(amounts=self.amount(amount=-3))])
            r = client.post("/api/v1/import", text, params={"format": "ndjson"})
            self.assertEqual(r.status, 422, r.text())
            details = r.json()["error"]["details"]
            self.assertEqual(len(details), 1, details)
            self.assertEqual(details[0]["line"], 2)
            self.assertEqual(details[0]["field"], "amounts[0].amount")
            self.assertIn("must not be negative", details[0]["problem"])
            self.assertEqual(before, self.snapshot(), "nothing imported")
        finally:
            self.assertEqual(server.stop(), 0, server.log())


if __name__ == "__main__":
    unittest.main()
