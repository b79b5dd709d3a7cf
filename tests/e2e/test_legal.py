"""End-to-end tests of the legal analysis: the knowledge base commands, rule
suggestions and the lawyer's decisions, the case matrix against a
hand-computed golden file, state responsibility, and bad input."""
import json
import os
import shutil
import subprocess
import unittest

from vkatest import SOURCE_DIR, VkaTestCase, run

DATA = os.path.join(SOURCE_DIR, "tests/e2e/data/legal")
SIT = "sit_01J00000000000000000000001"
ACT_KILL = "act_01J00000000000000000000001"
ACT_BEAT = "act_01J00000000000000000000002"
ACT_DETAIN = "act_01J00000000000000000000003"
ACT_THREAT = "act_01J00000000000000000000004"
STC = "stc_01J00000000000000000000001"
SRC_WITHDRAWN = "src_01J00000000000000000000004"


def projection(matrix, element):
    e = matrix["elements"][element]
    return [e["status"], e["contested"], e["supporting"]["count"], e["contradicting"]["count"],
            e["independent_origins"], e["best_reliability"], e["best_credibility"],
            sorted(x["reason"] for x in e["excluded"])]


class KnowledgeBaseTest(unittest.TestCase):
    def test_check_list_show(self):
        r = run("legal", "check")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 qualifications", r.stdout)
        r = run("legal", "list", "--instrument", "rome", "--format", "json")
        items = {i["id"]: i for i in json.loads(r.stdout)}
        self.assertEqual(items["rome.7.1.a.e2"]["ref"], "rome.7.ctx.c4")
        r = run("legal", "show", "cah.murder")
        self.assertIn("rome.7.1.a.e1", r.stdout)
        r = run("legal", "show", "iccpr.6", "--lang", "ru")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("paraphrase", r.stdout)
        r = run("legal", "show", "rome.99")
        self.assertEqual(r.returncode, 3)
        self.assertIn("no legal item", r.stderr)


class CaseMatrixTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ok("import", os.path.join(DATA, "situation.ndjson"))

    def assess(self, *args):
        return json.loads(self.ok("assess", "--format", "json", *args))

    def test_matrix_matches_hand_computed_golden_file(self):
        with open(os.path.join(DATA, "situation.expected.json")) as f:
            expected = json.load(f)
        expected.pop("_comment")
        matrix = self.assess()
        self.assertEqual(matrix["situation"], SIT)
        self.assertIn("analytic aid", matrix["caveat"])
        for element, want in expected.items():
            self.assertEqual(projection(matrix, element), want, element)
        # The nexus element of every crime is the one shared contextual element.
        c4 = matrix["elements"]["rome.7.ctx.c4"]
        self.assertIn("rome.7.1.a.e2", c4["stands_for"])
        self.assertIn("rome.7.1.h.e5", c4["stands_for"])
        self.assertNotIn("rome.7.1.a.e2", matrix["elements"])
        # Two sources of one origin (family-1) count once.
        killing = matrix["elements"]["rome.7.1.a.e1"]
        self.assertEqual({i["origin"] for i in killing["supporting"]["items"]}, {"family-1"})
        self.assertIn("Killing: 1 independent origin of 2 wanted", killing["gaps"])
        # The policy element carries the footnote-6 caution on inaction.
        self.assertTrue(any("footnote 6" in c for c in matrix["elements"]["rome.7.ctx.c2"]["cautions"]))

    def test_workspace_criteria_override_the_standard(self):
        with open(os.path.join(self.ws, "vka.toml"), "a") as f:
            f.write("min_origins = 1\n")  # appended to the [legal] table, the file's last
        killing = self.assess()["elements"]["rome.7.1.a.e1"]
        self.assertEqual(killing["status"], "meets_criteria")
        self.assertEqual(self.assess("--standard", "reasonable_grounds")["elements"]
                         ["rome.7.1.a.e1"]["status"], "below_criteria")
        with open(os.path.join(self.ws, "vka.toml"), "a") as f:
            f.write('max_reliability = "Q"\n')
        self.assertIn("max_reliability", self.fails(2, "assess"))

    def test_one_qualification_and_text_output(self):
        matrix = self.assess("--qualification", "cah.murder")
        self.assertEqual([q["id"] for q in matrix["qualifications"]], ["cah.murder"])
        self.assertNotIn("rome.7.1.k.e1", matrix["elements"])
        text = self.ok("assess", "--qualification", "cah.torture")
        self.assertIn("no evidence yet of", text)
        self.assertIn("does not state that any crime was committed", text)

    def test_withdrawing_consent_excludes_the_source(self):
        self.ok("edit", "src_01J00000000000000000000001", "--set", "consent.withdrawn=true",
                "--reason", "the witness withdrew consent")
        killing = self.assess()["elements"]["rome.7.1.a.e1"]
        self.assertEqual(killing["supporting"]["count"], 1)
        self.assertEqual([x["reason"] for x in killing["excluded"]], ["consent withdrawn"])

    def test_decisions_are_revisions(self):
        suggestions = json.loads(self.ok("suggestions", "list", "--target", ACT_KILL,
                                         "--element", "rome.7.1.a.e1", "--format", "json"))
        self.assertEqual(len(suggestions), 1)
        sug = suggestions[0]["id"]
        self.assertEqual(suggestions[0]["status"], "suggested")
        self.assertEqual(suggestions[0]["sources"],
                         ["src_01J00000000000000000000001", "src_01J00000000000000000000002"])
        # Only accepted links count with --reviewed-only.
        before = self.assess("--reviewed-only")["elements"]["rome.7.1.a.e1"]
        self.assertEqual(before["status"], "no_evidence")
        out = self.ok("suggestion", "accept", sug, "--rationale", "death record and testimony agree")
        annotation = out.split("annotation ")[1].rstrip(")\n")
        after = self.assess("--reviewed-only")["elements"]["rome.7.1.a.e1"]
        self.assertEqual(after["supporting"]["count"], 2)
        self.assertEqual(after["links"]["accepted"], 1)
        # Rejecting later writes the next revision of the same annotation.
        self.ok("suggestion", "reject", sug, "--rationale", "victim identity in doubt")
        history = self.ok("history", annotation)
        self.assertIn("rev 2", history)
        listed = json.loads(self.ok("suggestions", "list", "--status", "rejected", "--format", "json"))
        self.assertEqual([s["id"] for s in listed], [sug])
        rejected = self.assess()["elements"]["rome.7.1.a.e1"]
        self.assertEqual(rejected["status"], "no_evidence")
        self.assertEqual(rejected["links"]["rejected"], 1)

    def test_manual_annotation_contradicting(self):
        self.ok("annotate", "add", "inf_01J00000000000000000000002", "rome.7.1.k.e1",
                "--contradicts", "--rationale", "the record shows a natural death")
        element = self.assess()["elements"]["rome.7.1.k.e1"]
        self.assertEqual(element["status"], "only_contradicting")
        self.assertEqual(element["contradicting"]["items"][0]["information"],
                         "inf_01J00000000000000000000002")

    def test_state_responsibility(self):
        sr = json.loads(self.ok("assess", "--state-responsibility", "--format", "json"))
        acts = {a["record"]: a for a in sr["acts"]}
        # Every act of the event shares the authorities' omission in it.
        self.assertEqual(set(acts), {ACT_KILL, ACT_BEAT, ACT_DETAIN, ACT_THREAT})
        for act in acts.values():
            self.assertEqual(act["omissions"], [STC])
            self.assertEqual(act["attribution"], [f"arsiwa.4: {STC}"])
            self.assertIn("iccpr.2.1", act["breaches"])
        self.assertIn("iccpr.9", acts[ACT_DETAIN]["breaches"])
        # Excluded sources (torture, withdrawn consent) are not cited.
        self.assertEqual(acts[ACT_BEAT]["sources"], ["src_01J00000000000000000000005"])
        self.assertEqual(sr["omissions"], 4)
        self.assertIn("arsiwa.36", sr["consequences"])
        self.assertIn("Attribution", self.ok("assess", "--state-responsibility"))

    def test_bad_input_changes_nothing(self):
        before = self.snapshot()
        err = self.fails(3, "suggestion", "accept", "sug_0000000000000000", "--rationale", "x")
        self.assertIn("no suggestion sug_0000000000000000", err)
        err = self.fails(3, "annotate", "add", ACT_KILL, "rome.7.1.z.e9", "--rationale", "x")
        self.assertIn("no legal element rome.7.1.z.e9", err)
        err = self.fails(2, "annotate", "add", "act_01J00000000000000000000099", "rome.7.1.a.e1",
                         "--rationale", "x")
        self.assertIn("act_01J00000000000000000000099", err)
        self.fails(3, "assess", "--qualification", "cah.genocide")
        self.fails(3, "assess", "--standard", "beyond_doubt")
        self.fails(2, "assess", "--format", "docx")
        self.fails(3, "assess", "--situation", "sit_01J00000000000000000000099")
        self.assertEqual(self.snapshot(), before)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))


class ReportTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ok("import", os.path.join(DATA, "situation.ndjson"))

    def test_pdf_dossier_has_names_in_both_scripts_and_pseudonyms(self):
        self.assertIsNotNone(shutil.which("pdftotext"), "poppler-utils is a test dependency")
        out = self.path("dossier.pdf")
        r = self.vka("report", "dossier", "--format", "pdf", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreater(pdf_pages(out), 3)
        text = pdf_text(out)
        # The public victim is named, in Armenian and Cyrillic letters.
        self.assertIn("Հովհաննիսյան", text)
        self.assertIn("Оганесян", text)
        # Victims whose records are not public are pseudonymised.
        self.assertNotIn("Test Victim One", text)
        self.assertIn("V-0001", text)
        # Matrix footnotes cite sources with locator and grades.
        self.assertIn("src_01J00000000000000000000002", text)
        self.assertIn("entry 7", text)
        # The checkpoint and how to verify.
        self.assertIn("vka log leaf", text)
        self.assertIn("does not state that any crime was committed", " ".join(text.split()))

    def test_communication_and_shadow_report(self):
        comm = self.path("communication.pdf")
        self.ok("report", "communication", "-o", comm)
        text = pdf_text(comm)
        self.assertIn("Alleged victims", text)
        self.assertIn("Response of the authorities", text)
        self.assertIn("failure_to_protect", text)
        shadow = self.path("shadow.html")
        self.ok("report", "shadow-report", "--format", "html", "-o", shadow)
        with open(shadow, encoding="utf-8") as f:
            html = f.read()
        for committee in ("Elimination of Racial Discrimination", "Committee against Torture",
                          "Human Rights Committee"):
            self.assertIn(committee, html)
        self.assertIn("icerd.2", html)
        self.assertNotIn("http://", html.replace("http://www.w3.org", ""))
        self.assertNotIn("<script", html)

    def test_assess_html_and_pdf(self):
        out = self.path("matrix.pdf")
        self.ok("assess", "--format", "pdf", "-o", out, "--qualification", "cah.murder")
        text = pdf_text(out)
        self.assertIn("Crime against humanity of murder", text)
        self.assertNotIn("Crime against humanity of torture", text)
        self.fails(2, "assess", "--format", "pdf")  # needs -o

    def test_unwritable_output_changes_nothing(self):
        before = self.snapshot()
        err = self.fails(6, "report", "dossier", "-o", self.path("missing/dir/d.pdf"))
        self.assertIn("missing/dir/d.pdf", err)
        self.fails(2, "report", "dossier", "--format", "docx", "-o", self.path("d.docx"))
        self.assertFalse(os.path.exists(self.path("d.docx")))
        self.assertEqual(self.snapshot(), before)


if __name__ == "__main__":
    unittest.main()
