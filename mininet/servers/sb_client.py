#!/usr/bin/python3
"""Test client run inside an emulated client host: opens connections and reports who answered.

Prints one JSON document: {"results": [ {...}, ... ]} with one entry per connection:
  index, ok, error, server (X-Server of the last response), servers (one per request), status,
  local_port, bytes, pattern_ok (for /bytes and /stream), ms (connect to last byte), body (first 200 chars).
Exit status 0 even if connections fail: the caller judges the results.
"""
import argparse
import json
import os
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sb_pattern  # noqa: E402  (needs the path above)

RECV_SIZE = 256 * 1024


class Progress:
    """Writes the number of body bytes received so far to a file, at most every interval seconds."""

    def __init__(self, path, interval=0.1):
        self.path = path
        self.interval = interval
        self.last = 0.0

    def update(self, received, force=False):
        if not self.path:
            return
        now = time.monotonic()
        if force or now - self.last >= self.interval:
            self.last = now
            with open(self.path + ".tmp", "w") as out:
                out.write("%d\n" % received)
            os.replace(self.path + ".tmp", self.path)


class Reader:
    """Buffered reads from a socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def line(self):
        while b"\n" not in self.buf:
            data = self.sock.recv(RECV_SIZE)
            if not data:
                raise ConnectionError("connection closed in the response head")
            self.buf += data
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r").decode("latin-1")

    def body(self, length, verify, progress):
        """Read length bytes; keep only the first 200; check the pattern as bytes arrive."""
        kept = b""
        got = 0
        pattern_ok = True
        while got < length:
            if self.buf:
                data, self.buf = self.buf[:length - got], self.buf[length - got:]
            else:
                data = self.sock.recv(min(RECV_SIZE, length - got))
                if not data:
                    raise ConnectionError("connection closed after %d of %d body bytes" % (got, length))
            if verify and pattern_ok and sb_pattern.first_mismatch(data, got) >= 0:
                pattern_ok = False
            if len(kept) < 200:
                kept += data[:200 - len(kept)]
            got += len(data)
            progress.update(got)
        progress.update(got, force=True)
        return kept, got, pattern_ok


def one_connection(index, args):
    result = {"index": index, "ok": False, "error": None, "server": None, "servers": [], "status": None,
              "local_port": None, "bytes": 0, "pattern_ok": None, "ms": None, "body": None}
    verify = args.path.startswith("/bytes") or args.path.startswith("/stream")
    progress = Progress(args.progress_file if index == 0 else None)
    started = time.monotonic()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(args.timeout)
        if args.bind_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("0.0.0.0", args.bind_port + index))
        sock.connect((args.host, args.port))
        result["local_port"] = sock.getsockname()[1]
        reader = Reader(sock)
        for req in range(args.requests):
            last = req == args.requests - 1
            head = "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: %s\r\n\r\n" % (
                args.path, args.host, "close" if last else "keep-alive")
            sock.sendall(head.encode())
            status = int(reader.line().split()[1])
            headers = {}
            while True:
                line = reader.line()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body, got, pattern_ok = reader.body(int(headers.get("content-length", "0")), verify, progress)
            result["status"] = status
            result["servers"].append(headers.get("x-server"))
            result["server"] = headers.get("x-server")
            result["bytes"] += got
            if not verify:
                result["body"] = body.decode("latin-1")
            if verify:
                result["pattern_ok"] = pattern_ok if result["pattern_ok"] is None else (
                    result["pattern_ok"] and pattern_ok)
            if args.pause and not last:
                time.sleep(args.pause)  # the test wants idle gaps between requests on one connection
        result["ok"] = result["status"] == 200 and result["pattern_ok"] is not False
    except (OSError, ValueError, IndexError) as problem:
        result["error"] = "%s: %s" % (type(problem).__name__, problem)
    finally:
        sock.close()
        result["ms"] = int((time.monotonic() - started) * 1000)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="VIP or server address")
    parser.add_argument("--port", type=int, default=80)
    parser.add_argument("--path", default="/")
    parser.add_argument("--count", type=int, default=1, help="number of connections")
    parser.add_argument("--parallel", type=int, default=1, help="connections open at the same time")
    parser.add_argument("--requests", type=int, default=1, help="keep-alive requests per connection")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between requests on a connection")
    parser.add_argument("--timeout", type=float, default=5.0, help="socket timeout per operation, seconds")
    parser.add_argument("--bind-port", type=int, default=0, help="first local port (connection i uses +i)")
    parser.add_argument("--progress-file", help="connection 0 writes its received byte count here")
    parser.add_argument("--run-dir", help="run directory; only recorded so clean-up can recognise us")
    args = parser.parse_args(argv)
    if args.count < 1 or args.parallel < 1 or args.requests < 1:
        parser.error("--count, --parallel and --requests must be at least 1")

    lock = threading.Lock()
    results = []

    def run(index):
        outcome = one_connection(index, args)
        with lock:
            results.append(outcome)

    with ThreadPoolExecutor(max_workers=min(args.parallel, args.count)) as pool:
        list(pool.map(run, range(args.count)))
    results.sort(key=lambda r: r["index"])
    json.dump({"results": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
