"""Recording the chain of custody by hand (`vka custody record`): every action
of the vocabulary is one custody_event revision and one log leaf, the chain
prints in order with actor, purpose and counterpart, a refused action leaves
the workspace unchanged, and `vka verify` passes. All data SYNTHETIC."""
import sqlite3
import os
import unittest

from vkatest import VkaTestCase


class CustodyActions(VkaTestCase):
    # "Today" for vka (base/clock.h) when the file is received: before the
    # dated actions below, which are recorded on a later "today".
    TODAY = "2026-01-02T09:00:00.000Z"

    def setUp(self):
        self._saved_now = os.environ.get("VKA_FAKE_NOW")
        os.environ["VKA_FAKE_NOW"] = self.TODAY
        super().setUp()
        self.source = self.ok("add", "source", "--json",
                              '{"type":"document","title":"[SYNTHETIC] letters"}').strip()
        file = self.write("letter.txt", "[SYNTHETIC] a letter\n")
        self.sha = self.ok("evidence", "add", file, "--source", self.source).split()[0]

    def tearDown(self):
        if self._saved_now is None:
            os.environ.pop("VKA_FAKE_NOW", None)
        else:
            os.environ["VKA_FAKE_NOW"] = self._saved_now
        super().tearDown()

    def leaves(self):
        db = sqlite3.connect(f"file:{os.path.join(self.ws, 'vka.db')}?mode=ro", uri=True)
        try:
            return db.execute("SELECT COUNT(*) FROM log_leaves").fetchone()[0]
        finally:
            db.close()

    def record(self, action, *extra):
        return self.ok("custody", "record", self.sha, "--action", action,
                       "--reason", "entered from the paper register", *extra).strip()

    def test_each_action_is_recorded_in_order_and_logged(self):
        org = self.ok("add", "organization", "--json",
                      '{"names":[{"value":"[SYNTHETIC] Regional Archive"}]}').strip()
        steps = [
            ("accessed", "2026-01-05", ["--purpose", "review for translation"]),
            ("copied", "2026-01-06", ["--purpose", "working copy", "--actor", "translator-1"]),
            ("exported", "2026-01-07", ["--purpose", "disclosure package"]),
            ("transferred", "2026-01-08", ["--purpose", "safekeeping", "--counterpart", org]),
            ("returned", "2026-01-09", ["--counterpart", "[SYNTHETIC] Regional Archive"]),
        ]
        os.environ["VKA_FAKE_NOW"] = "2026-01-10T09:00:00.000Z"  # the actions come later
        ids = []
        for action, date, extra in steps:
            before = self.leaves()
            ids.append(self.record(action, "--at", date, *extra))
            self.assertRegex(ids[-1], r"^cus_[0-9A-Z]{26}$")
            self.assertEqual(self.leaves(), before + 1, action)  # one leaf per event
        chain = self.ok("custody", self.sha).splitlines()
        self.assertEqual(len(chain), 6)
        # By date: the receipt "today" (2026-01-02), then the recorded actions.
        self.assertEqual([line.split()[1] for line in chain],
                         ["received", "accessed", "copied", "exported", "transferred", "returned"])
        self.assertTrue(chain[0].startswith("2026-01-02  received  e2e"), chain[0])
        self.assertEqual(chain[1], f"2026-01-05  accessed  e2e  (review for translation)  {ids[0]}")
        self.assertEqual(chain[2], f"2026-01-06  copied  translator-1  (working copy)  {ids[1]}")
        self.assertEqual(chain[4],
                         f"2026-01-08  transferred  e2e  counterpart: {org}  (safekeeping)  {ids[3]}")
        self.assertIn("counterpart: [SYNTHETIC] Regional Archive", chain[5])
        # The revision keeps who entered it and why.
        history = self.ok("history", ids[1])
        self.assertIn("e2e", history)
        self.assertIn("entered from the paper register", history)
        self.assertIn("all match", self.ok("verify"))

    def test_refused_actions_leave_the_workspace_unchanged(self):
        before = self.snapshot()
        cases = [
            (2, ["custody", "record", self.sha, "--action", "lost", "--reason", "r"],
             "action: unknown custody_action code \"lost\""),
            (3, ["custody", "record", "0" * 64, "--action", "accessed", "--reason", "r"],
             "no evidence file"),
            (2, ["custody", "record", "XYZ", "--action", "accessed", "--reason", "r"],
             "not a SHA-256"),
            (2, ["custody", "record", self.sha, "--action", "transferred", "--reason", "r"],
             "counterpart: required"),
            (2, ["custody", "record", self.sha, "--action", "accessed", "--at", "2026-13-01",
                 "--reason", "r"], "date:"),
            (2, ["custody", "record", self.sha, "--action", "accessed", "--at", "2026-01-03",
                 "--reason", "r"], "after today (2026-01-02)"),
            (2, ["custody", "record", self.sha, "--action", "transferred", "--counterpart",
                 self.source, "--reason", "r"], "not a person or organization"),
            (2, ["custody", "record", self.sha, "--action", "accessed"], "--reason"),
        ]
        for code, args, message in cases:
            self.assertIn(message, self.fails(code, *args), args)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(len(self.ok("custody", self.sha).splitlines()), 1)

    def test_evidence_get_records_a_copy(self):
        self.ok("evidence", "get", self.sha, "-o", self.path("out.txt"), "--purpose", "court")
        chain = self.ok("custody", self.sha).splitlines()
        self.assertEqual(len(chain), 2)
        self.assertIn("  copied  e2e  (court)", chain[1])

    def test_custody_without_a_hash_says_what_to_give(self):
        self.assertIn("vka custody record HASH", self.fails(2, "custody"))


if __name__ == "__main__":
    unittest.main()
