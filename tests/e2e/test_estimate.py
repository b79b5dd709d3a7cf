"""`vka estimate`: multiple systems estimation from an overlap table (issue 6).
The tables in tests/data/estimate are synthetic (see README.txt there)."""
import json
import os
import unittest

from vkatest import SOURCE_DIR, run

DATA = os.path.join(SOURCE_DIR, "tests", "data", "estimate")
FAST_LCMCR = ["--burn-in", "500", "--samples", "200", "--thinning", "2"]


def estimate(*args):
    r = run("estimate", *args)
    return r


class Estimate(unittest.TestCase):
    def json_ok(self, *args):
        r = estimate(*args, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_two_lists_loglinear_is_lincoln_petersen(self):
        out = self.json_ok("--table", os.path.join(DATA, "two_lists.csv"), "--method", "loglinear")
        ll = out["methods"]["loglinear"]
        self.assertEqual(out["lists"], ["list_a", "list_b"])
        self.assertEqual(ll["observed"], 120)
        self.assertAlmostEqual(ll["estimate"], 80 * 60 / 20, places=6)   # Lincoln-Petersen
        self.assertAlmostEqual(ll["missing"], 240 - 120, places=6)
        self.assertAlmostEqual(ll["model"]["chapman"], 81 * 61 / 21 - 1, places=9)
        self.assertLess(ll["lower"], 240)
        self.assertGreater(ll["upper"], 240)
        self.assertEqual(ll["level"], 0.95)
        self.assertEqual(ll["model"]["terms"], [])
        self.assertIn("lower bounds", " ".join(out["caveats"]))

    def test_all_methods_report_fields(self):
        out = self.json_ok("--table", os.path.join(DATA, "four_lists.csv"), "--seed", "7",
                           *FAST_LCMCR)
        for method in ("loglinear", "lcmcr"):
            m = out["methods"][method]
            for key in ("estimate", "missing", "lower", "upper", "level", "model", "warnings"):
                self.assertIn(key, m, method)
            self.assertLessEqual(m["lower"], m["estimate"])
            self.assertLessEqual(m["estimate"], m["upper"])
            self.assertGreaterEqual(m["lower"], m["observed"])
        self.assertEqual(out["methods"]["loglinear"]["model"]["models_considered"], 64)
        lc = out["methods"]["lcmcr"]["model"]
        self.assertEqual(lc["k_star"], 10)
        self.assertIn("rhat", lc)
        self.assertIn("ess", lc)

    def test_same_seed_same_output(self):
        args = ("--table", os.path.join(DATA, "four_lists.csv"), "--method", "lcmcr",
                "--seed", "3", *FAST_LCMCR)
        self.assertEqual(self.json_ok(*args), self.json_ok(*args))

    def test_strata_are_summed(self):
        out = self.json_ok("--table", os.path.join(DATA, "four_lists_by_period.csv"),
                           "--strata", "period", "--method", "loglinear")
        self.assertEqual([s["stratum"] for s in out["strata"]], ["1988", "1990"])
        total = sum(s["methods"]["loglinear"]["estimate"] for s in out["strata"])
        self.assertAlmostEqual(out["methods"]["loglinear"]["estimate"], total, places=6)

    def test_text_output_states_the_caveats(self):
        r = estimate("--table", os.path.join(DATA, "two_lists.csv"), "--method", "loglinear")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("lower bounds", r.stdout)
        self.assertIn("assumptions", r.stdout)
        self.assertIn("240", r.stdout)

    def test_errors_name_file_line_and_column(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.csv")
            with open(bad, "w") as f:
                f.write("a,b,count\n1,0,5\n0,0,3\n")
            r = estimate("--table", bad)
            self.assertEqual(r.returncode, 2)
            self.assertIn("bad.csv:3: the all-zero pattern", r.stderr)
            r = estimate("--table", os.path.join(tmp, "missing.csv"))
            self.assertEqual(r.returncode, 6)
            self.assertIn("missing.csv", r.stderr)


if __name__ == "__main__":
    unittest.main()
