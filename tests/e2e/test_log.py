"""The transparency log from the command line: every revision is a leaf, the
checkpoint is signed, proofs are served, and `vka verify` names the first
thing that was altered."""
import os
import re
import sqlite3
import unittest

from vkatest import VkaTestCase


class TransparencyLog(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ids = [self.ok("add", "place", "--json",
                            '{"names":[{"value":"Fictional place %d"}]}' % i).strip()
                    for i in range(5)]
        self.ok("edit", self.ids[0], "--set", "type=city", "--reason", "checked")

    def test_checkpoint_key_and_proofs(self):
        key = self.ok("log", "key").strip()
        self.assertRegex(key, r"^vka\.invalid/log/[0-9a-z]{26}\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$")
        checkpoint = self.ok("log", "checkpoint")
        lines = checkpoint.split("\n")
        self.assertEqual(lines[0], key.split("+")[0])
        self.assertEqual(lines[1], "6")
        self.assertTrue(lines[4].startswith("— " + lines[0] + " "))
        proof = self.ok("log", "proof", "--index", "3")
        self.assertIn("index 3\nsize 6\n", proof)
        self.assertIn("old 2 ", self.ok("log", "consistency", "--old", "2"))
        leaf = self.ok("log", "leaf", self.ids[0])
        self.assertIn(f"{self.ids[0]}@2 is committed by log leaf 5", leaf)
        self.assertIn("not below the size", self.fails(2, "log", "proof", "--index", "6"))
        self.assertIn("every revision's commitment matches", self.ok("verify"))

    def test_altered_revision_body_is_found(self):
        db = sqlite3.connect(os.path.join(self.ws, "vka.db"))
        db.execute("DROP TRIGGER revisions_no_update")
        db.execute("UPDATE revisions SET body = replace(body, 'place 3', 'place 9') "
                   "WHERE id = ?", (self.ids[3],))
        db.commit()
        db.close()
        self.assertIn("tiles ok", self.ok("verify", "--quick"))  # the log itself is intact
        err = self.fails(5, "verify")
        self.assertIn(f"revision {self.ids[3]}@1: body or salt altered", err)

    def test_removed_revision_is_found(self):
        db = sqlite3.connect(os.path.join(self.ws, "vka.db"))
        db.execute("DROP TRIGGER revisions_no_delete")
        db.execute("DELETE FROM revisions WHERE id = ? AND rev = 1", (self.ids[0],))
        db.commit()
        db.close()
        self.assertIn("revision removed", self.fails(5, "verify"))

    def test_altered_tile_and_truncated_log_are_found(self):
        tile = os.path.join(self.ws, "log", "tile", "0", "000.p", "6")
        with open(tile, "r+b") as f:
            f.seek(70)
            byte = f.read(1)
            f.seek(70)
            f.write(bytes([byte[0] ^ 1]))
        err = self.fails(5, "verify", "--quick")
        self.assertIn("tile", err)
        with open(tile, "r+b") as f:
            f.seek(70)
            f.write(byte)
        self.ok("verify")
        os.remove(os.path.join(self.ws, "log", "tile", "entries", "000.p", "6"))
        self.assertIn("entry bundle", self.fails(5, "verify", "--quick"))

    def test_forged_checkpoint_is_found(self):
        path = os.path.join(self.ws, "log", "checkpoint")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r"\n6\n", "\n7\n", text, count=1))
        self.assertIn("checkpoint", self.fails(5, "verify", "--quick"))


if __name__ == "__main__":
    unittest.main()
