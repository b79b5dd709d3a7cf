"""An MSE estimate kept with a situation (`vka estimate --keep-for`) is shown
beside the documented counts by `vka stats` (text and JSON), with the same
figures `vka estimate` prints; it is withheld from viewers; bad requests keep
nothing."""
import json
import os
import subprocess
import unittest

from vkatest import VkaTestCase

# A SYNTHETIC three-list overlap table (patterns of lists A, B, C).
TABLE = "A,B,C,count\n1,0,0,120\n0,1,0,95\n0,0,1,80\n1,1,0,40\n1,0,1,33\n0,1,1,28\n1,1,1,12\n"


class KeptEstimate(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.sit = self.ok("add", "situation", "--json",
                           json.dumps({"name": "SYNTHETIC situation for estimates"})).strip()
        self.table = self.write("overlap.csv", TABLE)
        self.kept = os.path.join(self.ws, "estimates", self.sit + ".json")

    def stats(self, *args):
        return json.loads(self.ok("stats", "--situation", self.sit, "--format", "json", *args))

    def keep(self, *args):
        return self.ok("estimate", "--table", self.table, "--method", "loglinear",
                       "--keep-for", self.sit, "--counts", "SYNTHETIC persons killed", *args)

    def test_stats_has_no_estimate_until_one_is_kept(self):
        self.assertIsNone(self.stats()["estimate"])
        self.assertNotIn("Estimate kept", self.ok("stats", "--situation", self.sit))

    def test_kept_estimate_matches_the_estimate_command(self):
        self.keep()
        alone = json.loads(self.ok("estimate", "--table", self.table, "--method", "loglinear",
                                   "--format", "json"))
        kept = self.stats()["estimate"]
        self.assertEqual(kept["result"], alone)
        self.assertEqual(kept["counts"], "SYNTHETIC persons killed")
        self.assertEqual(kept["situation"], self.sit)
        self.assertEqual(kept["table"]["file"], "overlap.csv")
        import hashlib
        self.assertEqual(kept["table"]["sha256"], hashlib.sha256(TABLE.encode()).hexdigest())
        observed = alone["methods"]["loglinear"]["observed"]
        self.assertEqual(observed, 408)  # the sum of the counts
        text = self.ok("stats", "--situation", self.sit)
        estimate = alone["methods"]["loglinear"]["estimate"]
        self.assertIn("Estimate kept with this situation", text)
        self.assertIn(f"documented 408, estimated {estimate:.0f}", text)
        self.assertIn("lower bounds", text)

    def test_roles(self):
        self.keep()
        for role in ("viewer", "documenter"):  # they may not read restricted records
            self.assertIsNone(self.stats("--role", role)["estimate"], role)
        for role in ("reviewer", "lawyer", "admin"):
            self.assertIsNotNone(self.stats("--role", role)["estimate"], role)

    def test_a_second_estimate_replaces_the_first(self):
        self.keep()
        self.ok("estimate", "--table", self.table, "--method", "loglinear", "--keep-for",
                self.sit, "--counts", "SYNTHETIC persons displaced")
        self.assertEqual(self.stats()["estimate"]["counts"], "SYNTHETIC persons displaced")
        self.assertEqual(os.listdir(os.path.dirname(self.kept)), [self.sit + ".json"])

    def test_bad_requests_keep_nothing(self):
        before = self.snapshot()
        other = "sit_01HK153X00AF7JWVN4W79M1CD4"
        err = self.fails(3, "estimate", "--table", self.table, "--keep-for", other,
                         "--counts", "x")
        self.assertIn("no situation " + other, err)
        err = self.fails(2, "estimate", "--table", self.table, "--keep-for", self.sit)
        self.assertIn("--keep-for and --counts go together", err)
        err = self.fails(2, "estimate", "--table", self.table, "--keep-for", self.sit,
                         "--counts", "bad\tlabel")
        self.assertIn("--counts", err)
        bad = self.write("bad.csv", "A,B,count\n1,0,x\n")
        err = self.fails(2, "estimate", "--table", bad, "--keep-for", self.sit, "--counts", "x")
        self.assertIn("bad.csv", err)
        self.assertFalse(os.path.exists(self.kept))
        self.assertEqual(self.snapshot(), before)

    def test_chart_of_the_kept_estimate(self):
        out = self.path("estimate.pdf")
        err = self.fails(3, "chart", "estimate", "--situation", self.sit, "-o", out)
        self.assertIn("no estimate kept with " + self.sit, err)
        self.assertFalse(os.path.exists(out))
        self.keep()
        self.ok("chart", "estimate", "--situation", self.sit, "-o", out)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", out, "-"], capture_output=True,
                              text=True, check=True).stdout
        m = self.stats()["estimate"]["result"]["methods"]["loglinear"]
        self.assertIn("SYNTHETIC situation for estimates \u00b7 SYNTHETIC persons killed", text)
        self.assertIn("408", text)  # documented
        self.assertIn(f"{m['estimate']:.0f} [{m['lower']:.0f}\u2013{m['upper']:.0f}]", text)
        r = self.vka("chart", "estimate", "--situation", self.sit, "--role", "viewer", "-o", out)
        self.assertEqual(r.returncode, 3, r.stderr)  # withheld from viewers

    def test_a_damaged_kept_estimate_is_reported(self):
        self.keep()
        with open(self.kept, "w") as f:
            f.write('{"format": "something else"}')
        r = self.vka("stats", "--situation", self.sit)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(self.sit + ".json", r.stderr)


if __name__ == "__main__":
    unittest.main()
