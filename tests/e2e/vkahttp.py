"""Helpers for the web server's end-to-end tests: start the real `vka serve`
on a free loopback port against a workspace, talk to it with http.client
(a small cookie-keeping client), and stop it with SIGTERM."""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.parse

from vkatest import VKA

PASSWORD_SUFFIX = "-SYNTHETIC-pw-0"


def demo_workspace(prefix):
    """A fresh `vka demo` workspace in a new temporary folder; returns the
    TemporaryDirectory (clean it up) and the workspace's path."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    ws = os.path.join(tmp.name, "demo")
    r = subprocess.run([VKA, "demo", ws], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return tmp, ws


def exported_records(ws):
    """Every current record of the workspace, as `vka export` writes them."""
    r = subprocess.run([VKA, "--workspace", ws, "export"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `vka serve`; its stderr (the request log) is kept."""

    def __init__(self, ws, extra_args=(), tls=False):
        self.port = free_port()
        self.log_path = os.path.join(os.path.dirname(ws.rstrip("/")), f"serve-{self.port}.log")
        self._log = open(self.log_path, "wb")
        env = dict(os.environ)
        env.pop("VKA_WORKSPACE", None)
        self.proc = subprocess.Popen(
            [VKA, "--workspace", ws, "serve", "--listen", f"127.0.0.1:{self.port}", *extra_args],
            stdout=subprocess.DEVNULL, stderr=self._log, env=env)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("vka serve exited early:\n" + self.log())
            try:
                if tls:
                    conn = http.client.HTTPSConnection(
                        "127.0.0.1", self.port, timeout=2, context=ssl._create_unverified_context())
                else:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("vka serve did not come up:\n" + self.log())

    def log(self):
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        """SIGTERM; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.body)

    def text(self):
        return self.body.decode("utf-8", "replace")


class Client:
    """Keeps the session cookie and the CSRF token like the browser UI."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, params=None, csrf=True):
        if params:
            path += "?" + urllib.parse.urlencode(params, doseq=True)
        h = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        if self.cookie:
            h["Cookie"] = "vka_session=" + self.cookie
        if csrf and self.csrf and method in ("POST", "PUT", "PATCH", "DELETE"):
            h.setdefault("X-CSRF-Token", self.csrf)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        for value in resp.headers_named("Set-Cookie"):
            name, _, rest = value.partition("=")
            if name == "vka_session":
                token = rest.split(";")[0]
                self.cookie = token or None
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, name, password):
        r = self.post("/api/v1/session", {"name": name, "password": password})
        if r.status == 200:
            self.csrf = r.json()["csrf"]
        return r


def add_user(ws, name, role):
    """Creates a user with `vka user add --password-stdin` and returns the
    password. New users must change their password: change_password does."""
    password = name + PASSWORD_SUFFIX
    r = subprocess.run([VKA, "--workspace", ws, "user", "add", name, "--role", role,
                        "--password-stdin"], input=password + "\n", capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"vka user add {name} failed: {r.stderr}")
    return password


def signed_in(server, ws, name, role):
    """A client signed in as a new user of the role (password changed once,
    as the server requires of new accounts)."""
    password = add_user(ws, name, role)
    client = server.client()
    r = client.login(name, password)
    if r.status != 200:
        raise RuntimeError(f"login {name}: {r.status} {r.text()}")
    if r.json().get("must_change_password"):
        new_password = password + "-changed"
        r = client.post("/api/v1/session/password",
                        {"password": password, "new_password": new_password})
        if r.status != 200:
            raise RuntimeError(f"password change {name}: {r.status} {r.text()}")
        r = client.login(name, new_password)
        if r.status != 200:
            raise RuntimeError(f"login {name} after change: {r.status} {r.text()}")
    return client
