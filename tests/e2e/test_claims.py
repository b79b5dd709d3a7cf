"""The reparations registry end to end: claims added, edited and moved
through their workflow (allowed and refused moves), bad input refused with
nothing changed, the summary with valuation bounds, and duplicate review
recorded on the claims. All data SYNTHETIC."""
import json
import unittest

from vkatest import VkaTestCase


def person(given, family, birth, script="Latn", patronymic=None):
    names = [{"value": given, "script": script, "part": "given"},
             {"value": family, "script": script, "part": "family"}]
    if patronymic:
        names.append({"value": patronymic, "script": script, "part": "patronymic"})
    return {"names": names, "birth": birth, "remarks": "SYNTHETIC"}


class Claims(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def setUp(self):
        super().setUp()
        self.anna = self.add("person", person("Աննա", "Պետրոսյան", "1950-04-02", "Armn"))
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1", "registry_reference": "SYN-01-000001",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]},
            "dispossession": {"date": "1990-01-15", "mechanism": "exchange_under_duress", "under_duress": True},
            "secondary_occupant": {"status": "family of a local official", "good_faith": False},
            "value": {"amount": 20000, "low": 15000, "high": 30000, "currency": "SUR", "year": 1990,
                      "method": "claimant_estimate"}})

    def claim(self, **extra):
        body = {"claimant": self.anna, "harms": [self.house], "forms": ["restitution", "compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": 20000, "low": 15000, "high": 30000,
                             "currency": "SUR", "year": 1990, "property": self.house}],
                "filed": "2025-02-01", "harm_date": "1990-01-15", "remarks": "SYNTHETIC"}
        body.update(extra)
        return self.ok("claim", "add", "--json", json.dumps(body)).strip()

    def test_workflow_allowed_and_refused(self):
        cid = self.claim()
        self.assertRegex(cid, r"^clm_")
        self.assertIn("· draft", self.ok("claim", "show", cid))
        for status in ("submitted", "under_verification", "verified"):
            self.ok("claim", "transition", cid, "--to", status, "--reason", f"step to {status}")
        before = self.snapshot()
        err = self.fails(3, "claim", "transition", cid, "--to", "paid", "--reason", "skip")
        self.assertIn("cannot go from verified to paid; from verified a claim may go to: granted, partly_granted,"
                      " rejected, under_verification, withdrawn", err)
        err = self.fails(2, "claim", "transition", cid, "--to", "granted", "--reason", "documents prove tenure")
        self.assertIn("must cite its legal basis", err)
        err = self.fails(2, "claim", "transition", cid, "--to", "granted", "--reason", "x",
                         "--legal-basis", "no.such.item")
        self.assertIn("unknown legal knowledge base id \"no.such.item\"", err)
        self.assertEqual(before, self.snapshot())
        self.ok("claim", "transition", cid, "--to", "partly_granted", "--reason", "occupancy order verified",
                "--legal-basis", "pinheiro.2", "--legal-basis", "pinheiro.15.8",
                "--award", "compensation_material:10000:SUR:1990", "--date", "2026-06-01")
        self.ok("claim", "transition", cid, "--to", "paid", "--reason", "transfer made")
        self.fails(3, "claim", "transition", cid, "--to", "withdrawn", "--reason", "too late")
        body = json.loads(self.ok("claim", "show", cid, "--format", "json"))
        self.assertEqual(body["status"], "paid")
        self.assertEqual(body["decision"]["legal_basis"], ["pinheiro.2", "pinheiro.15.8"])
        self.assertEqual(body["decision"]["reasons"], "occupancy order verified")
        history = self.ok("claim", "history", cid)
        self.assertEqual(history.count("rev "), 6)
        self.assertIn("\"step to under_verification\"", history)
        self.assertIn("by e2e", history)
        self.assertIn("status: \"verified\" → \"partly_granted\"", history)
        text = self.ok("claim", "show", cid)
        self.assertIn("next: (final)", text)
        self.assertIn("awarded:", text)

    def test_withdrawn_from_draft_and_edit_refuses_status(self):
        cid = self.claim()
        self.fails(2, "claim", "edit", cid, "--set", "status=paid", "--reason", "cheat")
        self.ok("claim", "edit", cid, "--set", "description=SYNTHETIC note", "--reason", "clarify")
        self.ok("claim", "transition", cid, "--to", "withdrawn", "--reason", "claimant withdrew")
        self.assertIn(cid, self.ok("claim", "list", "--status", "withdrawn"))
        self.assertNotIn(cid, self.ok("claim", "list", "--status", "draft"))

    def test_bad_input_is_refused_and_changes_nothing(self):
        before = self.snapshot()
        base = {"claimant": self.anna, "forms": ["compensation_material"], "remarks": "SYNTHETIC"}
        amount = {"form": "compensation_material", "amount": 100, "currency": "USD", "year": 2020}
        cases = [
            ({"harms": ["prp_01JD3XK5E8Q9V7RZ3M4N6P2B1C"]}, "harms[0]: refers to prp_01JD3XK5E8Q9V7RZ3M4N6P2B1C, which does not exist"),
            ({"amounts": [dict(amount, amount=-5)]}, "amounts[0].amount: amounts must not be negative"),
            ({"amounts": [dict(amount, currency="XXQ")]}, "amounts[0].currency: invalid currency \"XXQ\""),
            ({"amounts": [dict(amount, currency="SUR", year=2020)]}, "no rate for SUR in 2020"),
            ({"filed": "2025-02-30"}, "filed: invalid EDTF date"),
            ({"filed": "2090-01-01"}, "filed: date is in the future"),
            ({"filed": "1989-01-01", "harm_date": "1990-01-15"}, "harm_date: the harm is dated after the claim was filed"),
            ({"claimant": None}, "a claim needs a claimant"),
            ({"status": "paid"}, "decision.reasons: a paid claim needs a decision with reasons"),
        ]
        for extra, message in cases:
            body = dict(base, **extra)
            if body.get("claimant") is None:
                del body["claimant"]
            err = self.fails(2, "claim", "add", "--json", json.dumps(body))
            self.assertIn(message, err)
        self.fails(2, "claim", "add", "--json", "{not json")
        self.fails(3, "claim", "show", "clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C")
        self.fails(2, "claim", "show", self.anna)
        self.assertEqual(before, self.snapshot())

    def test_summary_totals_with_bounds(self):
        self.claim()
        self.claim(amounts=[{"form": "compensation_material", "amount": 1000, "currency": "USD", "year": 2024}])
        data = json.loads(self.ok("claims", "summary", "--by", "status", "--format", "json"))
        self.assertEqual(data["total"]["claims"], 2)
        self.assertEqual(data["reference_currency"], "USD")
        total = data["total"]["claimed"]
        self.assertLess(total["low"], total["mid"])
        self.assertLess(total["mid"], total["high"])
        # 1000 USD of the reference year is worth exactly 1000.
        one = json.loads(self.ok("claims", "summary", "--format", "json"))
        self.assertGreater(one["total"]["claimed"]["low"], 1000)
        self.assertEqual([g["key"] for g in data["groups"]], ["draft"])
        text = self.ok("claims", "summary", "--by", "form")
        self.assertIn("compensation_material", text)
        self.assertIn("Bounds are interval sums", text)
        self.fails(2, "claims", "summary", "--by", "colour")

    def test_duplicates_flagged_and_reviewed_never_merged(self):
        anna_ru = self.add("person", person("Анна", "Петросян", "1950-04-02", "Cyrl"))
        c1 = self.claim()
        c2 = self.claim(claimant=anna_ru, harms=[], amounts=[], forms=["compensation_moral"])
        flags = json.loads(self.ok("claims", "duplicates", "--format", "json"))
        self.assertEqual(len(flags), 1)
        flag = flags[0]
        self.assertEqual(flag["type"], "same_claimant")
        self.assertEqual(sorted(flag["claims"]), sorted([c1, c2]))
        self.assertIn("names agree across scripts", flag["explanation"])
        before = self.snapshot()
        self.fails(2, "claims", "duplicate", "accept", flag["id"], "--reason", "")
        self.fails(3, "claims", "duplicate", "accept", "ovl_0000000000000000", "--reason", "x")
        self.assertEqual(before, self.snapshot())
        self.ok("claims", "duplicate", "accept", flag["id"], "--reason", "same woman, two forms")
        self.fails(3, "claims", "duplicate", "reject", flag["id"], "--reason", "changed my mind")
        flags = json.loads(self.ok("claims", "duplicates", "--format", "json"))
        self.assertEqual(flags[0]["decision"], "confirmed")
        self.assertEqual(self.ok("claims", "duplicates", "--unreviewed", "--format", "json").strip(), "[]")
        for cid in (c1, c2):
            body = json.loads(self.ok("claim", "show", cid, "--format", "json"))
            self.assertEqual(body["overlap_reviews"][0]["decision"], "confirmed")
            self.assertEqual(body["status"], "draft")

    def test_help_texts(self):
        for args in (["claim", "--help"], ["claim", "transition", "--help"], ["claims", "summary", "--help"],
                     ["claims", "duplicates", "--help"], ["claims", "duplicate", "accept", "--help"]):
            out = self.ok(*args)
            self.assertIn("Usage", out)


if __name__ == "__main__":
    unittest.main()
