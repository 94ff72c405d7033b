"""Server memory while oversized requests are refused, against a real `sync-server` process.

    .venv/bin/python bench/limits.py [--only sqlite|postgresql] [--gb 1] [--items 1000000]

Sends (1) a push body of --gb GiB, declared by Content-Length; (2) the same streamed chunked,
without a length; (3) a push batch of --items minimal changes (about 60 MB); (4) a batch of
--items empty objects (3 MB, under the body limit: refused by its count of separators). Prints
each answer and the server process's resident memory before and its peak (VmHWM) after each.
Goal: the server's peak stays under 300 MB.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[1])

from tests.server.harness import PgCluster, ServerProcess, new_server_db  # noqa: E402
from tests.server.test_api import hdrs  # noqa: E402


def mem_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of the process in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def send_declared(port: int, token: str, size: int) -> str:
    """A body of `size` bytes with its Content-Length, sent until the server stops reading."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = "".join(f"{k}: {v}\r\n" for k, v in hdrs(token).items())
    sock.sendall(f"POST /v1/push HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {size}\r\n\r\n".encode())
    return _stream(sock, size, chunked=False)


def send_chunked(port: int, token: str, size: int) -> str:
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = "".join(f"{k}: {v}\r\n" for k, v in hdrs(token).items())
    sock.sendall(f"POST /v1/push HTTP/1.1\r\nHost: x\r\n{head}Transfer-Encoding: chunked\r\n\r\n".encode())
    return _stream(sock, size, chunked=True)


def _stream(sock: socket.socket, size: int, *, chunked: bool) -> str:
    block = b'{"changes": [' + b" " * ((1 << 20) - 13)
    sent = 0
    try:
        while sent < size:
            part = block[: min(len(block), size - sent)]
            sock.sendall(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
            sent += len(part)
            block = b" " * len(block)
    except OSError:
        pass  # answered and closed by the server
    try:
        answer = sock.recv(4096).decode(errors="replace")
    except OSError as exc:
        answer = f"(connection closed: {exc})"
    sock.close()
    return f"{answer.splitlines()[0] if answer else '(no answer)'} after {sent / (1 << 20):,.0f} MB sent"


def send_body(port: int, token: str, body: bytes) -> str:
    """The whole body with its length; the answer is read even when the server refused early."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=300)
    head = "".join(f"{k}: {v}\r\n" for k, v in hdrs(token).items())
    sock.sendall(f"POST /v1/push HTTP/1.1\r\nHost: x\r\n{head}Content-Type: application/json\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n".encode())
    sent = 0
    try:
        for i in range(0, len(body), 1 << 20):
            sock.sendall(body[i:i + (1 << 20)])
            sent = i + (1 << 20)
    except OSError:
        pass
    answer = sock.recv(65536).decode(errors="replace")
    sock.close()
    status = answer.splitlines()[0] if answer else "(no answer)"
    reason = answer.split("\r\n\r\n", 1)[-1][:60]
    return f"{status} {reason} ({min(sent, len(body)) / (1 << 20):,.0f} of {len(body) / (1 << 20):,.0f} MB sent)"


def run(kind: str, args: argparse.Namespace, pg: PgCluster | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"bd-limits-{kind}-"))
    db_url = new_server_db(kind, tmp, pg)
    srv = ServerProcess(db_url, tmp / "blobs", tmp / "server.log").start()
    try:
        from tests.server.harness import enrolment_code

        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
        conn.request("POST", "/v1/enrol", body=f'{{"code": "{enrolment_code(db_url, "GD0101")}"}}',
                     headers={**hdrs(), "Content-Type": "application/json"})
        import json

        token = json.loads(conn.getresponse().read())["token"]
        conn.close()
        pid = srv.proc.pid
        print(f"== {kind} ==  server at start: {mem_mb(pid)[0]:.0f} MB")
        size = int(args.gb * (1 << 30))
        item = b'{"change_id":"%08d","table":"proposals","row_id":"r","payload":"{}"}'
        cases = [
            (f"{args.gb:g} GB body, Content-Length", lambda: send_declared(srv.port, token, size)),
            (f"{args.gb:g} GB body, chunked", lambda: send_chunked(srv.port, token, size)),
            (f"{args.items:,} changes",
             lambda: send_body(srv.port, token, b'{"changes":[' + b",".join(item % i for i in range(args.items)) + b"]}")),
            (f"{args.items:,} empty objects",
             lambda: send_body(srv.port, token, b'{"changes":[' + b",".join([b"{}"] * args.items) + b"]}")),
        ]
        for label, fn in cases:
            before = mem_mb(pid)[0]
            t0 = time.perf_counter()
            answer = fn()
            took = time.perf_counter() - t0
            now, peak = mem_mb(pid)
            print(f"{label:<32} {answer[:110]:<110} {took:5.1f} s  server {before:.0f} -> peak {peak:.0f} MB (now {now:.0f})")
        print(f"server peak resident memory over all: {mem_mb(pid)[1]:.0f} MB (goal < 300 MB)")
        sys.stdout.flush()
    finally:
        srv.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--items", type=int, default=1_000_000)
    args = ap.parse_args()
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    pg = PgCluster() if "postgresql" in kinds else None
    try:
        for kind in kinds:
            run(kind, args, pg)
    finally:
        if pg:
            pg.stop()


if __name__ == "__main__":
    main()
