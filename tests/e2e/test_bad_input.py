"""Bad input never corrupts or loses data: each case exits non-zero with an
error that names the file, line and field, and leaves the workspace exactly as
it was (every revision byte for byte)."""
import os
import resource
import signal
import sqlite3
import subprocess
import time
import unittest

from vkatest import VkaTestCase, VKA

GOOD = ('{"kind":"person","id":"per_01ARYZ6S41TSV4RRFFQ69G5FA2",'
        '"names":[{"value":"Оганесян","script":"Cyrl"}]}\n')


class BadInput(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.ok("import", self.write("seed.ndjson", GOOD))
        self.before = self.snapshot()

    def assertRefused(self, data, *fragments, name="bad.ndjson", code=2, extra=()):
        path = self.write(name, data)
        err = self.fails(code, "import", path, *extra)
        for fragment in fragments:
            self.assertIn(fragment, err)
        self.assertIn("workspace is unchanged", err)
        self.assertEqual(self.snapshot(), self.before)
        return err

    def test_malformed_json(self):
        self.assertRefused('{"kind":"person","names":[{"value":"A"}]}\n{"kind": person}\n',
                           "bad.ndjson:2: invalid JSON")

    def test_wrong_types(self):
        self.assertRefused('{"kind":"act","type":"killing","victim_count":"many"}\n',
                           "bad.ndjson:1: victim_count: must be an integer")

    def test_unknown_vocabulary_code(self):
        self.assertRefused('{"kind":"act","type":"kiling"}\n',
                           'bad.ndjson:1: type: unknown act_type code "kiling"')

    def test_dangling_reference(self):
        self.assertRefused('{"kind":"act","type":"killing","victim":"per_01ARYZ6S41TSV4RRFFQ69G5FZZ"}\n',
                           "bad.ndjson:1: victim: refers to per_01ARYZ6S41TSV4RRFFQ69G5FZZ")

    def test_invalid_edtf(self):
        self.assertRefused('{"kind":"act","type":"killing","date":"1990-13-01"}\n',
                           'bad.ndjson:1: date: invalid EDTF date "1990-13-01"')

    def test_duplicate_ids(self):
        self.assertRefused(GOOD, "bad.ndjson:1: id: a record with this id already exists")
        twice = GOOD.replace("FA2", "FA9")
        self.assertRefused(twice + twice, "twice.ndjson:2: id: duplicate id", name="twice.ndjson")

    def test_invalid_utf8(self):
        self.assertRefused(b'{"kind":"person","names":[{"value":"\xff\xfe"}]}\n',
                           "bad.ndjson:1: invalid JSON invalid UTF-8 at byte 36")
        self.assertRefused(b"id,names\nper_01ARYZ6S41TSV4RRFFQ69G5FA7,\xc3\n",
                           "bad.csv:2", name="bad.csv", extra=("--kind", "person"))

    def test_truncated_file(self):
        self.assertRefused(GOOD.replace("FA2", "FA3") + GOOD.replace("FA2", "FA4")[:40],
                           "bad.ndjson:2: invalid JSON", "truncated")
        self.assertRefused('id,names\nper_01ARYZ6S41TSV4RRFFQ69G5FA5,"[{""value"":', "bad.csv:2",
                           name="bad.csv", extra=("--kind", "person"))

    def test_unknown_kind_and_field(self):
        self.assertRefused('{"kind":"persn","names":[]}\n', 'unknown kind "persn"')
        self.assertRefused('{"kind":"person","names":[{"value":"A"}],"colour":"red"}\n',
                           "bad.ndjson:1: colour: unknown field")

    def test_every_error_is_reported_to_the_report_file(self):
        bad = ''.join('{"kind":"act","type":"nope%d"}\n' % i for i in range(30))
        report = self.path("report.csv")
        err = self.assertRefused(bad, "30 errors", extra=("--report", report))
        with open(report, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "file,line,field,value,message")
        self.assertEqual(len(lines), 31)

    def test_huge_line_is_refused_without_reading_it_whole(self):
        path = self.path("huge.ndjson")
        with open(path, "w") as f:
            f.write(GOOD.replace("FA2", "FB1"))
            f.write('{"kind":"person","names":[{"value":"' + "x" * (100 << 20) + '"}]}\n')
        err = self.fails(2, "import", path)
        self.assertIn("huge.ndjson:2: line is longer than", err)
        self.assertEqual(self.snapshot(), self.before)

    def test_full_disk(self):
        many = "".join('{"kind":"place","names":[{"value":"Fictional place %d"}]}\n' % i
                       for i in range(20000))
        path = self.write("many.ndjson", many)

        def limit_file_size():
            # A file-size limit makes writes fail as on a full disk (EFBIG);
            # ignore SIGXFSZ so that the write error reaches vka.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            size = os.path.getsize(os.path.join(self.ws, "vka.db")) + 64 * 1024
            resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

        r = self.vka("import", path, preexec_fn=limit_file_size)
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertEqual(self.snapshot(), self.before)
        out = self.path("export.ndjson")
        r = self.vka("export", "-o", out, preexec_fn=lambda: (
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN),
            resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10))))
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp-" in n], [])
        self.assertEqual(self.snapshot(), self.before)

    def test_second_writer_gets_a_clear_locked_error(self):
        holder = sqlite3.connect(os.path.join(self.ws, "vka.db"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            err = self.fails(7, "add", "place", "--json", '{"names":[{"value":"X"}]}')
            self.assertIn("workspace is locked by another writer", err)
            self.assertIn("rev 1", self.ok("show", "per_01ARYZ6S41TSV4RRFFQ69G5FA2"))  # reads work
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.ok("add", "place", "--json", '{"names":[{"value":"X"}]}')

    def test_concurrent_imports_never_corrupt(self):
        files = []
        for k in range(4):
            data = "".join('{"kind":"place","names":[{"value":"P%d-%d"}]}\n' % (k, i)
                           for i in range(3000))
            files.append(self.write(f"p{k}.ndjson", data))
        env = dict(os.environ, VKA_WORKSPACE=self.ws)
        procs = [subprocess.Popen([VKA, "import", f], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for f in files]
        results = [(p.wait(), p.stderr.read()) for p in procs]
        for code, err in results:
            self.assertIn(code, (0, 7), err)
            if code == 7:
                self.assertIn("locked", err)
        imported = sum(1 for code, _ in results if code == 0)
        self.assertGreaterEqual(imported, 1)
        places = self.ok("list", "place", "--limit", "0").strip().splitlines()
        self.assertEqual(len(places), 3000 * imported)


if __name__ == "__main__":
    unittest.main()
