"""vka search (docs/search.md): names across scripts, text in transcripts,
access filtering of hits and counts, deleted records, hostile queries, the
index as rebuildable derived data. All data SYNTHETIC."""
import json
import os
import subprocess
import unittest

from vkatest import VKA, VkaTestCase


class Search(VkaTestCase):
    def add(self, kind, body):
        return self.ok("add", kind, "--json", json.dumps(body, ensure_ascii=False)).strip()

    def person(self, name, **extra):
        return self.add("person", {"names": [{"value": name}], **extra})

    def search(self, *args):
        out = json.loads(self.ok("search", *args, "--format", "json"))
        return out

    def ids(self, *args):
        return sorted(h["id"] for h in self.search(*args)["hits"])

    def test_a_name_is_found_in_every_script(self):
        same = sorted([self.person("Оганесян"), self.person("Հովհաննիսյան"),
                       self.person("Hovhannisyan"), self.person("Ovanesyan")])
        self.person("Petrosyan")
        for query in ("Оганесян", "Հովհաննիսյան", "Hovhannisyan", "Ovanesyan"):
            self.assertEqual(self.ids(query), same, query)
        text = self.ok("search", "Ovanesyan")
        self.assertIn("[Ovanesyan]", text)
        self.assertTrue(text.endswith("1–4 of 4\n"), text)

    def test_transcripts_and_translations_with_snippets(self):
        src = self.add("source", {
            "type": "testimony", "title": "Interview 3 (SYNTHETIC)",
            "transcript": "Գիշերը մենք փախանք գյուղից։",
            "translations": [{"language": "en", "text": "At night we fled the village."}]})
        self.add("event", {"title": "Unrelated (SYNTHETIC)", "description": "A meeting."})
        out = self.search("fled village")
        self.assertEqual([h["id"] for h in out["hits"]], [src])
        self.assertEqual(out["hits"][0]["snippet"], "At night we [fled] the [village].")
        self.assertEqual(out["hits"][0]["label"], "Interview 3 (SYNTHETIC)")
        self.assertEqual(self.ids("գիշերը"), [src])
        self.assertEqual(self.ids("gishery"), [src])  # its Latin spelling
        self.assertEqual(self.ids("village", "--kind", "event"), [])

    def test_hits_and_counts_hold_only_what_the_role_may_read(self):
        public = self.person("Grigoryan", confidentiality="public")
        internal = self.person("Grigoryan")
        restricted = self.person("Grigoryan", confidentiality="restricted")
        sealed = self.person("Grigoryan", confidentiality="sealed")
        viewer = self.search("Grigoryan", "--role", "viewer")
        self.assertEqual(sorted(h["id"] for h in viewer["hits"]), sorted([public, internal]))
        self.assertEqual(viewer["total"], 2)
        self.assertEqual(self.search("Grigoryan", "--role", "reviewer")["total"], 3)
        self.assertEqual(self.search("Grigoryan")["total"], 4)  # admin
        self.assertIn(sealed, self.ids("Grigoryan"))
        # Paging comes after filtering: the viewer's third hit does not exist.
        page = self.search("Grigoryan", "--role", "viewer", "--limit", "1", "--offset", "2")
        self.assertEqual(page["hits"], [])
        self.assertEqual(page["total"], 2)
        self.assertNotIn(restricted, self.ok("search", "Grigoryan", "--role", "viewer"))

    def test_sensitive_fields_are_never_found(self):
        self.person("Karapetyan", contacts="Zvartnots street 5 (SYNTHETIC)",
                    current_location="Gyumri shelter", national_identity="AM000000")
        for query in ("Zvartnots", "Gyumri", "AM000000"):
            self.assertEqual(self.search(query)["total"], 0, query)
        self.assertNotIn("Gyumri", self.ok("search", "Karapetyan"))

    def test_deleted_and_edited_records_drop_out(self):
        gone = self.person("Melikyan")
        self.assertEqual(self.ids("Melikyan"), [gone])
        self.ok("delete", gone, "--reason", "entered twice")
        self.assertEqual(self.search("Melikyan")["total"], 0)
        later = self.person("Melikyan")
        self.assertEqual(self.ids("Melikyan"), [later])

    def test_hostile_queries_are_words_or_clear_errors(self):
        pid = self.person("Nazaryan")
        for query in ('"Nazaryan', "Nazaryan*", "(Nazaryan", "Nazaryan)", ":Nazaryan",
                      'Nazaryan"*', "'; --Nazaryan", "^Nazaryan{", "Nazaryan'"):
            self.assertEqual(self.ids(query), [pid], query)
        # Operators are words like any other, and every word must match.
        for query in ("NEAR(Nazaryan", "Nazaryan OR", "words:Nazaryan",
                      "'; DROP TABLE docs; --Nazaryan"):
            self.assertEqual(self.ids(query), [], query)
        for query in ('"', "*", "()", "("):
            err = self.fails(2, "search", query)
            self.assertIn("no words to look for", err)
            self.assertNotIn("fts5", err.lower())
            self.assertNotIn("sql", err.lower())
        self.assertIn("unknown role", self.fails(2, "search", "x", "--role", "root"))
        self.assertIn("limit", self.fails(2, "search", "x", "--limit", "0"))
        self.assertIn("give words", self.fails(2, "search"))

    def test_the_index_is_derived_data(self):
        pid = self.person("Vardanyan")
        self.assertEqual(self.ids("Vardanyan"), [pid])
        index = os.path.join(self.ws, "index", "search.db")
        self.assertTrue(os.path.exists(index))
        before = self.snapshot()
        self.assertIn("search index rebuilt: 1 records", self.ok("search", "--rebuild"))
        with open(index, "wb") as f:  # damaged: rebuilt by the next search
            f.write(b"not a database" * 1000)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(index + suffix):
                os.remove(index + suffix)
        self.assertEqual(self.ids("Vardanyan"), [pid])
        self.assertEqual(self.snapshot(), before)  # search never writes the store
        self.ok("verify")

    def test_search_works_while_another_process_writes(self):
        pid = self.person("Harutyunyan")
        lines = "\n".join(json.dumps({"kind": "person", "names": [{"value": f"Person {i}"}]})
                          for i in range(20000))
        big = self.write("big.ndjson", lines + "\n")
        env = dict(os.environ, VKA_ACTOR="e2e")
        env.pop("VKA_WORKSPACE", None)
        writer = subprocess.Popen([VKA, "--workspace", self.ws, "import", big], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.assertEqual(self.ids("Harutyunyan"), [pid])
        finally:
            self.assertEqual(writer.wait(), 0)
        self.assertEqual(self.search("Person")["total"], 20000)


if __name__ == "__main__":
    unittest.main()
