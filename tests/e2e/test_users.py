"""Web accounts from the command line: `vka user add|passwd|disable|enable|
list|2fa`. No account exists until one is added; passwords come from stdin
or are generated and shown once; every change is an audit entry and a log
leaf; bad input fails with a clear message and changes nothing."""
import base64
import hashlib
import hmac
import json
import os
import re
import sqlite3
import struct
import time
import unittest
import urllib.parse

from vkatest import VkaTestCase

PASSWORD = "correct horse battery (synthetic)"


def totp(secret, at=None):
    """RFC 6238: HMAC-SHA1, 30 s steps, 6 digits."""
    step = int((time.time() if at is None else at) // 30)
    mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


def secret_of(uri):
    query = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)
    text = query["secret"][0]
    return base64.b32decode(text + "=" * (-len(text) % 8))


class Users(VkaTestCase):
    def accounts(self):
        """The account tables and the audit trail, for before/after comparisons."""
        db = sqlite3.connect(f"file:{os.path.join(self.ws, 'vka.db')}?mode=ro", uri=True)
        try:
            return (db.execute("SELECT * FROM users ORDER BY name").fetchall(),
                    db.execute("SELECT * FROM sessions").fetchall(),
                    db.execute("SELECT * FROM audit ORDER BY seq").fetchall())
        finally:
            db.close()

    def audit_actions(self):
        entries = json.loads(self.ok("audit", "--format", "json"))
        return [(e["actor"], e["action"], e["target"]) for e in entries]

    def test_a_new_workspace_has_no_accounts(self):
        self.assertIn("no users", self.ok("user", "list"))
        self.assertEqual(json.loads(self.ok("user", "list", "--format", "json")), [])
        self.assertEqual(self.ok("audit"), "")

    def test_add_prints_a_one_time_password_once(self):
        out = self.ok("user", "add", "ana", "--role", "admin")
        m = re.search(r"one-time password \(shown once; it must be changed at first sign-in\): "
                      r"([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})\n", out)
        self.assertIsNotNone(m, out)
        users = json.loads(self.ok("user", "list", "--format", "json"))
        self.assertEqual(len(users), 1)
        self.assertEqual(users[0]["name"], "ana")
        self.assertEqual(users[0]["role"], "admin")
        self.assertTrue(users[0]["must_change_password"])
        self.assertFalse(users[0]["totp"])
        self.assertNotIn(m.group(1), self.ok("user", "list"))
        self.assertEqual(self.audit_actions(), [("cli:e2e", "user.add", "ana")])
        # The password is stored only as an Argon2id hash.
        (row,) = self.accounts()[0]
        self.assertTrue(row[2].startswith("$argon2id$"), row[2])
        with open(os.path.join(self.ws, "vka.db"), "rb") as f:
            data = f.read()
        for name in ("vka.db-wal",):
            path = os.path.join(self.ws, name)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        self.assertNotIn(m.group(1).encode(), data)
        # The entry is a log leaf, and the log verifies.
        self.assertIn("1 audit entries: each matches its log leaf", self.ok("verify"))

    def test_password_from_stdin_is_not_printed(self):
        out = self.ok("user", "add", "ben", "--role", "viewer", "--password-stdin",
                      input=PASSWORD + "\n")
        self.assertEqual(out, "added user ben (viewer)\n")

    def test_disable_enable_and_passwd(self):
        self.ok("user", "add", "ana", "--role", "documenter", "--password-stdin", input=PASSWORD)
        self.assertIn("ana disabled", self.ok("user", "disable", "ana"))
        self.assertTrue(json.loads(self.ok("user", "list", "--format", "json"))[0]["disabled"])
        self.assertRegex(self.ok("user", "list"), r"ana\s+documenter\s+-\s+\S+\s+disabled")
        self.ok("user", "enable", "ana")
        self.assertFalse(json.loads(self.ok("user", "list", "--format", "json"))[0]["disabled"])
        self.assertIn("password of ana set",
                      self.ok("user", "passwd", "ana", input="another long passphrase\n"))
        self.assertEqual([a for _, a, _ in self.audit_actions()],
                         ["user.add", "user.disable", "user.enable", "user.passwd"])

    def test_second_factor_enrolment(self):
        self.ok("user", "add", "ana", "--role", "lawyer", "--password-stdin", input=PASSWORD)
        out = self.ok("user", "2fa", "ana")
        uri = out.splitlines()[0]
        self.assertRegex(uri, r"^otpauth://totp/vka%20E2E%20test%20%28synthetic%29:ana\?secret="
                              r"[A-Z2-7]{32}&issuer=.*&algorithm=SHA1&digits=6&period=30$")
        secret = secret_of(uri)
        self.assertEqual(len(secret), 20)
        self.assertFalse(json.loads(self.ok("user", "list", "--format", "json"))[0]["totp"])
        self.assertIn("second factor of ana is on",
                      self.ok("user", "2fa", "ana", "--confirm", totp(secret)))
        self.assertTrue(json.loads(self.ok("user", "list", "--format", "json"))[0]["totp"])
        self.ok("user", "2fa", "ana", "--off")
        self.assertFalse(json.loads(self.ok("user", "list", "--format", "json"))[0]["totp"])
        self.assertEqual([a for _, a, _ in self.audit_actions()][1:],
                         ["user.2fa.begin", "user.2fa.enable", "user.2fa.disable"])

    def test_bad_input_fails_clearly_and_changes_nothing(self):
        self.ok("user", "add", "ana", "--role", "admin", "--password-stdin", input=PASSWORD)
        before, accounts_before = self.snapshot(), self.accounts()
        cases = [
            (2, ["user", "add", "ben", "--role", "superuser"], None, "--role \"superuser\""),
            (2, ["user", "add", "ben", "--role", "public"], None, "--role \"public\""),
            (2, ["user", "add", "bad name", "--role", "viewer"], None, "must be 1-64"),
            (2, ["user", "add", "ben", "--role", "viewer", "--password-stdin"], "short\n",
             "fewer than 12 characters"),
            (2, ["user", "add", "ben", "--role", "viewer", "--password-stdin"], "",
             "no password on stdin"),
            (3, ["user", "add", "ANA", "--role", "viewer"], None, "already exists"),
            (3, ["user", "passwd", "nobody"], PASSWORD, "no user \"nobody\""),
            (2, ["user", "passwd", "ana"], "ana\n", "fewer than 12"),
            (3, ["user", "disable", "nobody"], None, "no user"),
            (3, ["user", "enable", "nobody"], None, "no user"),
            (3, ["user", "2fa", "nobody"], None, "no user"),
            (3, ["user", "2fa", "ana", "--confirm", "123456"], None, "no second-factor enrolment"),
            (2, ["user"], None, ""),
        ]
        for code, args, stdin, message in cases:
            with self.subTest(args=args):
                err = self.fails(code, *args, input=stdin)
                self.assertIn(message, err)
                self.assertNotIn(PASSWORD, err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.accounts(), accounts_before)

    def test_wrong_confirmation_code_changes_nothing(self):
        self.ok("user", "add", "ana", "--role", "admin", "--password-stdin", input=PASSWORD)
        secret = secret_of(self.ok("user", "2fa", "ana").splitlines()[0])
        before, accounts_before = self.snapshot(), self.accounts()
        wrong = "%06d" % ((int(totp(secret)) + 500000) % 1000000)
        self.assertIn("the code does not match", self.fails(2, "user", "2fa", "ana", "--confirm", wrong))
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.accounts(), accounts_before)


if __name__ == "__main__":
    unittest.main()
