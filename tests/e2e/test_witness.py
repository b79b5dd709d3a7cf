"""Witnessing between organisations: workspace B cosigns the checkpoints of
workspace A's log (C2SP tlog-cosignature) after checking that each extends
the last one it cosigned, A collects B's cosignatures, and a log that shows
B two different histories (a fork) is refused. All data is SYNTHETIC."""
import base64
import hashlib
import os
import shutil
import time
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vkatest import VkaTestCase, run

EM_DASH = "\u2014 "


def parse_vkey(vkey):
    name, key_id, blob = vkey.strip().split("+", 2)
    raw = base64.b64decode(blob)
    assert raw[0] == 1 and len(raw) == 33
    return name, key_id, raw[1:]


def cosignature_lines(note, name):
    return [l for l in note.split("\n") if l.startswith(EM_DASH + name + " ")]


def check_cosignature(test, note, vkey):
    """Verifies the cosignature of `vkey` in `note` from the spec alone and
    returns its timestamp."""
    name, _, public_key = parse_vkey(vkey)
    text = note[:note.index("\n\n") + 1]
    lines = cosignature_lines(note, name)
    test.assertEqual(len(lines), 1, note)
    blob = base64.b64decode(lines[0].split(" ")[2])
    test.assertEqual(len(blob), 4 + 8 + 64)
    key_id = hashlib.sha256(name.encode() + b"\n\x04" + public_key).digest()[:4]
    test.assertEqual(blob[:4], key_id)
    timestamp = int.from_bytes(blob[4:12], "big")
    message = b"cosignature/v1\ntime %d\n" % timestamp + text.encode()
    Ed25519PublicKey.from_public_bytes(public_key).verify(blob[12:], message)  # raises if bad
    return timestamp


class Witnessing(VkaTestCase):
    def setUp(self):
        super().setUp()  # self.ws is workspace A
        self.b_ws = self.path("b")
        self.ok("init", self.b_ws, "--name", "Witness organisation B (synthetic)")
        self.add_places(3)
        self.key_a = self.ok("log", "key").strip()
        self.key_b = self.b("log", "key").stdout.strip()

    def add_places(self, n, ws=None):
        for i in range(n):
            r = run("--workspace", ws or self.ws, "add", "place", "--json",
                    '{"names":[{"value":"Fictional place %d"}]}' % i)
            self.assertEqual(r.returncode, 0, r.stderr)

    def b(self, *args):
        return run("--workspace", self.b_ws, *args)

    def b_ok(self, *args):
        r = self.b(*args)
        self.assertEqual(r.returncode, 0, f"B: vka {' '.join(args)} failed:\n{r.stderr}")
        return r

    def b_fails(self, code, *args):
        r = self.b(*args)
        self.assertEqual(r.returncode, code, f"B: vka {' '.join(args)}\n{r.stdout}\n{r.stderr}")
        return r.stderr

    def b_state(self):
        """Every file B keeps as a witness, byte for byte."""
        state = {}
        for root, _, files in os.walk(os.path.join(self.b_ws, "witness")):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    state[os.path.relpath(os.path.join(root, name), self.b_ws)] = f.read()
        return state

    def checkpoint_file(self, name, ws=None):
        r = run("--workspace", ws or self.ws, "log", "checkpoint")
        self.assertEqual(r.returncode, 0, r.stderr)
        return self.write(name, r.stdout)

    def proof_file(self, name, old, ws=None):
        r = run("--workspace", ws or self.ws, "log", "consistency", "--old", str(old))
        self.assertEqual(r.returncode, 0, r.stderr)
        return self.write(name, r.stdout)

    def test_cosign_import_and_show(self):
        self.assertIn("added peer org-a", self.b_ok("witness", "add", "org-a", self.key_a).stdout)
        self.assertIn("already registered",
                      self.b_ok("witness", "add", "org-a", self.key_a).stdout)
        self.assertIn("org-a\t" + self.key_a + "\tnever cosigned",
                      self.b_ok("witness", "list").stdout)

        # First use: trusted, cosigned, and B's cosignature checks out by the spec.
        cp3 = self.checkpoint_file("a-3.checkpoint")
        before = int(time.time())
        r = self.b_ok("witness", "cosign", cp3)
        self.assertIn("trusted on first use at size 3", r.stderr)
        cosigned3 = r.stdout
        with open(cp3, encoding="utf-8") as f:
            self.assertTrue(cosigned3.startswith(f.read()))  # A's note, then B's line
        stamp = check_cosignature(self, cosigned3, self.key_b)
        self.assertLessEqual(before - 5, stamp)
        self.assertLessEqual(stamp, int(time.time()) + 5)
        self.assertIn("cosigned size 3", self.b_ok("witness", "list").stdout)

        # A grows; B needs a consistency proof from size 3.
        self.add_places(2)
        cp5 = self.checkpoint_file("a-5.checkpoint")
        self.assertIn("--old-size 3", self.b_fails(3, "witness", "cosign", cp5))
        proof = self.proof_file("a-3-5.proof", 3)
        out = self.path("a-5.cosigned")
        r = self.b_ok("witness", "cosign", cp5, "--old-size", "3", "--proof", proof, "-o", out)
        self.assertIn("consistent with size 3", r.stderr)
        with open(out, encoding="utf-8") as f:
            cosigned5 = f.read()
        self.assertIn("\n5\n", cosigned5)
        check_cosignature(self, cosigned5, self.key_b)
        self.assertIn("cosigned size 5", self.b_ok("witness", "list").stdout)
        # The same checkpoint again needs no proof; B's line is replaced, not added.
        again = self.b_ok("witness", "cosign", out).stdout
        self.assertEqual(len(cosignature_lines(again, parse_vkey(self.key_b)[0])), 1)

        # A takes the cosignatures back: only from registered peers.
        err = self.fails(3, "log", "cosignatures", "add", out)
        self.assertIn("no cosignature by a registered peer", err)
        self.assertIn(parse_vkey(self.key_b)[0], err)
        self.ok("witness", "add", "org-b", self.key_b)
        report = self.ok("log", "cosignatures", "add", out)
        self.assertIn("accepted org-b: " + parse_vkey(self.key_b)[0], report)
        self.assertIn("size 5 now has 1 cosignature(s)", report)
        report = self.ok("log", "cosignatures", "add", self.write("again", again))
        self.assertIn("size 5 now has 1 cosignature(s)", report)  # merged, no duplicate
        self.assertIn("size 3 now has 1", self.ok("log", "cosignatures", "add",
                                                   self.write("c3", cosigned3)))

        shown = self.ok("log", "checkpoint", "--with-cosignatures")
        self.assertIn("\n5\n", shown)
        self.assertEqual(shown.count(EM_DASH), 2)  # A's signature and B's cosignature
        check_cosignature(self, shown, self.key_b)
        self.add_places(1)
        r = self.vka("log", "checkpoint", "--with-cosignatures")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("\n5\n", r.stdout)
        self.assertIn("cosigned checkpoint is of size 5; the log now has 6 leaves", r.stderr)
        self.assertIn("tiles ok", self.ok("verify", "--quick"))

        # A checkpoint of another log, or tampered, is not stored.
        self.assertIn("not signed by this workspace's log key",
                      self.fails(3, "log", "cosignatures", "add", self.checkpoint_file(
                          "b.checkpoint", ws=self.b_ws)))
        with open(out, encoding="utf-8") as f:
            forged = f.read().replace("\n5\n", "\n4\n", 1)
        self.fails(5, "log", "cosignatures", "add", self.write("forged", forged))

    def test_fork_is_refused_and_state_kept(self):
        self.b_ok("witness", "add", "org-a", self.key_a)
        cp3 = self.checkpoint_file("a-3.checkpoint")
        self.b_ok("witness", "cosign", cp3)
        # A2 is a copy of A (same key, same origin) that goes its own way.
        a2 = self.path("a2")
        shutil.copytree(self.ws, a2)
        self.add_places(1)
        run("--workspace", a2, "add", "place", "--json", '{"names":[{"value":"Other place"}]}')
        cp4 = self.checkpoint_file("a-4.checkpoint")
        self.b_ok("witness", "cosign", cp4, "--old-size", "3",
                  "--proof", self.proof_file("a-3-4.proof", 3))
        state = self.b_state()

        # Same size, another root.
        cp4_fork = self.checkpoint_file("a2-4.checkpoint", ws=a2)
        err = self.b_fails(5, "witness", "cosign", cp4_fork)
        self.assertIn("the log " + parse_vkey(self.key_a)[0] + " shows a different history", err)
        self.assertEqual(self.b_state(), state)
        # The fork grows and proves itself consistent with its own size 4 only.
        self.add_places(1, ws=a2)
        err = self.b_fails(5, "witness", "cosign", self.checkpoint_file("a2-5.checkpoint", ws=a2),
                           "--old-size", "4", "--proof", self.proof_file("a2-4-5.proof", 4, ws=a2))
        self.assertIn("shows a different history", err)
        self.assertEqual(self.b_state(), state)

        # A tampered proof of the real log is refused too.
        self.add_places(1)
        cp5 = self.checkpoint_file("a-5.checkpoint")
        proof = self.proof_file("a-4-5.proof", 4)
        with open(proof, encoding="utf-8") as f:
            lines = f.read().split("\n")
        last = lines[-2]
        lines[-2] = ("0" if last[0] != "0" else "1") + last[1:]
        tampered = self.write("tampered.proof", "\n".join(lines))
        err = self.b_fails(5, "witness", "cosign", cp5, "--old-size", "4", "--proof", tampered)
        self.assertIn("consistency proof from size 4 to 5 does not verify", err)
        self.assertIn("--old-size 3", self.b_fails(2, "witness", "cosign", cp5,
                                                   "--old-size", "3", "--proof", proof))
        self.assertIn("refusing the smaller size 3", self.b_fails(3, "witness", "cosign", cp3))
        self.assertIn("need 4 to 5", self.b_fails(2, "witness", "cosign", cp5, "--proof",
                                                  self.proof_file("a-3-5.proof", 3)))
        self.assertEqual(self.b_state(), state)
        self.b_ok("witness", "cosign", cp5, "--old-size", "4", "--proof", proof)
        self.assertNotEqual(self.b_state(), state)

    def test_bad_input_gives_clear_errors(self):
        self.assertIn("verifier key of peer x", self.b_fails(2, "witness", "add", "x", "garbage"))
        self.assertIn("peer name", self.b_fails(2, "witness", "add", "../x", self.key_a))
        self.assertIn("own log", self.b_fails(2, "witness", "add", "me", self.key_b))
        self.b_ok("witness", "add", "org-a", self.key_a)
        other = self.path("c")
        self.ok("init", other, "--name", "Organisation C (synthetic)")
        key_c = run("--workspace", other, "log", "key").stdout.strip()
        self.assertIn("registered with another key",
                      self.b_fails(3, "witness", "add", "org-a", key_c))
        self.assertIn("registered as peer org-a",
                      self.b_fails(3, "witness", "add", "org-a2", self.key_a))
        state = self.b_state()

        # Unknown origin, malformed and tampered checkpoints, missing files.
        err = self.b_fails(3, "witness", "cosign", self.checkpoint_file("c.checkpoint", ws=other))
        self.assertIn("no registered peer has a key for the log", err)
        self.assertIn("checkpoint", self.b_fails(2, "witness", "cosign",
                                                 self.write("bad", "not a checkpoint\n")))
        with open(self.checkpoint_file("a.checkpoint"), encoding="utf-8") as f:
            tampered = f.read().replace("\n3\n", "\n7\n", 1)
        self.assertIn("does not verify",
                      self.b_fails(5, "witness", "cosign", self.write("t", tampered)))
        self.assertIn("missing", self.b_fails(3, "witness", "cosign", self.path("missing")))
        self.assertEqual(self.b_state(), state)

        # A malformed proof, once B has a state for the log.
        self.b_ok("witness", "cosign", self.checkpoint_file("a-3.checkpoint"))
        state = self.b_state()
        self.add_places(1)
        err = self.b_fails(2, "witness", "cosign", self.checkpoint_file("a-4.checkpoint"),
                           "--proof", self.write("p", "nonsense\n"))
        self.assertIn("proof line 1", err)
        self.assertEqual(self.b_state(), state)


if __name__ == "__main__":
    unittest.main()
