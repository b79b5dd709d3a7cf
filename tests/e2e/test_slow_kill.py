"""Crash safety (issue 3, part 7): a `vka` process killed with SIGKILL at
random points of a bulk import or of an evidence ingest leaves a workspace
that passes `vka verify`, holds all or none of the import, accepts the next
write, and keeps no temporary debris after the next ingest."""
import os
import random
import sqlite3
import subprocess
import time

from vkatest import VKA, VkaTestCase


class KillTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ok("add", "situation", "--json", '{"name":"kill test (synthetic)"}')
        gen = self.path("gen")
        self.ok("gen", "--persons", "40000", "--lists", "1", "--seed", "5", "-o", gen)
        self.data = os.path.join(gen, next(f for f in os.listdir(gen) if f.endswith(".ndjson")))
        with open(self.data) as f:
            self.records = sum(1 for _ in f)

    def leaves(self):
        try:
            db = sqlite3.connect(f"file:{self.ws}/vka.db?mode=ro", uri=True, timeout=0.01)
            try:
                return db.execute("SELECT count(*) FROM log_leaves").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            return -1

    def persons(self):
        return self.ok("list", "person", "--limit", "1000000").count("\n")

    def test_killed_import_is_all_or_nothing_and_verifies(self):
        rnd = random.Random(11)
        for round_ in range(8):
            before = self.persons()
            p = subprocess.Popen([VKA, "--workspace", self.ws, "import", self.data],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_ % 2:  # right after the commit, while the log is being published
                start = self.leaves()
                while p.poll() is None and self.leaves() <= start:
                    time.sleep(0.002)
                time.sleep(rnd.uniform(0, 0.05))
            else:  # anywhere during the import
                time.sleep(rnd.uniform(0.0, 0.5))
            p.kill()
            p.wait()
            context = f"round {round_}"
            v = self.vka("verify")
            self.assertEqual(v.returncode, 0, f"{context}: verify failed:\n{v.stdout}\n{v.stderr}")
            after = self.persons()
            self.assertIn(after - before, (0, self.records), context)
            # The workspace takes the next write, and still verifies.
            self.ok("add", "situation", "--json", '{"name":"after a kill (synthetic)"}')
            self.assertEqual(self.vka("verify").returncode, 0, context)
            if after > before:
                break  # the ids exist now; later rounds would only fail as duplicates

    def test_killed_evidence_ingest_leaves_no_debris(self):
        src = self.ok("add", "source", "--json", '{"type":"testimony","title":"[SYNTHETIC] t"}')
        src = src.strip().split()[-1]
        big = self.path("video.bin")
        with open(big, "wb") as f:
            f.write(os.urandom(96 * 1024 * 1024))
        rnd = random.Random(3)
        tmp = os.path.join(self.ws, "blobs", "tmp")
        for round_ in range(4):
            p = subprocess.Popen([VKA, "--workspace", self.ws, "evidence", "add", big, "--source", src],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0.02, 0.3))
            p.kill()
            p.wait()
            self.assertEqual(self.vka("verify").returncode, 0, f"round {round_}")
        # The next ingest removes the killed writers' temporary files and stores the file.
        self.ok("evidence", "add", big, "--source", src)
        self.assertEqual(os.listdir(tmp) if os.path.isdir(tmp) else [], [])
        v = self.vka("verify")
        self.assertEqual(v.returncode, 0, v.stderr)
        self.assertIn("1 evidence files re-hashed", v.stdout + v.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
