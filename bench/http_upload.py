#!/usr/bin/env python3
"""Uploads SIZE bytes (default 2 GiB, zeros and a counter: SYNTHETIC) to a
running `vka serve` through the resumable upload API in chunks of CHUNK
bytes, streaming each chunk from a generator (constant memory here too).
Usage: http_upload.py PORT COOKIE CSRF SOURCE [SIZE] [CHUNK]"""
import http.client
import json
import sys
import time

port, cookie, csrf, source = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
size = int(sys.argv[5]) if len(sys.argv) > 5 else 2 << 30
chunk = int(sys.argv[6]) if len(sys.argv) > 6 else 256 << 20
headers = {"Cookie": "vka_session=" + cookie, "X-CSRF-Token": csrf}


def call(method, path, body=None, extra=None):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)
    h = dict(headers, **(extra or {}))
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    if r.status >= 300:
        sys.exit(f"{method} {path}: {r.status} {data[:300]!r}")
    return json.loads(data)


class Zeros:
    """A file-like body of n bytes that never holds more than one block."""

    def __init__(self, n, offset):
        self.left, self.offset = n, offset

    def read(self, want=1 << 20):
        n = min(want, self.left, 1 << 20)
        if n <= 0:
            return b""
        block = self.offset.to_bytes(8, "big") + bytes(n - 8) if n >= 8 else bytes(n)
        self.left -= n
        self.offset += n
        return block


start = time.time()
up = call("POST", "/api/v1/uploads", json.dumps({"name": "bench.bin", "size": size, "source": source}),
          {"Content-Type": "application/json"})["upload_id"]
offset = 0
while offset < size:
    n = min(chunk, size - offset)
    got = call("PUT", f"/api/v1/uploads/{up}", Zeros(n, offset),
               {"Content-Range": f"bytes {offset}-{offset + n - 1}/{size}",
                "Content-Length": str(n), "Content-Type": "application/octet-stream"})
    offset = got["received"]
done = call("POST", f"/api/v1/uploads/{up}/finish", json.dumps({"source": source}),
            {"Content-Type": "application/json"})
print(f"uploaded {size} bytes in {time.time() - start:.1f} s, sha256 {done['sha256'][:16]}…")
