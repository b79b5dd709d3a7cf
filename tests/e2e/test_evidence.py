"""Evidence files and their chain of custody from the command line: files are
stored once by SHA-256, read-only, copied out byte for byte, every action is
a custody event, and `vka verify` names a changed or missing file."""
import os
import re
import sqlite3
import stat
import unittest

from vkatest import VkaTestCase


class EvidenceFiles(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.source = self.ok("add", "source", "--json",
                              '{"type":"testimony","title":"[SYNTHETIC] t"}').strip()
        self.data = b"%PDF-1.4\n" + bytes(range(256)) * 4000 + b"[SYNTHETIC] end"
        self.file = self.write("statement.bin", self.data)

    def add(self, *extra):
        out = self.ok("evidence", "add", self.file, "--source", self.source, *extra)
        return out.split()[0]

    def blob_path(self, sha):
        return os.path.join(self.ws, "blobs", "sha256", sha[:2], sha[2:4], sha)

    def count(self, sql):
        db = sqlite3.connect(f"file:{os.path.join(self.ws, 'vka.db')}?mode=ro", uri=True)
        try:
            return db.execute(sql).fetchone()[0]
        finally:
            db.close()

    def test_add_show_list_get_round_trip(self):
        sha = self.add("--captured-at", "2025-11?", "--note", "first copy")
        self.assertRegex(sha, r"^[0-9a-f]{64}$")
        show = self.ok("evidence", "show", sha)
        self.assertIn(f"size: {len(self.data)}\n", show)
        self.assertIn(f"source: {self.source}\n", show)
        self.assertIn("original name: statement.bin\n", show)
        self.assertIn("captured at: 2025-11?\n", show)
        self.assertIn("mime: application/pdf\n", show)
        self.assertIn(sha, self.ok("evidence", "list", "--source", self.source))
        self.assertEqual(self.ok("evidence", "list", "--source", "src_other"), "")
        out = self.path("copy.bin")
        self.ok("evidence", "get", sha, "-o", out)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), self.data)
        chain = self.ok("custody", sha).splitlines()
        self.assertEqual(len(chain), 2)
        self.assertIn("  received  e2e", chain[0])
        self.assertIn("  copied  e2e", chain[1])

    def test_blob_is_read_only_and_deduplicated(self):
        sha = self.add()
        self.assertEqual(stat.S_IMODE(os.stat(self.blob_path(sha)).st_mode), 0o444)
        again = self.ok("evidence", "add", self.write("renamed.bin", self.data),
                        "--source", self.source)
        self.assertIn("(already stored)", again)
        blobs = [f for _, _, files in os.walk(os.path.join(self.ws, "blobs")) for f in files]
        self.assertEqual(blobs, [sha])
        self.assertEqual(self.count("SELECT count(*) FROM evidence_files"), 1)
        self.assertEqual(len(self.ok("custody", sha).splitlines()), 2)  # received twice

    def test_verify_names_changed_then_missing_file(self):
        sha = self.add()
        self.assertIn("1 evidence files re-hashed: all match", self.ok("verify"))
        path = self.blob_path(sha)
        os.chmod(path, 0o644)
        with open(path, "r+b") as f:
            f.seek(1000)
            byte = f.read(1)
            f.seek(1000)
            f.write(bytes([byte[0] ^ 0x01]))
        err = self.fails(5, "verify")
        self.assertIn(f"evidence file {sha} ('statement.bin'): file changed", err)
        self.assertIn("file changed", self.fails(5, "evidence", "get", sha, "-o",
                                                 self.path("bad.bin")))
        self.assertFalse(os.path.exists(self.path("bad.bin")))
        os.remove(path)
        err = self.fails(5, "verify")
        self.assertIn(f"evidence file {sha} ('statement.bin'): file missing", err)

    def test_bad_source_stores_nothing(self):
        before = self.snapshot()
        err = self.fails(2, "evidence", "add", self.file)
        self.assertIn("--source is required", err)
        err = self.fails(3, "evidence", "add", self.file, "--source",
                         "src_01JAAAAAAAAAAAAAAAAAAAAAAA")
        self.assertIn("no source record 'src_01JAAAAAAAAAAAAAAAAAAAAAAA'", err)
        err = self.fails(2, "evidence", "add", self.file, "--source", self.source,
                         "--captured-at", "yesterday")
        self.assertIn("--captured-at", err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.count("SELECT count(*) FROM evidence_files"), 0)

    def test_unknown_hash_is_not_found(self):
        self.assertIn("no evidence file", self.fails(3, "evidence", "show", "a" * 64))
        self.assertIn("not a SHA-256", self.fails(2, "custody", "XYZ"))


if __name__ == "__main__":
    unittest.main()
