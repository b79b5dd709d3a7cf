"""The checkpoint history: every checkpoint the workspace publishes is kept
as log/checkpoints/<size>, `vka log checkpoint --size N` prints one, and
`vka verify` (full and --quick) checks each one against the log, naming the
damage: a bad signature, a checkpoint over another root (a different
history), or a log now shorter than a stored checkpoint (log truncated)."""
import base64
import os
import re
import shutil
import sqlite3
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vkatest import VkaTestCase


class CheckpointHistory(VkaTestCase):
    def setUp(self):
        super().setUp()
        for i in range(4):  # one publication each
            self.ok("add", "place", "--json", '{"names":[{"value":"[SYNTHETIC] Place %d"}]}' % i)
        self.history = os.path.join(self.ws, "log", "checkpoints")
        self.sizes = sorted(int(n) for n in os.listdir(self.history))
        self.latest = self.sizes[-1]
        self.old = self.sizes[-3]  # an older checkpoint

    def stored(self, size):
        return os.path.join(self.history, str(size))

    def read(self, path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    def write_text(self, path, text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def forge(self, size, root):
        """A checkpoint signed with the workspace's own key (keys/log.key,
        docs/formats/log.md §6) over any root: what an insider could make."""
        _, _, name, key_id, seed_b64 = self.read(os.path.join(self.ws, "keys", "log.key")).strip().split("+", 4)
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed_b64)[1:])
        text = f"{name}\n{size}\n{base64.b64encode(root).decode()}\n".encode()
        blob = bytes.fromhex(key_id) + key.sign(text)
        return text.decode() + "\n— " + name + " " + base64.b64encode(blob).decode() + "\n"

    def root_of(self, size):
        return base64.b64decode(self.read(self.stored(size)).split("\n")[2])

    def both_fail(self, message):
        for args in (("verify",), ("verify", "--quick")):
            err = self.fails(5, *args)
            self.assertIn(message, err, args)

    def test_every_publication_is_kept_and_verified(self):
        self.assertGreaterEqual(len(self.sizes), 4)
        self.assertEqual(self.read(self.stored(self.latest)),
                         self.read(os.path.join(self.ws, "log", "checkpoint")))
        self.assertEqual(self.ok("log", "checkpoint", "--size", str(self.old)),
                         self.read(self.stored(self.old)))
        self.assertEqual(self.read(self.stored(self.old)).split("\n")[1], str(self.old))
        summary = f"{len(self.sizes)} stored checkpoints (sizes {self.sizes[0]} to {self.latest})"
        self.assertIn(summary, self.ok("verify"))
        self.assertIn(summary, self.ok("verify", "--quick"))
        err = self.fails(3, "log", "checkpoint", "--size", str(self.latest + 5))
        self.assertIn(f"no checkpoint of size {self.latest + 5} is stored under log/checkpoints/ "
                      f"(stored sizes nearest to {self.latest + 5}: {self.latest})", err)
        self.assertEqual([n for n in os.listdir(self.history) if n.startswith(".")], [])

    def test_flipped_signature_byte_in_an_old_checkpoint(self):
        path = self.stored(self.old)
        note = self.read(path)
        sig_line = note.rstrip("\n").split("\n")[-1]
        prefix, sig = sig_line.rsplit(" ", 1)
        raw = bytearray(base64.b64decode(sig))
        raw[20] ^= 0x01  # in the Ed25519 signature, after the 4-byte key id
        self.write_text(path, note.replace(sig_line, prefix + " " + base64.b64encode(bytes(raw)).decode()))
        self.both_fail(f"log/checkpoints/{self.old}: bad signature")
        err = self.fails(5, "log", "checkpoint", "--size", str(self.old))
        self.assertIn(f"log/checkpoints/{self.old}: bad signature", err)

    def test_old_checkpoint_signed_over_another_root(self):
        real = self.root_of(self.old)
        other = bytes([real[0] ^ 0xFF]) + real[1:]
        self.write_text(self.stored(self.old), self.forge(self.old, other))
        self.both_fail(f"checkpoint of size {self.old} (log/checkpoints/{self.old}) is not "
                       f"consistent with the log: root {other.hex()} vs {real.hex()} "
                       "(a different history)")

    def test_checkpoint_under_another_name(self):
        os.rename(self.stored(self.old), self.stored(self.old + 100))  # beyond the log
        self.both_fail(f"log/checkpoints/{self.old + 100}: holds a checkpoint of size {self.old}")

    def test_log_truncated_below_a_stored_checkpoint(self):
        # Roll the log back: the database loses its newer leaves and an older,
        # validly signed checkpoint replaces the latest.
        keep = self.sizes[-2]
        db = sqlite3.connect(os.path.join(self.ws, "vka.db"))
        db.execute("DROP TRIGGER log_leaves_no_delete")
        db.execute("DELETE FROM log_leaves WHERE seq >= ?", (keep,))
        db.commit()
        db.close()
        shutil.copyfile(self.stored(keep), os.path.join(self.ws, "log", "checkpoint"))
        self.both_fail(f"checkpoint of size {self.latest} (log/checkpoints/{self.latest}) is "
                       f"beyond the log's {keep} leaves (log truncated)")

    def test_deleted_history_is_not_detectable(self):
        # Decision (docs/formats/log.md §3): nothing records which checkpoints
        # were published, so a removed history file cannot be told from one
        # never written; the log still verifies and the latest checkpoint is
        # kept again. `vka verify` prints how many it checked.
        os.remove(self.stored(self.old))
        out = self.ok("verify")
        self.assertIn(f"{len(self.sizes) - 1} stored checkpoints", out)
        shutil.rmtree(self.history)  # also what a workspace made before the history looks like
        self.assertIn(f"1 stored checkpoint (size {self.latest}):", self.ok("verify"))
        self.assertEqual(os.listdir(self.history), [str(self.latest)])
        self.ok("add", "place", "--json", '{"names":[{"value":"[SYNTHETIC] Later"}]}')
        self.assertEqual(sorted(int(n) for n in os.listdir(self.history)),
                         [self.latest, self.latest + 1])

    def test_pre_history_workspace_keeps_its_checkpoint_on_the_next_write(self):
        shutil.rmtree(self.history)
        self.ok("add", "place", "--json", '{"names":[{"value":"[SYNTHETIC] Later"}]}')
        self.assertEqual(sorted(int(n) for n in os.listdir(self.history)),
                         [self.latest, self.latest + 1])
        self.assertIn("2 stored checkpoints", self.ok("verify", "--quick"))

    def test_a_foreign_file_in_the_history(self):
        self.write_text(os.path.join(self.history, "notes.txt"), "x\n")
        self.both_fail("log/checkpoints/notes.txt: not a checkpoint size")

    def test_existing_history_file_is_never_replaced(self):
        # A stored checkpoint for the size the next write will publish, over
        # another root: publishing refuses rather than overwrite it.
        forged = self.forge(self.latest + 1, b"\x07" * 32)
        self.write_text(self.stored(self.latest + 1), forged)
        err = self.fails(5, "add", "place", "--json", '{"names":[{"value":"[SYNTHETIC] Later"}]}')
        self.assertIn(f"log/checkpoints/{self.latest + 1} holds another checkpoint of that size", err)
        self.assertEqual(self.read(self.stored(self.latest + 1)), forged)
        self.assertTrue(re.match(r".*\n%d\n" % self.latest,
                                 self.read(os.path.join(self.ws, "log", "checkpoint")), re.S))


if __name__ == "__main__":
    unittest.main()
