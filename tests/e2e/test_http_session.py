"""Sessions and CSRF of `vka serve`: cookie flags, sign-in errors, the CSRF
token on every state-changing request, logout, the forced password change
of new accounts, and the security headers on every response."""
import http.client
import ssl
import subprocess
import time
import unittest

import vkahttp
from vkatest import VkaTestCase


class HttpSessionTest(VkaTestCase):
    def setUp(self):
        super().setUp()
        self.password = vkahttp.add_user(self.ws, "docu", "documenter")
        self.server = vkahttp.Server(self.ws)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0, self.server.log())
        super().tearDown()

    def signed_in(self):
        return vkahttp.signed_in(self.server, self.ws, "admin1", "admin")

    def test_cookie_is_httponly_secure_strict(self):
        c = self.server.client()
        r = c.login("docu", self.password)
        self.assertEqual(r.status, 200, r.text())
        cookie = r.header("Set-Cookie")
        for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
            self.assertIn(flag, cookie)
        body = r.json()
        self.assertEqual(body["user"], "docu")
        self.assertEqual(body["role"], "documenter")
        self.assertTrue(body["csrf"])
        self.assertNotIn(c.cookie, r.text(), "the session token is only in the cookie")

    def test_wrong_password_is_401_with_one_message(self):
        c = self.server.client()
        wrong = c.login("docu", "not-the-password-at-all")
        unknown = c.login("nobody", "not-the-password-at-all")
        self.assertEqual(wrong.status, 401)
        self.assertEqual(unknown.status, 401)
        self.assertEqual(wrong.json()["error"]["message"], unknown.json()["error"]["message"])
        self.assertEqual(wrong.json()["error"]["code"], "unauthenticated")

    def test_api_needs_a_session(self):
        c = self.server.client()
        for path in ("/api/v1/session", "/api/v1/records?kind=person", "/api/v1/schema",
                     "/api/v1/export", "/api/v1/evidence"):
            r = c.get(path)
            self.assertEqual(r.status, 401, path)
            self.assertEqual(r.json()["error"]["code"], "unauthenticated")

    def test_new_account_must_change_password_first(self):
        c = self.server.client()
        r = c.login("docu", self.password)
        self.assertTrue(r.json()["must_change_password"])
        self.assertEqual(c.get("/api/v1/records", params={"kind": "person"}).status, 403)
        wrong = c.post("/api/v1/session/password",
                       {"password": "wrong-password-here", "new_password": "x" * 20})
        self.assertEqual(wrong.status, 403)
        ok = c.post("/api/v1/session/password",
                    {"password": self.password, "new_password": self.password + "-new"})
        self.assertEqual(ok.status, 200, ok.text())
        self.assertIsNone(c.cookie, "the cookie is cleared: sign in again")
        r = c.login("docu", self.password + "-new")
        self.assertFalse(r.json()["must_change_password"])
        self.assertEqual(c.get("/api/v1/records", params={"kind": "person"}).status, 200)

    def test_state_changing_requests_need_the_csrf_token(self):
        c = self.signed_in()
        person = {"kind": "person", "body": {"names": [{"value": "SYNTHETIC A"}]}}
        missing = c.post("/api/v1/records", person, csrf=False)
        self.assertEqual(missing.status, 403)
        self.assertIn("CSRF", missing.json()["error"]["message"])
        wrong = c.post("/api/v1/records", person, headers={"X-CSRF-Token": "0" * 64})
        self.assertEqual(wrong.status, 403)
        created = c.post("/api/v1/records", person)
        self.assertEqual(created.status, 201, created.text())
        rid = created.json()["id"]
        self.assertEqual(c.patch(f"/api/v1/records/{rid}", {"set": {"sex": "female"}, "reason": "r"},
                                 csrf=False).status, 403)
        self.assertEqual(c.delete(f"/api/v1/records/{rid}", params={"reason": "r"},
                                  csrf=False).status, 403)
        self.assertEqual(c.delete("/api/v1/session", csrf=False).status, 403)
        self.assertEqual(c.post("/api/v1/uploads", {"name": "a", "size": 1}, csrf=False).status, 403)
        self.assertEqual(c.post("/api/v1/import", "{}", csrf=False).status, 403)
        # Nothing of the refused requests was written.
        self.assertEqual(c.get(f"/api/v1/records/{rid}/history").json()["revisions"].__len__(), 1)

    def test_logout_invalidates_the_session(self):
        c = self.signed_in()
        token = c.cookie
        self.assertEqual(c.get("/api/v1/session").status, 200)
        r = c.delete("/api/v1/session")
        self.assertEqual(r.status, 204)
        self.assertIn("Max-Age=0", r.header("Set-Cookie"))
        c.cookie = token  # a stolen copy of the cookie no longer works
        self.assertEqual(c.get("/api/v1/session").status, 401)
        self.assertEqual(c.get("/api/v1/records", params={"kind": "person"}).status, 401)

    def test_security_headers_on_every_response(self):
        c = self.signed_in()
        for path in ("/healthz", "/api/v1/session", "/api/v1/nope", "/memorial", "/",
                     "/api/v1/memorial", "/log/checkpoint", "/api/v1/openapi.json"):
            r = c.get(path)
            csp = r.header("Content-Security-Policy")
            self.assertIsNotNone(csp, path)
            self.assertIn("default-src 'self'", csp)
            self.assertIn("script-src 'self'", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", path)
            self.assertEqual(r.header("Referrer-Policy"), "no-referrer", path)
            self.assertIsNone(r.header("Strict-Transport-Security"), "no HSTS without TLS")

    def test_request_log_has_no_query_values_or_secrets(self):
        c = self.server.client()
        c.login("docu", self.password)
        c.get("/api/v1/search", params={"q": "SecretSearchTerm"})
        c.get("/api/v1/records", params={"kind": "person", "where": "status=missing"})
        c.get("/healthz")  # the log line of a request is written after its response
        log = self.server.log()
        for _ in range(50):
            if "GET /healthz" in log.split("GET /api/v1/records", 1)[-1]:
                break
            time.sleep(0.05)
            log = self.server.log()
        self.assertIn("POST /api/v1/session 200", log)
        self.assertIn("GET /api/v1/records", log)
        for secret in ("SecretSearchTerm", "status=missing", self.password, c.cookie, c.csrf):
            self.assertNotIn(secret, log)


class HttpTlsTest(VkaTestCase):
    """Under TLS the same server adds HSTS."""

    def test_tls_serves_with_hsts(self):
        cert, key = self.path("cert.pem"), self.path("key.pem")
        made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                               "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"],
                              capture_output=True)
        if made.returncode != 0:
            self.skipTest("openssl cannot make a test certificate")
        server = vkahttp.Server(self.ws, ["--tls-cert", cert, "--tls-key", key], tls=True)
        try:
            conn = http.client.HTTPSConnection("127.0.0.1", server.port,
                                               context=ssl._create_unverified_context())
            conn.request("GET", "/healthz")
            r = conn.getresponse()
            self.assertEqual(r.status, 200)
            self.assertIn("max-age=", r.getheader("Strict-Transport-Security"))
            conn.close()
        finally:
            self.assertEqual(server.stop(), 0)
        self.assertEqual(self.vka("serve", "--tls-cert", cert).returncode, 2,
                         "a certificate without its key is refused")


if __name__ == "__main__":
    unittest.main()
