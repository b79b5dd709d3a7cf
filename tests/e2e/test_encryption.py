"""Sensitive fields encrypted at rest (docs/formats/encryption.md): the
database file never holds a sensitive value in clear, reads give the values
back, `vka keys rotate` re-encrypts them and removes the old key, a missing
or wrong key and a moved ciphertext give clear errors, and `vka verify` and
BagIt export/import keep working. All data is SYNTHETIC."""
import glob
import json
import os
import sqlite3
import stat

from vkatest import VkaTestCase, run

CONTACTS = "SYNTHETIC-CONTACT-+000-555-0199"
IDENTITY = "SYNTHETIC-IDENTITY-ZX81"
LOCATION = "SYNTHETIC-LOCATION-Nowhere-Street-7"
SECRETS = (CONTACTS, IDENTITY, LOCATION)


class EncryptionTest(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body)).strip()

    def add_people(self):
        a = self.add("person", {"names": [{"value": "[SYNTHETIC] Witness A"}],
                                "contacts": CONTACTS, "national_identity": IDENTITY,
                                "current_location": LOCATION})
        b = self.add("person", {"names": [{"value": "[SYNTHETIC] Person B"}],
                                "contacts": "SYNTHETIC-CONTACT-B"})
        src = self.add("source", {"type": "testimony", "title": "[SYNTHETIC] testimony",
                                  "witness": a})
        return a, b, src

    def db_bytes(self):
        data = b""
        for suffix in ("", "-wal", "-journal"):
            path = os.path.join(self.ws, "vka.db" + suffix)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        return data

    def assert_no_clear_values(self, *values):
        data = self.db_bytes()
        for value in values:
            self.assertNotIn(value.encode(), data, f"{value} is in vka.db in clear")

    def body(self, record_id):
        out = self.ok("show", record_id)
        return json.loads(out[out.index("{"):])

    def data_keys(self):
        return sorted(glob.glob(os.path.join(self.ws, "keys", "data-*.key")))

    def sql(self, statement):
        db = sqlite3.connect(os.path.join(self.ws, "vka.db"))
        try:
            db.execute(statement)
            db.commit()
        finally:
            db.close()

    def test_init_creates_a_private_key_file(self):
        keys = self.data_keys()
        self.assertEqual(len(keys), 1)
        self.assertEqual(stat.S_IMODE(os.stat(keys[0]).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.ws, "keys")).st_mode), 0o700)
        out = self.ok("keys", "list")
        self.assertIn("current", out)
        self.assertIn(os.path.basename(keys[0]), out)

    def test_add_stores_no_value_in_clear_and_reads_give_it_back(self):
        a, _, src = self.add_people()
        self.assert_no_clear_values(*SECRETS, "SYNTHETIC-CONTACT-B")
        self.assertIn(b"[SYNTHETIC] Witness A", self.db_bytes())  # the rest is stored as is
        body = self.body(a)
        self.assertEqual((body["contacts"], body["national_identity"], body["current_location"]),
                         (CONTACTS, IDENTITY, LOCATION))
        self.assertEqual(self.body(src)["witness"], a)
        exported = self.ok("export")
        for value in SECRETS:
            self.assertIn(value, exported)  # exports are plaintext, like every read

    def test_import_stores_no_value_in_clear(self):
        lines = [json.dumps({"kind": "person", "names": [{"value": f"[SYNTHETIC] P{i}"}],
                             "contacts": f"SYNTHETIC-IMPORTED-CONTACT-{i:04d}"})
                 for i in range(50)]
        self.ok("import", self.write("people.ndjson", "\n".join(lines) + "\n"))
        self.assert_no_clear_values(*[f"SYNTHETIC-IMPORTED-CONTACT-{i:04d}" for i in range(50)])
        self.assertEqual(self.ok("export").count("SYNTHETIC-IMPORTED-CONTACT-"), 50)

    def test_edit_history_and_verify(self):
        a, _, _ = self.add_people()
        self.ok("edit", a, "--set", "contacts=SYNTHETIC-CONTACT-NEW", "--reason", "moved")
        self.assert_no_clear_values(CONTACTS, "SYNTHETIC-CONTACT-NEW")
        history = self.ok("history", a)
        self.assertIn("SYNTHETIC-CONTACT-NEW", history)
        self.ok("verify")

    def test_rotation_keeps_values_readable_and_removes_the_old_key(self):
        a, b, src = self.add_people()
        (old_key,) = self.data_keys()
        db = sqlite3.connect(os.path.join(self.ws, "vka.db"))
        old = [row[0] for row in db.execute("SELECT ciphertext FROM sealed_values")]
        db.close()
        self.assertEqual(len(old), 5)
        out = self.ok("keys", "rotate")
        self.assertIn("re-encrypted 5 sealed values", out)
        (new_key,) = self.data_keys()
        self.assertNotEqual(new_key, old_key)
        self.assertFalse(os.path.exists(old_key))
        self.assertEqual(stat.S_IMODE(os.stat(new_key).st_mode), 0o600)
        data = self.db_bytes()
        for ciphertext in old:
            self.assertNotIn(ciphertext, data, "an old ciphertext is still in the file")
        self.assert_no_clear_values(*SECRETS)
        self.assertEqual(self.body(a)["contacts"], CONTACTS)
        self.assertEqual(self.body(src)["witness"], a)
        listing = self.ok("keys", "list")
        self.assertIn("retired", listing)
        self.assertIn("removed", listing)
        self.ok("verify")
        self.ok("edit", b, "--set", "contacts=SYNTHETIC-AFTER-ROTATION", "--reason", "update")
        self.assertEqual(self.body(b)["contacts"], "SYNTHETIC-AFTER-ROTATION")

    def test_missing_or_wrong_key_gives_a_clear_error(self):
        a, _, _ = self.add_people()
        (key,) = self.data_keys()
        with open(key) as f:
            original = f.read()
        os.rename(key, key + ".away")
        err = self.fails(3, "show", a)
        self.assertIn("is not available", err)
        self.assertIn(os.path.basename(key), err)
        self.assertNotIn("vka-sealed", err)
        self.fails(3, "export")
        key_id = os.path.basename(key)[len("data-"):-len(".key")]
        with open(key, "w") as f:  # the same id with another key
            f.write(f"vka-data-key-v1 {key_id} {'ab' * 32}\n")
        err = self.fails(3, "show", a)
        self.assertIn("different key", err)
        with open(key, "w") as f:
            f.write("garbage\n")
        err = self.fails(5, "show", a)
        self.assertIn("not a vka data key file", err)
        with open(key, "w") as f:
            f.write(original)
        self.assertEqual(self.body(a)["contacts"], CONTACTS)

    def test_ciphertext_swapped_between_records_fails(self):
        a, b, _ = self.add_people()
        self.sql(f"UPDATE sealed_values SET (nonce, ciphertext) = (SELECT nonce, ciphertext "
                 f"FROM sealed_values AS o WHERE o.id = '{b}' AND o.path = 'contacts') "
                 f"WHERE id = '{a}' AND path = 'contacts'")
        err = self.fails(5, "show", a)
        self.assertIn(a, err)
        self.assertIn("does not authenticate", err)
        self.assertEqual(self.body(b)["contacts"], "SYNTHETIC-CONTACT-B")

    def test_bag_export_and_import_keep_plaintext_semantics(self):
        a, _, src = self.add_people()
        self.ok("keys", "rotate")
        bag = self.path("bag")
        self.ok("export", "--bag", bag)
        other = self.path("other")
        self.ok("init", other, "--name", "Other (synthetic)")
        r = run("--workspace", other, "import", "--bag", bag)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("--workspace", other, "show", a)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(CONTACTS, r.stdout)
        with open(os.path.join(other, "vka.db"), "rb") as f:
            self.assertNotIn(CONTACTS.encode(), f.read())
        self.assertEqual(run("--workspace", other, "verify").returncode, 0)

    def test_filter_on_a_sensitive_field_is_refused(self):
        self.add_people()
        err = self.fails(2, "list", "person", "--where", f"contacts={CONTACTS}")
        self.assertIn("sensitive", err)


if __name__ == "__main__":
    import unittest
    unittest.main()
