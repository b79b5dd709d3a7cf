"""The audit trail: `vka audit` filters, its entries cannot be changed or
removed, each is a log leaf that reveals nothing, and `vka verify` finds an
entry altered or removed behind vka's back."""
import json
import os
import sqlite3
import unittest

from vkatest import VkaTestCase

PASSWORD = "correct horse battery (synthetic)"


class Audit(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ok("user", "add", "ana", "--role", "admin", "--password-stdin", input=PASSWORD)
        self.ok("user", "add", "ben", "--role", "viewer", "--password-stdin", input=PASSWORD)
        self.ok("--actor", "carol", "user", "disable", "ben")

    def entries(self, *args):
        return json.loads(self.ok("audit", "--format", "json", *args))

    def db(self):
        return sqlite3.connect(os.path.join(self.ws, "vka.db"))

    def test_lists_entries_oldest_first_in_text_and_json(self):
        entries = self.entries()
        self.assertEqual([(e["seq"], e["actor"], e["action"], e["target"]) for e in entries],
                         [(1, "cli:e2e", "user.add", "ana"), (2, "cli:e2e", "user.add", "ben"),
                          (3, "cli:carol", "user.disable", "ben")])
        self.assertEqual(entries[0]["detail"], "role admin")
        self.assertRegex(entries[0]["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        lines = self.ok("audit").splitlines()
        self.assertEqual(len(lines), 3)
        self.assertRegex(lines[2], r"^3  \S+Z  cli:carol  user\.disable  ben  -$")
        self.assertRegex(lines[0], r"^1  \S+Z  cli:e2e  user\.add  ana  -  role admin$")

    def test_filters(self):
        self.assertEqual(len(self.entries("--actor", "cli:carol")), 1)
        self.assertEqual(len(self.entries("--action", "user.add")), 2)
        self.assertEqual(len(self.entries("--action", "user")), 3)
        self.assertEqual(len(self.entries("--action", "login")), 0)
        self.assertEqual([e["seq"] for e in self.entries("--target", "ben")], [2, 3])
        self.assertEqual([e["seq"] for e in self.entries("--limit", "1")], [3])
        self.assertEqual(len(self.entries("--limit", "0")), 3)
        self.assertEqual(self.entries("--since", "2999-01-01"), [])
        self.assertEqual(len(self.entries("--since", "2000-01-01T00:00:00Z")), 3)

    def test_bad_flags_fail_clearly(self):
        self.assertIn("--since \"last week\" is not a UTC time",
                      self.fails(2, "audit", "--since", "last week"))
        self.fails(2, "audit", "--format", "xml")
        self.fails(2, "audit", "--limit", "-1")

    def test_entries_cannot_be_changed_or_removed(self):
        db = self.db()
        with self.assertRaisesRegex(sqlite3.IntegrityError, "audit entries are immutable"):
            db.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 1")
        with self.assertRaisesRegex(sqlite3.IntegrityError, "audit entries are immutable"):
            db.execute("DELETE FROM audit WHERE seq = 3")
        db.close()
        self.assertEqual(len(self.entries()), 3)

    def test_each_entry_is_a_log_leaf_that_reveals_nothing(self):
        db = self.db()
        leaves = db.execute("SELECT seq, entry, ref FROM log_leaves ORDER BY seq").fetchall()
        db.close()
        self.assertEqual([ref for _, _, ref in leaves], ["audit:1", "audit:2", "audit:3"])
        for _, entry, _ in leaves:
            self.assertEqual(len(entry), 33)
            self.assertEqual(entry[0], 0x04)
            self.assertNotIn(b"ben", entry)
        checkpoint = self.ok("log", "checkpoint").split("\n")
        self.assertEqual(checkpoint[1], "3")
        self.assertIn("3 audit entries: each matches its log leaf", self.ok("verify"))

    def test_verify_finds_an_altered_entry(self):
        db = self.db()
        db.execute("DROP TRIGGER audit_no_update")
        db.execute("UPDATE audit SET actor = 'cli:someone' WHERE seq = 3")
        db.commit()
        db.close()
        self.assertIn("audit entry 3: altered", self.fails(5, "verify"))

    def test_verify_finds_a_removed_entry(self):
        db = self.db()
        db.execute("DROP TRIGGER audit_no_delete")
        db.execute("DELETE FROM audit WHERE seq = 2")
        db.commit()
        db.close()
        self.assertIn("audit entry removed", self.fails(5, "verify"))


if __name__ == "__main__":
    unittest.main()
