"""Mass-claims processing end to end: routing by rules kept as data (dry run
writes nothing; a bad rules file is refused naming the file and the rule),
verification by a random sample concluded with an exact bound computed here
independently, and a precedent applied to a reviewed group all or nothing.
All data SYNTHETIC."""
import json
import math
import statistics
import unittest

from vkatest import VkaTestCase


def sample_size(population, margin, confidence):
    """Normal approximation, worst case p = 0.5, finite population correction."""
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2)
    n0 = z * z * 0.25 / (margin * margin)
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def binomial_cdf(k, n, p):
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k + 1))


def clopper_pearson_upper(errors, n, confidence):
    """The p at which P(X <= errors | n, p) = 1 - confidence, by bisection."""
    if errors >= n:
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(100):
        mid = (low + high) / 2
        if binomial_cdf(errors, n, mid) > 1 - confidence:
            low = mid
        else:
            high = mid
    return (low + high) / 2


class ClaimsMass(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def setUp(self):
        super().setUp()
        self.claimants = 0
        self.house = self.add("property", {
            "type": "dwelling", "address": "Synthetic street 1",
            "tenure": {"type": "occupancy_right", "documents": ["occupancy_order"]}, "remarks": "SYNTHETIC"})

    def person(self):
        """A new claimant, so that no two claims overlap (an overlap routes a
        claim to individual review)."""
        i = self.claimants
        self.claimants += 1
        syllables = ["ba", "de", "lo", "mu", "ri", "go"]  # one per phonetic class
        given = "".join(syllables[i // 36 % 6] + syllables[i // 6 % 6] + syllables[i % 6]).capitalize()
        return {"names": [{"value": given, "part": "given"}, {"value": "Synthetic", "part": "family"}],
                "birth": f"{1920 + i}-03-{i % 28 + 1:02d}", "remarks": "SYNTHETIC"}

    def claim(self, amount=1000, currency="USD", year=2024, documented=False, **extra):
        body = {"claimant": self.add("person", self.person()), "forms": ["compensation_material"],
                "amounts": [{"form": "compensation_material", "amount": amount, "currency": currency,
                             "year": year}],
                "remarks": "SYNTHETIC"}
        if documented:
            body["harms"] = [self.house]
        body.update(extra)
        return self.ok("claim", "add", "--json", json.dumps(body)).strip()

    def bulk(self, count, status):
        """Imports `count` claims of new claimants at once; returns their ids."""
        digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
        lines, ids = [], []
        for i in range(count):
            suffix = digits[i // 32] + digits[i % 32]
            pid, cid = "per_01ARYZ6S41TSV4RRFFQ69G" + suffix + "PP", "clm_01ARYZ6S41TSV4RRFFQ69G" + suffix + "CC"
            lines.append(json.dumps(dict(self.person(), kind="person", id=pid)))
            lines.append(json.dumps({"kind": "claim", "id": cid, "claimant": pid, "status": status,
                                     "forms": ["compensation_material"],
                                     "amounts": [{"form": "compensation_material", "amount": 100 + i,
                                                  "currency": "USD", "year": 2024}],
                                     "remarks": "SYNTHETIC"}))
            ids.append(cid)
        self.ok("import", self.write("claims.ndjson", "\n".join(lines) + "\n"))
        return ids

    def body(self, cid):
        return json.loads(self.ok("claim", "show", cid, "--format", "json"))

    # ---- routing ----

    def test_route_writes_revisions_and_dry_run_writes_nothing(self):
        documented = self.claim(documented=True, status="submitted")
        plain = self.claim(status="submitted")
        big = self.claim(amount=300000)
        before = self.snapshot()
        out = self.ok("claims", "route", "--dry-run", "--reason", "SYNTHETIC trial")
        self.assertIn("3 claims would change track; dry run, nothing written", out)
        self.assertEqual(before, self.snapshot())

        report = json.loads(self.ok("claims", "route", "--reason", "SYNTHETIC first routing", "--format", "json"))
        self.assertEqual(report["by_track"], {"expedited": 1, "standard": 1, "individual_review": 1})
        self.assertEqual(report["by_rule"], {"documented_dwelling": 1, "default": 1, "high_value": 1})
        self.assertEqual(report["rules_version"], "2026-11-1")
        self.assertTrue(report["written"])
        for cid, track, rule in ((documented, "expedited", "documented_dwelling"), (plain, "standard", "default"),
                                 (big, "individual_review", "high_value")):
            body = self.body(cid)
            self.assertEqual(body["track"], track)
            self.assertEqual(body["routing"], {"rule": rule, "rules": "built-in", "rules_version": "2026-11-1"})
            history = self.ok("claim", "history", cid)
            self.assertEqual(history.count("rev "), 2)
            self.assertIn("\"SYNTHETIC first routing\"", history)

        # Nothing changes the second time; routing fields are not hand-editable.
        after = self.snapshot()
        self.assertIn("0 claims changed track", self.ok("claims", "route", "--reason", "again"))
        self.assertEqual(after, self.snapshot())
        self.assertIn("vka claims route", self.fails(2, "claim", "edit", plain, "--set", "routing={\"rule\":\"x\"}",
                                                     "--reason", "cheat"))
        self.fails(2, "claims", "route", "--status", "nonsense", "--reason", "x")
        self.ok("verify")

    def test_route_with_a_rules_file_and_only_some_statuses(self):
        submitted = self.claim(status="submitted")
        draft = self.claim()
        rules = self.write("rules.toml", 'version = "test-1"\n[[rule]]\nname = "everything"\n'
                                         'track = "individual_review"\n')
        out = self.ok("claims", "route", "--rules", rules, "--status", "submitted", "--reason", "SYNTHETIC")
        self.assertIn("everything: 1", out)
        self.assertEqual(self.body(submitted)["routing"],
                         {"rule": "everything", "rules": rules, "rules_version": "test-1"})
        self.assertNotIn("track", self.body(draft))

    def test_bad_rules_file_is_refused_naming_file_and_rule(self):
        self.claim()
        before = self.snapshot()
        bad_track = self.write("bad_track.toml", 'version = "x"\n[[rule]]\nname = "first"\ntrack = "standard"\n'
                                                 'min_evidence = 3\n[[rule]]\nname = "quick"\ntrack = "fast"\n')
        err = self.fails(2, "claims", "route", "--rules", bad_track, "--reason", "x")
        self.assertIn(bad_track + ": rule[1] \"quick\": track: unknown claim_track code \"fast\"", err)
        unknown = self.write("unknown.toml", '[[rule]]\nname = "r"\ntrack = "standard"\nmin_evidense = 1\n')
        err = self.fails(2, "claims", "route", "--rules", unknown, "--reason", "x")
        self.assertIn(unknown + ": rule[0]: unknown condition \"min_evidense\"", err)
        bad_form = self.write("bad_form.toml", '[[rule]]\nname = "d"\ntrack = "standard"\nforms_within = ["cash"]\n')
        err = self.fails(2, "claims", "route", "--rules", bad_form, "--reason", "x")
        self.assertIn(bad_form + ": rule[0] \"d\": forms_within", err)
        no_default = self.write("no_default.toml", '[[rule]]\nname = "only"\ntrack = "standard"\nmin_evidence = 5\n')
        err = self.fails(3, "claims", "route", "--rules", no_default, "--reason", "x")
        self.assertIn("no rule matches clm_", err)
        err = self.fails(3, "claims", "route", "--rules", self.path("missing.toml"), "--reason", "x")
        self.assertIn("missing.toml", err)
        self.assertEqual(before, self.snapshot())

    # ---- sampling ----

    def test_sample_draw_record_and_conclude(self):
        population = 40
        claims = self.bulk(population, "verified")
        self.ok("claims", "route", "--status", "verified", "--reason", "SYNTHETIC routing")
        draw = ["claims", "sample", "draw", "--track", "standard", "--margin", "0.2", "--confidence", "0.9",
                "--seed", "7", "--reason", "SYNTHETIC quarterly check", "--format", "json"]
        before = self.snapshot()
        trial = json.loads(self.ok(*draw, "--dry-run"))
        self.assertEqual(before, self.snapshot())
        n = sample_size(population, 0.2, 0.9)
        self.assertEqual(trial["population_size"], population)
        self.assertEqual(len(trial["claims"]), n)
        drawn = json.loads(self.ok(*draw))
        self.assertEqual(drawn["claims"], trial["claims"])  # the seed reproduces the sample
        self.assertTrue(set(drawn["claims"]) <= set(claims))
        sid = drawn["sample"]
        self.assertRegex(sid, r"^smp_")
        other = json.loads(self.ok(*draw[:-6], "--seed", "8", "--reason", "x", "--format", "json", "--dry-run"))
        self.assertNotEqual(other["claims"], drawn["claims"])

        entry = self.body(drawn["claims"][0])["verifications"][0]
        self.assertEqual({k: entry[k] for k in ("sample", "population", "population_size", "size", "seed")},
                         {"sample": sid, "population": "track=standard", "population_size": population,
                          "size": n, "seed": 7})

        err = self.fails(3, "claims", "sample", "conclude", sid)
        self.assertIn(f"{n} of {n} claims have no finding yet", err)
        errors = 2
        for i, cid in enumerate(drawn["claims"][:-1]):
            self.ok("claims", "sample", "record", sid, cid, "--result", "error" if i < errors else "correct",
                    "--reason", "SYNTHETIC re-examined")
        err = self.fails(3, "claims", "sample", "conclude", sid)
        self.assertIn("1 of", err)
        self.assertIn(drawn["claims"][-1], err)
        not_drawn = next(c for c in claims if c not in drawn["claims"])
        self.fails(3, "claims", "sample", "record", sid, not_drawn, "--result", "correct", "--reason", "x")
        self.ok("claims", "sample", "record", sid, drawn["claims"][-1], "--result", "correct", "--reason", "ok")
        self.fails(3, "claims", "sample", "record", sid, drawn["claims"][0], "--result", "correct",
                   "--reason", "overwrite")

        result = json.loads(self.ok("claims", "sample", "conclude", sid, "--format", "json"))
        bound = clopper_pearson_upper(errors, n, 0.9)
        self.assertEqual((result["errors"], result["checked"]), (errors, n))
        self.assertAlmostEqual(result["point_estimate"], errors / n, places=12)
        self.assertAlmostEqual(result["upper_bound"], bound, places=6)
        text = self.ok("claims", "sample", "conclude", sid)
        self.assertIn(f"with 90.00% confidence the error rate of the {population} claims of track standard "
                      f"is at most {result['upper_bound'] * 100:.2f}%", text)  # = bound, to 1e-6
        higher = json.loads(self.ok("claims", "sample", "conclude", sid, "--confidence", "0.99", "--format", "json"))
        self.assertAlmostEqual(higher["upper_bound"], clopper_pearson_upper(errors, n, 0.99), places=6)
        self.assertIn("2 errors", text)
        self.ok("verify")

    def test_sample_refuses_empty_and_undefined_populations(self):
        self.claim()
        before = self.snapshot()
        self.assertIn("--track", self.fails(2, "claims", "sample", "draw", "--reason", "x"))
        self.assertIn("no claims with track=expedited",
                      self.fails(3, "claims", "sample", "draw", "--track", "expedited", "--reason", "x"))
        self.fails(2, "claims", "sample", "draw", "--status", "draft", "--margin", "2", "--reason", "x")
        self.fails(3, "claims", "sample", "conclude", "smp_none")
        self.assertEqual(before, self.snapshot())

    # ---- precedents ----

    def decided(self):
        return self.claim(amount=20000, currency="SUR", year=1990, documented=True, status="partly_granted",
                          decision={"date": "2026-05-01", "reasons": "SYNTHETIC occupancy order verified",
                                    "legal_basis": ["pinheiro.2", "pinheiro.15.8"],
                                    "awards": [{"form": "compensation_material", "amount": 10000,
                                                "currency": "SUR", "year": 1990}]})

    def test_precedent_review_then_apply(self):
        precedent = self.decided()
        a = self.claim(amount=30000, currency="SUR", year=1990, documented=True, status="verified")
        b = self.claim(amount=1000, status="verified")
        before = self.snapshot()
        out = self.ok("claims", "precedent", "apply", "--precedent", precedent, "--to", f"{a},{b}",
                      "--reason", "SYNTHETIC same facts as the precedent")
        self.assertIn(f"{a} → partly_granted  awards compensation_material:15000:SUR:1990", out)
        self.assertIn(f"{b} → partly_granted  awards compensation_material:500:USD:2024", out)
        self.assertIn("repeat with --yes", out)
        self.assertEqual(before, self.snapshot())

        out = self.ok("claims", "precedent", "apply", "--precedent", precedent, "--to", a, "--to", b, "--yes",
                      "--reason", "SYNTHETIC same facts as the precedent")
        self.assertIn("2 claims decided", out)
        for cid, award in ((a, {"form": "compensation_material", "amount": 15000, "currency": "SUR", "year": 1990}),
                           (b, {"form": "compensation_material", "amount": 500, "currency": "USD", "year": 2024})):
            body = self.body(cid)
            self.assertEqual(body["status"], "partly_granted")
            self.assertEqual(body["decision"]["precedent"], precedent)
            self.assertEqual(body["decision"]["legal_basis"], ["pinheiro.2", "pinheiro.15.8"])
            self.assertEqual(body["decision"]["reasons"], "SYNTHETIC same facts as the precedent")
            self.assertEqual(body["decision"]["awards"], [award])
            self.assertIn("status: \"verified\" → \"partly_granted\"", self.ok("claim", "history", cid))
        self.ok("verify")

    def test_precedent_refused_when_a_target_is_not_verified(self):
        precedent = self.decided()
        ready = self.claim(status="verified")
        early = self.claim(status="submitted")
        before = self.snapshot()
        err = self.fails(3, "claims", "precedent", "apply", "--precedent", precedent, "--to", f"{ready},{early}",
                         "--yes", "--reason", "SYNTHETIC")
        self.assertIn("nothing was written", err)
        self.assertIn(f"{early}: is submitted, not verified", err)
        self.assertNotIn(f"{ready}:", err)
        err = self.fails(3, "claims", "precedent", "apply", "--precedent", ready, "--to", early, "--yes",
                         "--reason", "SYNTHETIC")
        self.assertIn("not decided", err)
        self.assertEqual(before, self.snapshot())


if __name__ == "__main__":
    unittest.main()
