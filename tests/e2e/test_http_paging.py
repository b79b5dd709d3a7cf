"""Keyset paging of GET /api/v1/records (`after=ID`, answering `next_after`)
on the demo workspace: walking every page returns each readable record
exactly once, in id order, for roles that read different levels; hidden
records neither appear nor shift a page; bad `after` values are 400 naming
the parameter; offset paging still works; `vka list --after` agrees."""
import json
import unittest

import vkahttp
from vkatest import run

READABLE = {
    "viewer": {"public", "internal"},
    "reviewer": {"public", "internal", "restricted"},
    "admin": {"public", "internal", "restricted", "sealed"},
}
KINDS = ("person", "act", "source")


class HttpPagingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp, cls.ws = vkahttp.demo_workspace("vka-e2e-paging-")
        cls.records = vkahttp.exported_records(cls.ws)
        cls.server = vkahttp.Server(cls.ws)
        cls.clients = {role: vkahttp.signed_in(cls.server, cls.ws, f"p_{role}", role)
                       for role in READABLE}

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls._tmp.cleanup()
        assert code == 0, "vka serve did not exit 0 on SIGTERM"

    def expected(self, kind, role):
        return sorted(r["id"] for r in self.records if r["kind"] == kind
                      and r.get("confidentiality", "internal") in READABLE[role])

    def walk(self, client, kind, limit):
        """Every page with after=, from the first; returns the ids in order."""
        seen, after, pages = [], None, 0
        while True:
            params = {"kind": kind, "limit": limit}
            if after is not None:
                params["after"] = after
            r = client.get("/api/v1/records", params=params)
            self.assertEqual(r.status, 200, r.text()[:300])
            page = r.json()
            ids = [item["id"] for item in page["items"]]
            seen += ids
            pages += 1
            self.assertLessEqual(len(ids), limit)
            if page["next_after"] is None:
                return seen
            self.assertEqual(len(ids), limit, "only the last page is short")
            self.assertEqual(page["next_after"], ids[-1])
            after = page["next_after"]
            self.assertLess(pages, 10000, "paging does not end")

    def test_walk_returns_each_readable_record_once_in_order(self):
        for kind in KINDS:
            for role, client in self.clients.items():
                want = self.expected(kind, role)
                self.assertTrue(want, f"the demo has readable {kind} records for {role}")
                for limit in (7, 500):
                    got = self.walk(client, kind, limit)
                    self.assertEqual(got, want, f"{role} {kind} limit {limit}")

    def test_roles_see_different_sets(self):
        # The demo holds records of every level, so the walks above compared
        # different sets; a hidden record between two pages shifts nothing.
        self.assertLess(len(self.expected("source", "viewer")),
                        len(self.expected("source", "admin")))

    def test_hidden_record_as_after_reveals_nothing(self):
        hidden = next(r["id"] for r in self.records
                      if r["kind"] == "source" and r.get("confidentiality") == "sealed")
        viewer = self.clients["viewer"]
        page = viewer.get("/api/v1/records",
                          params={"kind": "source", "after": hidden, "limit": 500}).json()
        want = [i for i in self.expected("source", "viewer") if i > hidden]
        self.assertEqual([item["id"] for item in page["items"]], want)
        self.assertNotIn(hidden, json.dumps(page["items"]))

    def test_keyset_page_matches_offset_page(self):
        admin = self.clients["admin"]
        first = admin.get("/api/v1/records", params={"kind": "person", "limit": 5}).json()
        self.assertEqual(first["next_offset"], 5, "offset paging still answers next_offset")
        by_offset = admin.get("/api/v1/records",
                              params={"kind": "person", "limit": 5, "offset": 5}).json()
        by_key = admin.get("/api/v1/records",
                           params={"kind": "person", "limit": 5,
                                   "after": first["next_after"]}).json()
        self.assertEqual([i["id"] for i in by_key["items"]], [i["id"] for i in by_offset["items"]])
        self.assertEqual(by_key["after"], first["next_after"])
        self.assertIsNone(by_key["next_offset"], "a keyset page does not offer an offset")

    def test_bad_after_is_400_naming_the_parameter(self):
        person = self.expected("person", "admin")[0]
        for bad in ("x", "per_", "per_!!", "' OR 1=1 --", person.replace("per_", "act_"),
                    self.expected("act", "admin")[0]):
            r = self.clients["viewer"].get("/api/v1/records",
                                           params={"kind": "person", "after": bad})
            self.assertEqual(r.status, 400, bad)
            error = r.json()["error"]
            self.assertEqual(error["code"], "invalid_argument")
            self.assertTrue(error["message"].startswith("after:"), error["message"])

    def test_cli_list_after(self):
        ids = self.expected("person", "admin")
        r = run("--workspace", self.ws, "list", "person", "--after", ids[2], "--limit", "3")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([line.split()[0] for line in r.stdout.splitlines()], ids[3:6])
        bad = run("--workspace", self.ws, "list", "person", "--after", "nope")
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("after", bad.stderr)


if __name__ == "__main__":
    unittest.main()
