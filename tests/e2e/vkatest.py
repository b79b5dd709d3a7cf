"""Shared helpers for the end-to-end tests: run the built `vka` binary as a
user would, in throwaway workspaces, and snapshot a workspace's full state."""
import os
import sqlite3
import subprocess
import tempfile
import unittest

VKA = os.environ.get("VKA_BIN", os.path.join(os.path.dirname(__file__), "../../build/vka"))
SOURCE_DIR = os.environ.get("VKA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))


def run(*args, cwd=None, env=None, input=None, preexec_fn=None):
    """Runs vka; returns CompletedProcess with text stdout/stderr."""
    full_env = dict(os.environ)
    full_env.pop("VKA_WORKSPACE", None)
    full_env["VKA_ACTOR"] = "e2e"
    if env:
        full_env.update(env)
    return subprocess.run([VKA, *args], cwd=cwd, env=full_env, input=input,
                          capture_output=True, text=True, preexec_fn=preexec_fn)


class VkaTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-")
        self.tmp = self._tmp.name
        self.ws = os.path.join(self.tmp, "ws")
        self.ok("init", self.ws, "--name", "E2E test (synthetic)")

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode) as f:
            f.write(data)
        return self.path(name)

    def vka(self, *args, **kw):
        return run("--workspace", self.ws, *args, **kw)

    def ok(self, *args, **kw):
        r = run(*args, **kw) if args and args[0] == "init" else self.vka(*args, **kw)
        self.assertEqual(r.returncode, 0, f"vka {' '.join(args)} failed:\n{r.stderr}")
        return r.stdout

    def fails(self, code, *args, **kw):
        r = self.vka(*args, **kw)
        self.assertEqual(r.returncode, code,
                         f"expected exit {code} from vka {' '.join(args)}, got {r.returncode}\n"
                         f"stdout: {r.stdout}\nstderr: {r.stderr}")
        return r.stderr

    def snapshot(self):
        """Every revision, every log leaf and every published log file, byte
        for byte: equal snapshots mean an unchanged workspace."""
        db = sqlite3.connect(f"file:{os.path.join(self.ws, 'vka.db')}?mode=ro", uri=True)
        try:
            revisions = db.execute(
                "SELECT id, rev, kind, at, by, reason, body, salt, deleted "
                "FROM revisions ORDER BY id, rev").fetchall()
            leaves = db.execute("SELECT seq, entry, ref FROM log_leaves ORDER BY seq").fetchall()
        finally:
            db.close()
        log = {}
        for root, _, files in os.walk(os.path.join(self.ws, "log")):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    log[os.path.relpath(os.path.join(root, name), self.ws)] = f.read()
        return revisions, leaves, log
