"""Recording the chain of custody over HTTP: POST /api/v1/evidence/{sha256}/custody
for roles that may write, with the session's CSRF token; the signed-in user
is the actor; refused requests write nothing; GET .../custody returns the
chain; a download records "accessed". All data SYNTHETIC."""
import os
import sqlite3
import unittest

import vkahttp
from vkatest import VkaTestCase


class HttpCustodyTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        source = self.ok("add", "source", "--json",
                         '{"type":"document","title":"[SYNTHETIC] register"}').strip()
        file = self.write("page.txt", "[SYNTHETIC] a register page\n")
        self.sha = self.ok("evidence", "add", file, "--source", source).split()[0]
        self.server = vkahttp.Server(self.ws)
        self.docu = vkahttp.signed_in(self.server, self.ws, "docu", "documenter")
        self.viewer = vkahttp.signed_in(self.server, self.ws, "viewer1", "viewer")
        self.path_ = f"/api/v1/evidence/{self.sha}/custody"

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0, self.server.log())
        super().tearDown()

    def leaves(self):
        """Log leaves of custody events (audit entries are leaves too)."""
        db = sqlite3.connect(f"file:{os.path.join(self.ws, 'vka.db')}?mode=ro", uri=True)
        try:
            return db.execute("SELECT COUNT(*) FROM log_leaves WHERE ref LIKE 'cus!_%' ESCAPE '!'"
                              ).fetchone()[0]
        finally:
            db.close()

    def test_record_chain_roles_and_csrf(self):
        before = self.leaves()
        body = {"action": "transferred", "counterpart": "[SYNTHETIC] Prosecutor's Office",
                "purpose": "criminal investigation", "date": "2026-01-10",
                "reason": "handed over in person"}
        r = self.docu.post(self.path_, body)
        self.assertEqual(r.status, 201, r.text())
        event_id = r.json()["id"]
        self.assertRegex(event_id, r"^cus_[0-9A-Z]{26}$")
        recorded = [e for e in r.json()["custody"] if e["id"] == event_id]
        self.assertEqual(len(recorded), 1)
        self.assertEqual((recorded[0]["action"], recorded[0]["actor"], recorded[0]["counterpart"],
                          recorded[0]["purpose"], recorded[0]["date"]),
                         ("transferred", "docu", "[SYNTHETIC] Prosecutor's Office",
                          "criminal investigation", "2026-01-10"))
        self.assertEqual(self.leaves(), before + 1)

        # Refused: a viewer; no CSRF token; bad input. Nothing is written.
        after = self.leaves()
        refused = [
            (self.viewer, self.path_, body, {}, 403),
            (self.docu, self.path_, body, {"csrf": False}, 403),
            (self.docu, self.path_, {"action": "lost", "reason": "r"}, {}, 400),
            (self.docu, self.path_, {"action": "returned", "reason": "r"}, {}, 400),
            (self.docu, self.path_, {"action": "accessed"}, {}, 400),
            (self.docu, self.path_, {"action": "accessed", "reason": "r", "extra": "x"}, {}, 400),
            (self.docu, f"/api/v1/evidence/{'0' * 64}/custody",
             {"action": "accessed", "reason": "r"}, {}, 404),
        ]
        for client, path, request, kw, status in refused:
            r = client.post(path, request, **kw)
            self.assertEqual(r.status, status, (request, r.text()))
        r = self.docu.post(self.path_, {"action": "returned", "reason": "r"})
        self.assertIn("counterpart", r.json()["error"]["message"])
        self.assertEqual(self.leaves(), after)

        # Anyone who may read the file reads the chain.
        chain = self.viewer.get(self.path_).json()["custody"]
        self.assertEqual([e["action"] for e in chain], ["transferred", "received"]
                         if chain[0]["date"] < chain[1]["date"] else ["received", "transferred"])
        # A download is an access by the signed-in user.
        self.assertEqual(self.viewer.get(f"/api/v1/evidence/{self.sha}/content").status, 200)
        chain = self.docu.get(self.path_).json()["custody"]
        self.assertIn(("accessed", "viewer1"), [(e["action"], e["actor"]) for e in chain])
        self.assertEqual(self.leaves(), after + 1)

    def test_openapi_lists_the_route(self):
        doc = self.docu.get("/api/v1/openapi.json").json()
        self.assertIn("post", doc["paths"]["/api/v1/evidence/{sha256}/custody"])
        self.assertIn("get", doc["paths"]["/api/v1/evidence/{sha256}/custody"])


if __name__ == "__main__":
    unittest.main()
