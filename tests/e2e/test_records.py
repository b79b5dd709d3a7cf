"""The record commands from the README's tour: add, edit, delete, show, list,
history, vocab."""
import json
import unittest

from vkatest import VkaTestCase, run

PERSON = {"names": [{"value": "Հովհաննիսյան", "script": "Armn", "part": "family"},
                    {"value": "Оганесян", "script": "Cyrl", "part": "family"}],
          "status": "missing", "birth": "1961~"}


class RecordCommands(VkaTestCase):
    def add_person(self):
        return self.ok("add", "person", "--json", json.dumps(PERSON, ensure_ascii=False)).strip()

    def test_add_show_edit_history(self):
        pid = self.add_person()
        self.assertRegex(pid, r"^per_[0-9A-HJKMNP-TV-Z]{26}$")
        body = json.loads(self.ok("show", pid, "--format", "json"))
        self.assertEqual(body["status"], "missing")
        self.assertEqual(body["confidentiality"], "internal")
        self.assertIn("rev 2", self.ok("edit", pid, "--set", "status=deceased",
                                       "--reason", "death certificate received"))
        text = self.ok("show", pid)
        self.assertIn("rev 2", text)
        self.assertIn("death certificate received", text)
        history = self.ok("history", pid)
        self.assertIn("rev 1", history)
        self.assertIn("status: \"missing\" → \"deceased\"", history)
        self.assertEqual(history.count("commitment "), 2)

    def test_delete_keeps_history(self):
        pid = self.add_person()
        self.ok("delete", pid, "--reason", "entered twice")
        self.assertIn("DELETED", self.ok("show", pid))
        self.assertNotIn(pid, self.ok("list", "person"))
        self.assertIn(pid, self.ok("list", "person", "--deleted"))
        self.assertIn("rev 2", self.ok("history", pid))
        self.assertIn("needs --reason", self.fails(2, "edit", pid, "--set", "status=alive",
                                                   "--reason", ""))

    def test_list_with_where_and_limit(self):
        place = self.ok("add", "place", "--json", '{"names":[{"value":"Fictional street"}]}').strip()
        pid = self.add_person()
        for kind in ("killing", "beating", "killing"):
            self.ok("add", "act", "--json",
                    json.dumps({"type": kind, "victim": pid, "place": place}))
        out = self.ok("list", "act", "--where", "type=killing", "--where", f"place={place}")
        self.assertEqual(len(out.strip().splitlines()), 2)
        self.assertEqual(len(self.ok("list", "act", "--limit", "1").strip().splitlines()), 1)
        nd = self.ok("list", "act", "--where", "type=beating", "--format", "ndjson")
        self.assertEqual(json.loads(nd)["type"], "beating")

    def test_errors_name_the_field_and_change_nothing(self):
        before = self.snapshot()
        err = self.fails(2, "add", "person", "--json",
                         '{"names":[{"value":"A","script":"Armm"}],"birth":"1990-02-30"}')
        self.assertIn("names[0].script: unknown script code \"Armm\"", err)
        self.assertIn("birth: invalid EDTF date \"1990-02-30\"", err)
        self.assertIn("not a record id", self.fails(2, "show", "per_123"))
        self.assertIn("no record", self.fails(3, "show", "per_01ARYZ6S41TSV4RRFFQ69G5FAV"))
        self.assertEqual(self.snapshot(), before)

    def test_vocab_lists_labels_in_three_languages(self):
        out = self.ok("vocab", "act_type")
        line = next(l for l in out.splitlines() if l.startswith("killing\t"))
        self.assertEqual(len(line.split("\t")), 4)
        self.assertIn("act_type", self.ok("vocab"))

    def test_workspace_adds_vocabulary_terms(self):
        import os
        err = self.fails(2, "add", "act", "--json", '{"type":"cutting_of_utilities"}')
        self.assertIn('unknown act_type code "cutting_of_utilities"', err)
        with open(os.path.join(self.ws, "vocab", "act_type.toml"), "w", encoding="utf-8") as f:
            f.write('name = "act_type"\n[label]\nen = "Act type"\nhy = "Արարքի տեսակ"\n'
                    'ru = "Вид деяния"\n[[term]]\ncode = "cutting_of_utilities"\n'
                    'en = "Cutting of utilities"\nhy = "Կոմունալ ծառայությունների անջատում"\n'
                    'ru = "Отключение коммунальных услуг"\n')
        self.ok("add", "act", "--json", '{"type":"cutting_of_utilities"}')
        self.assertIn("(workspace)", self.ok("vocab", "act_type"))

    def test_data_model_doc_matches_the_schema(self):
        import os
        from vkatest import SOURCE_DIR
        with open(os.path.join(SOURCE_DIR, "docs", "data-model.md"), encoding="utf-8") as f:
            doc = f.read()
        generated = run("schema", "--format", "markdown").stdout
        self.assertIn(generated, doc, "docs/data-model.md is stale: regenerate it with "
                                      "`vka schema --format markdown`")

    def test_workspace_name_in_armenian_and_russian(self):
        ws = self.path("ws-hy")
        r = run("init", ws, "--name", "Բաքու 1988–1990 / Баку")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("--workspace", ws, "list", "person")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_missing_workspace_says_how_to_make_one(self):
        r = run("list", "person", cwd=self.tmp)
        self.assertEqual(r.returncode, 3)
        self.assertIn("vka init", r.stderr)
        r = run("init", self.ws, "--name", "again")
        self.assertEqual(r.returncode, 3)
        self.assertIn("not empty", r.stderr)


if __name__ == "__main__":
    unittest.main()
