"""Outputs of the reparations registry: the claimant's PDF statement in
English, Armenian and Russian (text checked with pdftotext), sensitive fields
left out unless asked, bad ids refused with no file written; and the claims
package for a commission (CSV, NDJSON, records and a BagIt bag that
validates and whose proofs vka checks), refused into a non-empty folder.
All data SYNTHETIC."""
import csv
import json
import os
import re
import subprocess
import unittest

from test_bag import check_bagit
from vkatest import VkaTestCase

PASSPORT = "SYNTHPASSPORT0042"


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


class ClaimsOutputs(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def setUp(self):
        super().setUp()
        self.anna = self.add("person", {
            "names": [{"value": "Աննա", "script": "Armn", "part": "given", "language": "hy"},
                      {"value": "Պետրոսյան", "script": "Armn", "part": "family"},
                      {"value": "Анна", "script": "Cyrl", "part": "given"},
                      {"value": "Петросян", "script": "Cyrl", "part": "family"},
                      {"value": "Anna", "script": "Latn", "part": "given"},
                      {"value": "Petrosyan", "script": "Latn", "part": "family"}],
            "birth": "1950-04-02", "national_identity": PASSPORT, "remarks": "SYNTHETIC"})
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1", "registry_reference": "SYN-01-000001",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]},
            "dispossession": {"date": "1990-01-15", "mechanism": "exchange_under_duress", "under_duress": True},
            "remarks": "SYNTHETIC"})
        self.source = self.add("source", {"type": "document", "title": "[SYNTHETIC] occupancy order"})
        scan = self.write("order.txt", b"[SYNTHETIC] occupancy order scan\n")
        self.ok("evidence", "add", scan, "--source", self.source)
        body = {"claimant": self.anna, "harms": [self.house], "forms": ["restitution", "compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": 20000, "low": 15000, "high": 30000,
                             "currency": "SUR", "year": 1990, "property": self.house}],
                "evidence": [self.source], "deadlines": [{"what": "appeal", "due": "2026-12-31"}],
                "filed": "2025-02-01", "harm_date": "1990-01-15", "remarks": "SYNTHETIC"}
        self.claim = self.ok("claim", "add", "--json", json.dumps(body)).strip()
        for status in ("submitted", "under_verification", "verified"):
            self.ok("claim", "transition", self.claim, "--to", status, "--reason", f"step to {status}")
        self.ok("claim", "transition", self.claim, "--to", "partly_granted", "--reason", "occupancy order verified",
                "--legal-basis", "pinheiro.2", "--award", "compensation_material:10000:SUR:1990",
                "--date", "2026-06-01")
        other = dict(body, amounts=[], forms=["compensation_moral"], evidence=[], deadlines=[])
        self.draft = self.ok("claim", "add", "--json", json.dumps(other)).strip()

    def statement(self, *args):
        out = self.path("statement.pdf")
        if os.path.exists(out):
            os.remove(out)
        self.ok("claim", "statement", self.claim, "--out", out, *args)
        self.assertGreaterEqual(pdf_pages(out), 1)
        return pdf_text(out)

    def test_statement_in_three_languages(self):
        en = self.statement("--lang", "en")
        for needle in ("Statement of a reparation claim", self.claim, "Partly granted", "20000 (15000–30000)",
                       "occupancy order verified", "pinheiro.2", "Anna Petrosyan", "Synthetic street 1",
                       "Evidence records attached to the claim: 1.", "vka log leaf " + self.claim + "@5",
                       "SYNTHETIC DATA", "appeal"):
            self.assertIn(needle, en)
        self.assertRegex(en, r"Claimed, in USD of 2024: [\d.]+ \(between [\d.]+ and [\d.]+\)\.")
        pages = pdf_pages(self.path("statement.pdf"))
        self.assertIn(f"page 1 of {pages}", en)  # the footer, in the statement's language
        hy = self.statement("--lang", "hy")
        self.assertIn(f"էջ 1 / {pages}", hy)
        self.assertNotIn("page 1 of", hy)
        for needle in ("Հատուցման պահանջի քաղվածք", "Պահանջի պատմությունը", "Մասնակիորեն բավարարված",
                       "Աննա Պետրոսյան", self.claim, "20000 (15000–30000)", "Պահանջին կցված ապացույցներ՝ 1։"):
            self.assertIn(needle, hy)
        ru = self.statement("--lang", "ru")
        for needle in ("Выписка по требованию о возмещении", "История требования", "Анна Петросян",
                       self.claim, "20000 (15000–30000)", "Доказательств, приложенных к требованию: 1."):
            self.assertIn(needle, ru)
        self.assertIn(f"стр. 1 из {pages}", ru)
        self.assertNotIn("Anna Petrosyan", ru)

    def test_default_language_and_path(self):
        # The claimant's first name records language "hy"; the file is <id>.pdf in the current folder.
        out = self.ok("claim", "statement", self.claim, cwd=self.tmp)
        self.assertIn("(hy,", out)
        self.assertIn("Հատուցման պահանջի քաղվածք", pdf_text(os.path.join(self.tmp, self.claim + ".pdf")))

    def test_sensitive_fields_only_with_the_flag(self):
        text = self.statement("--lang", "en")
        self.assertNotIn(PASSPORT, text)
        self.assertIn("Protected personal details are left out", text)
        text = self.statement("--lang", "en", "--include-sensitive")
        self.assertIn(PASSPORT, text)

    def test_bad_ids_refused_and_no_file_written(self):
        out = self.path("bad.pdf")
        err = self.fails(3, "claim", "statement", "clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C", "--out", out)
        self.assertIn("clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C", err)
        err = self.fails(2, "claim", "statement", self.anna, "--out", out)
        self.assertIn("is not a claim id", err)
        self.fails(2, "claim", "statement", self.claim, "--lang", "de", "--out", out)
        self.assertFalse(os.path.exists(out))
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith("bad")], [])

    def test_package(self):
        before = self.snapshot()[0]
        pkg = self.path("pkg")
        self.ok("claims", "package", "--out", pkg)
        for name in ("claims.csv", "claims.ndjson", "records.ndjson", "ids.txt", "README.txt", "bag/bagit.txt"):
            self.assertTrue(os.path.exists(os.path.join(pkg, name)), name)
        with open(os.path.join(pkg, "claims.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(sorted(r["id"] for r in rows), sorted([self.claim, self.draft]))
        decided = next(r for r in rows if r["id"] == self.claim)
        self.assertEqual(decided["status"], "partly_granted")
        self.assertEqual(decided["decision_date"], "2026-06-01")
        self.assertEqual(decided["evidence_count"], "1")
        self.assertLess(float(decided["claimed_low"]), float(decided["claimed_mid"]))
        self.assertLess(float(decided["claimed_mid"]), float(decided["claimed_high"]))
        self.assertGreater(float(decided["awarded_mid"]), 0)
        with open(os.path.join(pkg, "claims.ndjson"), encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[0]["valuation"]["reference_currency"], "USD")
        bag_lines = open(os.path.join(pkg, "bag/data/records.ndjson"), encoding="utf-8").read().splitlines()
        records = open(os.path.join(pkg, "records.ndjson"), encoding="utf-8").read().splitlines()
        ids = {json.loads(line)["id"] for line in records}
        self.assertTrue({self.anna, self.house, self.source} <= ids)
        self.assertTrue(set(records) <= set(bag_lines))
        self.assertEqual(len(os.listdir(os.path.join(pkg, "bag/data/evidence"))), 1)
        check_bagit(os.path.join(pkg, "bag"))
        out = self.ok("import", "--bag", os.path.join(pkg, "bag"), "--dry-run")
        self.assertIn("bag verified", out)
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp-" in n], [])
        # Only the custody events of the export were written.
        after = self.snapshot()[0]
        self.assertTrue(set(before) <= set(after))
        self.assertTrue(all(r[2] == "custody_event" for r in set(after) - set(before)))

    def test_package_selection_and_refusals(self):
        pkg = self.path("decided")
        self.ok("claims", "package", "--out", pkg, "--status", "partly_granted")
        with open(os.path.join(pkg, "claims.csv"), encoding="utf-8") as f:
            self.assertEqual([r["id"] for r in csv.DictReader(f)], [self.claim])
        ids = self.write("ids.txt", f"# SYNTHETIC\n{self.draft}\n")
        self.ok("claims", "package", "--out", self.path("one"), "--ids", ids)
        with open(os.path.join(self.path("one"), "claims.csv"), encoding="utf-8") as f:
            self.assertEqual([r["id"] for r in csv.DictReader(f)], [self.draft])
        empty = self.path("empty")
        os.mkdir(empty)
        self.ok("claims", "package", "--out", empty, "--status", "draft")
        bad = self.write("bad-ids.txt", f"{self.claim}\n{self.anna}\n")
        # Refusals leave nothing behind.
        before = os.listdir(self.tmp)
        err = self.fails(3, "claims", "package", "--out", pkg)
        self.assertIn("is not empty", err)
        self.fails(3, "claims", "package", "--out", self.path("none"), "--status", "paid")
        self.fails(2, "claims", "package", "--out", self.path("none"), "--status", "colour")
        err = self.fails(2, "claims", "package", "--out", self.path("none"), "--ids", bad)
        self.assertIn("bad-ids.txt:2:", err)
        # A failure after the temporary folder was made (the bag refuses a claim that refers
        # to a deleted record) removes it.
        self.ok("delete", self.house, "--reason", "SYNTHETIC test of a failed export")
        err = self.fails(3, "claims", "package", "--out", self.path("none"))
        self.assertIn(self.house, err)
        self.assertEqual(sorted(os.listdir(self.tmp)), sorted(before))


if __name__ == "__main__":
    unittest.main()
