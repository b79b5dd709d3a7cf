"""Archival bags (BagIt, RFC 8493) from the command line: `vka export --bag`
writes a bag that BagIt tools validate and whose proofs check with nothing
but hashlib; `vka import --bag` checks every checksum, the signature and
every proof before it writes anything, and refuses a tampered bag naming the
file, with the workspace unchanged."""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from vkatest import VkaTestCase, run

try:  # Debian 13's python3-bagit (scripts/install-deps.sh installs it where it exists)
    import bagit
except ImportError:
    bagit = None

# For an independent check of the checkpoint's Ed25519 signature
# (python3-cryptography, installed by scripts/install-deps.sh).
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def read(path, binary=False):
    with open(path, "rb" if binary else "r", encoding=None if binary else "utf-8") as f:
        return f.read()


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_bagit(bag):
    """RFC 8493 validation: with bagit-python when it is installed, else the
    same checks written out here (bagit.txt, Payload-Oxum, completeness and
    every checksum of both manifests)."""
    if bagit is not None:
        bagit.Bag(bag).validate()
        return
    with open(os.path.join(bag, "bagit.txt"), "rb") as f:
        assert f.read() == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    info = dict(line.split(": ", 1) for line in
                read(os.path.join(bag, "bag-info.txt")).splitlines())
    files = [os.path.relpath(os.path.join(d, n), bag)
             for d, _, names in os.walk(os.path.join(bag, "data")) for n in names]
    size = sum(os.path.getsize(os.path.join(bag, p)) for p in files)
    assert info["Payload-Oxum"] == f"{size}.{len(files)}", info["Payload-Oxum"]
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        listed = {}
        for line in read(os.path.join(bag, manifest)).splitlines():
            checksum, path = line.split(None, 1)
            listed[path] = checksum
        for path, checksum in listed.items():
            assert sha256_file(os.path.join(bag, path)) == checksum, f"{manifest}: {path}"
        if manifest == "manifest-sha256.txt":
            assert sorted(listed) == sorted(files), "payload files and manifest differ"


def root_from_proof(index, size, leaf_hash, proof):
    """RFC 9162 §2.1.3.2: the root an inclusion proof leads to."""
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return None
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def check_proofs_independently(test, bag):
    """Checks the bag as an archivist without vka would: the checkpoint's
    signature (C2SP signed-note, Ed25519) and, for every record line and
    evidence file, its leaf entry recomputed from the bytes and its inclusion
    proof against the checkpoint's root. Returns how many leaves it checked."""
    log = os.path.join(bag, "data", "log")
    note = read(os.path.join(log, "checkpoint"), True)
    text, signatures = note.split(b"\n\n", 1)
    origin, size, root_b64 = text.decode().split("\n")[:3]
    root = base64.b64decode(root_b64)
    vkey = read(os.path.join(log, "verifier-key")).strip()
    name, key_id, key_b64 = vkey.split("+", 2)
    test.assertEqual(name, origin)
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(key_b64)[1:])
    line = signatures.decode().splitlines()[0]
    blob = base64.b64decode(line.split(" ")[2])
    test.assertEqual(blob[:4].hex(), key_id)
    key.verify(blob[4:], text + b"\n")  # raises InvalidSignature
    proofs = [json.loads(l) for l in read(os.path.join(log, "proofs.ndjson")).splitlines()]
    by_record = {p["record"]: p for p in proofs if "record" in p}
    by_file = {p["evidence"]: p for p in proofs if "evidence" in p}
    checked = 0
    for line in read(os.path.join(bag, "data", "records.ndjson"), True).splitlines():
        record = json.loads(line)
        p = by_record[record["id"]]
        kind = b"\x03" if record["kind"] == "custody_event" else b"\x01"
        entry = kind + hashlib.sha256(bytes.fromhex(p["salt"]) + line).digest()
        test.assertEqual(entry.hex(), p["entry"])
        leaf = hashlib.sha256(b"\x00" + entry).digest()
        proof = [bytes.fromhex(h) for h in p["proof"]]
        test.assertEqual(root_from_proof(p["leaf_index"], int(size), leaf, proof), root)
        checked += 1
    for sha, p in by_file.items():
        entry = b"\x02" + bytes.fromhex(sha256_file(os.path.join(bag, "data", "evidence", sha)))
        leaf = hashlib.sha256(b"\x00" + entry).digest()
        proof = [bytes.fromhex(h) for h in p["proof"]]
        test.assertEqual(root_from_proof(p["leaf_index"], int(size), leaf, proof), root)
        checked += 1
    test.assertEqual(checked, len(proofs))
    return checked


def rewrite_manifests(bag):
    """What a forger does after changing a payload file: recompute the
    manifests and the Payload-Oxum so that BagIt validation passes."""
    files = sorted(os.path.relpath(os.path.join(d, n), bag)
                   for d, _, names in os.walk(os.path.join(bag, "data")) for n in names)
    with open(os.path.join(bag, "manifest-sha256.txt"), "w") as f:
        f.writelines(f"{sha256_file(os.path.join(bag, p))}  {p}\n" for p in files)
    size = sum(os.path.getsize(os.path.join(bag, p)) for p in files)
    info_path = os.path.join(bag, "bag-info.txt")
    lines = read(info_path).splitlines()
    lines = [f"Payload-Oxum: {size}.{len(files)}" if l.startswith("Payload-Oxum:") else l
             for l in lines]
    with open(info_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(bag, "tagmanifest-sha256.txt"), "w") as f:
        for name in ("bag-info.txt", "bagit.txt", "manifest-sha256.txt"):
            f.write(f"{sha256_file(os.path.join(bag, name))}  {name}\n")


def flip_byte(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0x01]))


class ArchivalBag(VkaTestCase):
    """The source workspace and its bags are made once; each test imports
    into its own fresh workspace (self.ws)."""

    @classmethod
    def setUpClass(cls):
        cls._class_tmp = tempfile.TemporaryDirectory(prefix="vka-bag-")
        cls.root = cls._class_tmp.name
        cls.src = os.path.join(cls.root, "src")
        cls.sh(run("init", cls.src, "--name", "Fictional Rights Centre (synthetic)"))
        add = lambda kind, body: cls.sh(run("--workspace", cls.src, "add", kind, "--json",
                                            json.dumps(body))).strip()
        s1 = add("situation", {"name": "[SYNTHETIC] Situation one"})
        s2 = add("situation", {"name": "[SYNTHETIC] Situation two"})
        place = add("place", {"names": [{"value": "[SYNTHETIC] Town"}]})
        victim = add("person", {"names": [{"value": "[SYNTHETIC] Victim"}]})
        witness = add("person", {"names": [{"value": "[SYNTHETIC] Witness"}]})
        other = add("person", {"names": [{"value": "[SYNTHETIC] Elsewhere"}]})
        source1 = add("source", {"type": "testimony", "title": "[SYNTHETIC] statement",
                                 "situation": s1, "witness": witness})
        source2 = add("source", {"type": "report", "title": "[SYNTHETIC] report", "situation": s2})
        event1 = add("event", {"title": "[SYNTHETIC] raid", "situation": s1, "place": place})
        act1 = add("act", {"type": "killing", "event": event1, "victim": victim})
        info1 = add("information", {"source": source1, "record": act1, "stance": "supports"})
        event2 = add("event", {"title": "[SYNTHETIC] other raid", "situation": s2})
        act2 = add("act", {"type": "beating", "event": event2, "victim": other})
        cls.data1 = b"%PDF-1.4\n[SYNTHETIC] statement scan\n" + bytes(range(256)) * 64
        cls.data2 = b"[SYNTHETIC] report text\n"
        files = []
        for name, data, source in (("scan.pdf", cls.data1, source1),
                                   ("report.txt", cls.data2, source2)):
            path = os.path.join(cls.root, name)
            with open(path, "wb") as f:
                f.write(data)
            out = cls.sh(run("--workspace", cls.src, "evidence", "add", path, "--source", source))
            files.append(out.split()[0])
        cls.sha1, cls.sha2 = files
        cls.sh(run("--workspace", cls.src, "evidence", "get", cls.sha1,
                   "-o", os.path.join(cls.root, "copy.pdf")))  # a second custody event
        cls.ids = dict(s1=s1, s2=s2, place=place, victim=victim, witness=witness, other=other,
                       source1=source1, source2=source2, event1=event1, act1=act1, info1=info1,
                       event2=event2, act2=act2)
        cls.bag = os.path.join(cls.root, "bag")
        cls.sh(run("--workspace", cls.src, "export", "--bag", cls.bag))
        cls.situation_bag = os.path.join(cls.root, "situation-bag")
        cls.sh(run("--workspace", cls.src, "export", "--bag", cls.situation_bag, "--situation", s1))

    @classmethod
    def tearDownClass(cls):
        cls._class_tmp.cleanup()

    @staticmethod
    def sh(result):
        if result.returncode != 0:
            raise AssertionError(f"vka failed ({result.returncode}): {result.stderr}")
        return result.stdout

    def state(self, ws=None):
        """snapshot() plus the blob store and the evidence metadata."""
        saved = self.ws
        self.ws = ws or saved
        try:
            revisions, leaves, log = self.snapshot()
            blobs = sorted(n for _, _, names in os.walk(os.path.join(self.ws, "blobs")) for n in names)
            return revisions, leaves, log, blobs
        finally:
            self.ws = saved

    def bag_copy(self):
        copy = self.path("bag")
        shutil.copytree(self.bag, copy)
        return copy

    def refused(self, code, bag, *expected):
        before = self.state()
        err = self.fails(code, "import", "--bag", bag)
        for text in expected:
            self.assertIn(text, err)
        self.assertEqual(self.state(), before, "a refused import changed the workspace")
        return err

    def test_round_trip(self):
        check_bagit(self.bag)
        subprocess.run(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=self.bag, check=True)
        records = read(os.path.join(self.bag, "data", "records.ndjson")).splitlines()
        self.assertEqual(check_proofs_independently(self, self.bag), len(records) + 2)
        info = read(os.path.join(self.bag, "bag-info.txt"))
        self.assertIn("Source-Organization: Fictional Rights Centre (synthetic)\n", info)
        self.assertRegex(info, r"Bag-Software-Agent: vka \d+\.\d+\.\d+\n")

        out = self.ok("import", "--bag", self.bag)
        self.assertIn(f"imported {len(records)} records (0 already present), 2 evidence files", out)
        imported = self.ok("export", "--format", "ndjson").splitlines()
        # The bag's records, byte for byte, plus one "received" custody event per file.
        extra = [json.loads(l) for l in imported if l not in set(records)]
        self.assertEqual(sorted(set(imported) & set(records)), sorted(records))
        self.assertEqual(sorted(e["evidence"] for e in extra), sorted([self.sha1, self.sha2]))
        for e in extra:
            self.assertEqual((e["action"], e["counterpart"]),
                             ("received", "Fictional Rights Centre (synthetic)"))
        # The chain goes on: the source's events, then this workspace's receipt.
        chain = self.ok("custody", self.sha1).splitlines()
        self.assertEqual([l.split()[1] for l in chain][-1], "received", chain)
        self.assertEqual(len(chain), 3)  # received, copied (get), received (this import)
        for sha, data in ((self.sha1, self.data1), (self.sha2, self.data2)):
            self.ok("evidence", "get", sha, "-o", self.path("out.bin"))
            with open(self.path("out.bin"), "rb") as f:
                self.assertEqual(f.read(), data)
        self.assertIn("2 evidence files re-hashed: all match", self.ok("verify"))
        # The source recorded the copies it put into its bags.
        src_chain = self.sh(run("--workspace", self.src, "custody", self.sha1))
        self.assertIn("(archival bag bag)", src_chain)

        again = self.ok("import", "--bag", self.bag)  # idempotent: all present
        self.assertIn(f"imported 0 records ({len(records)} already present), 0 evidence files "
                      "(2 already present)", again)

    def test_situation_scope(self):
        check_bagit(self.situation_bag)
        check_proofs_independently(self, self.situation_bag)
        ids = {json.loads(l)["id"]
               for l in read(os.path.join(self.situation_bag, "data", "records.ndjson")).splitlines()}
        for name in ("s1", "place", "victim", "witness", "source1", "event1", "act1", "info1"):
            self.assertIn(self.ids[name], ids, name)
        for name in ("s2", "other", "source2", "event2", "act2"):
            self.assertNotIn(self.ids[name], ids, name)
        self.assertEqual(os.listdir(os.path.join(self.situation_bag, "data", "evidence")), [self.sha1])
        custody = [json.loads(l) for l in read(os.path.join(self.situation_bag, "data", "custody.ndjson")).splitlines()]
        self.assertEqual([c["sha256"] for c in custody], [self.sha1])
        self.assertEqual(len(custody[0]["custody"]), 3)  # received, copied (get), exported (bag)
        self.assertIn("imported", self.ok("import", "--bag", self.situation_bag))
        self.assertIn("all match", self.ok("verify"))

    def test_ids_scope_takes_what_they_refer_to(self):
        ids_file = self.write("ids.txt", f"# one act\n{self.ids['act2']}\n")
        bag = self.path("ids-bag")
        self.sh(run("--workspace", self.src, "export", "--bag", bag, "--ids", ids_file))
        ids = {json.loads(l)["id"] for l in read(os.path.join(bag, "data", "records.ndjson")).splitlines()}
        self.assertEqual(ids, {self.ids[n] for n in ("act2", "other", "event2", "s2")})
        missing = self.write("missing.txt", "per_01JD3XK5E8Q9V7RZ3M4N6P2B1C\n")
        err = run("--workspace", self.src, "export", "--bag", self.path("x"), "--ids", missing)
        self.assertEqual(err.returncode, 3)
        self.assertIn("missing.txt:1: no live record", err.stderr)

    def test_altered_record_with_consistent_manifests_fails_its_proof(self):
        bag = self.bag_copy()
        records = os.path.join(bag, "data", "records.ndjson")
        text = read(records, True)
        with open(records, "wb") as f:
            f.write(text.replace(b"[SYNTHETIC] Victim", b"[SYNTHETIC] Victin"))
        rewrite_manifests(bag)
        check_bagit(bag)  # BagIt alone cannot tell
        line = next(i for i, l in enumerate(text.splitlines(), 1) if b"Victim" in l)
        self.refused(5, bag, f"data/records.ndjson:{line}: {self.ids['victim']}: the body does "
                             "not match log leaf")

    def test_flipped_byte_without_manifest_update_fails_the_manifest(self):
        bag = self.bag_copy()
        flip_byte(os.path.join(bag, "data", "records.ndjson"), 10)
        self.refused(5, bag, "manifest-sha256.txt: data/records.ndjson: checksum mismatch")
        bag2 = self.path("bag2")
        shutil.copytree(self.bag, bag2)
        flip_byte(os.path.join(bag2, "data", "evidence", self.sha2), 3)
        self.refused(5, bag2, f"data/evidence/{self.sha2}: checksum mismatch")

    def test_removed_proof_is_refused(self):
        bag = self.bag_copy()
        proofs = os.path.join(bag, "data", "log", "proofs.ndjson")
        lines = read(proofs).splitlines(keepends=True)
        victim = next(l for l in lines if self.ids["victim"] in l)
        with open(proofs, "w") as f:
            f.writelines(l for l in lines if l is not victim)
        rewrite_manifests(bag)
        self.refused(5, bag, f"{self.ids['victim']} has no inclusion proof in data/log/proofs.ndjson")

    def test_altered_checkpoint_signature_is_refused(self):
        bag = self.bag_copy()
        path = os.path.join(bag, "data", "log", "checkpoint")
        note = read(path)
        sig_line = note.rstrip("\n").split("\n")[-1]
        name, sig = sig_line.rsplit(" ", 1)
        raw = bytearray(base64.b64decode(sig))
        raw[10] ^= 0x01
        with open(path, "w") as f:
            f.write(note.replace(sig_line, name + " " + base64.b64encode(bytes(raw)).decode()))
        rewrite_manifests(bag)
        self.refused(5, bag, "data/log/checkpoint: the signature does not verify")

    def test_missing_tag_file_and_unlisted_file_are_refused(self):
        bag = self.bag_copy()
        os.remove(os.path.join(bag, "tagmanifest-sha256.txt"))
        self.refused(2, bag, "tagmanifest-sha256.txt is missing")
        bag2 = self.path("bag2")
        shutil.copytree(self.bag, bag2)
        with open(os.path.join(bag2, "data", "extra.txt"), "w") as f:
            f.write("x")
        self.refused(5, bag2, "data/extra.txt is not listed in manifest-sha256.txt")

    def test_conflicting_record_is_refused(self):
        self.ok("import", "--bag", self.situation_bag)
        self.ok("edit", self.ids["victim"], "--set", "sex=female", "--reason", "corrected")
        self.refused(3, self.bag, f"{self.ids['victim']} conflicts with the workspace")

    def test_expected_key(self):
        src_key = self.sh(run("--workspace", self.src, "log", "key")).strip()
        r = self.vka("import", "--bag", self.bag, "--dry-run")  # no key given: a warning
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning: the bag's key was not checked against an expected key", r.stderr)
        self.assertIn(src_key, r.stderr)
        own_key = self.ok("log", "key").strip()  # a valid key, but not the bag's
        ndjson = self.ok("export", "--format", "ndjson")
        before = self.state()
        err = self.fails(5, "import", "--bag", self.bag, "--expect-key", own_key)
        self.assertIn(f"data/log/checkpoint is signed by {src_key}, not by the expected key "
                      f"{own_key}", err)
        err = self.fails(2, "import", "--bag", self.bag, "--expect-key", "vka.invalid/log+zz+AAAA")
        self.assertIn("the expected key is not a verifier key", err)
        self.assertIn("needs --bag", self.fails(2, "import", "--expect-key", src_key))
        self.assertEqual(self.state(), before, "a refused import changed the workspace")
        self.assertEqual(self.ok("export", "--format", "ndjson"), ndjson)
        r = self.vka("import", "--bag", self.bag, "--expect-key", src_key)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("the key you expected (--expect-key)", r.stdout)
        self.assertIn("imported", r.stdout)
        self.assertNotIn("warning", r.stderr)

    def test_export_into_existing_folder_is_refused(self):
        before = self.state(self.src)
        existing = self.path("existing")
        os.mkdir(existing)
        r = run("--workspace", self.src, "export", "--bag", existing)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(os.listdir(existing), [])
        self.assertEqual(self.state(self.src), before)
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp-" in n], [])

    def test_flag_combinations(self):
        self.assertIn("need --bag", self.fails(2, "export", "--situation", "sit_x"))
        self.assertIn("does not apply to --bag",
                      self.fails(2, "export", "--bag", self.path("b"), "--format", "csv"))
        self.assertIn("give files to import, or --bag", self.fails(2, "import"))
        self.assertIn("takes no files", self.fails(2, "import", "x.ndjson", "--bag", self.bag))
        before = self.state()
        self.assertIn("valid: would import", self.ok("import", "--bag", self.bag, "--dry-run"))
        self.assertEqual(self.state(), before)


if __name__ == "__main__":
    unittest.main()
