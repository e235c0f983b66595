#!/usr/bin/python3
"""A tiny HTTP/1.1 server that says who it is; run inside an emulated server host.

Endpoints (GET only):
  /                         body "<name>\\n"
  /whoami                   JSON {"server", "peer", "local", "connection_requests"}
  /bytes?n=N                N bytes of the sb_pattern byte pattern, as fast as possible
  /stream?seconds=S&rate=R  S*R pattern bytes spread evenly over S seconds (long-lived connections)
Every response carries "X-Server: <name>". Every accepted connection, request and close is logged
with the peer ip:port to --log.

Deliberately not http.server: HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup
that stalls for many seconds inside a namespace that cannot reach the resolver.
"""
import argparse
import json
import os
import signal
import socketserver
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sb_pattern  # noqa: E402  (needs the path above)

MAX_LINE = 8192
MAX_BYTES = 1 << 32
SEND_CHUNK = 256 * 1024
STREAM_TICK_SECONDS = 0.05


class EventLog:
    """Line-oriented log shared by all connection threads; each line is flushed at once."""

    def __init__(self, path):
        self._file = open(path, "a", buffering=1, encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, event, **fields):
        now = time.time()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + ".%03dZ" % int(now % 1 * 1000)
        text = " ".join("%s=%s" % (k, v) for k, v in fields.items())
        with self._lock:
            self._file.write("%s %s %s\n" % (stamp, event, text))


class BadRequest(Exception):
    pass


def read_request(rfile):
    """Return (method, target, version, headers) or None at a clean end of stream."""
    line = rfile.readline(MAX_LINE + 1)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise BadRequest("bad request line %r" % line[:80])
    headers = {}
    while True:
        raw = rfile.readline(MAX_LINE + 1)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep:
            raise BadRequest("bad header line %r" % raw[:80])
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or "0")
    if length:
        rfile.read(length)
    return parts[0], parts[1], parts[2], headers


def int_param(query, name, default, low, high):
    values = query.get(name)
    if not values:
        return default
    try:
        value = float(values[0])
    except ValueError:
        raise BadRequest("%s=%r is not a number" % (name, values[0]))
    if not low <= value <= high:
        raise BadRequest("%s=%s is outside [%s, %s]" % (name, values[0], low, high))
    return value


class Handler(socketserver.BaseRequestHandler):
    """One TCP connection; serves keep-alive requests until the client closes."""

    def setup(self):
        self.sock = self.request
        self.sock.settimeout(self.server.idle_timeout)
        self.peer = "%s:%d" % self.client_address[:2]
        self.local = "%s:%d" % self.sock.getsockname()[:2]
        self.requests = 0
        self.server.events.write("accept", peer=self.peer, local=self.local)

    def handle(self):
        rfile = self.sock.makefile("rb")
        try:
            while True:
                try:
                    request = read_request(rfile)
                except BadRequest as bad:
                    self.respond(400, str(bad).encode() + b"\n", keep_alive=False, path="-")
                    return
                if request is None:
                    return
                self.requests += 1
                method, target, version, headers = request
                keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                if not self.dispatch(method, target, keep_alive):
                    return
                if not keep_alive:
                    return
        except (OSError, ValueError) as problem:
            self.server.events.write("error", peer=self.peer, error=type(problem).__name__,
                                     detail=str(problem).replace(" ", "_"))
        finally:
            rfile.close()

    def finish(self):
        self.server.events.write("close", peer=self.peer, requests=self.requests)

    def dispatch(self, method, target, keep_alive):
        url = urlsplit(target)
        path = url.path
        if method != "GET":
            return self.respond(405, b"GET only\n", keep_alive, path)
        try:
            query = parse_qs(url.query)
            if path == "/":
                return self.respond(200, (self.server.name + "\n").encode(), keep_alive, path)
            if path == "/whoami":
                body = json.dumps({"server": self.server.name, "peer": self.peer, "local": self.local,
                                   "connection_requests": self.requests}) + "\n"
                return self.respond(200, body.encode(), keep_alive, path, "application/json")
            if path == "/bytes":
                n = int(int_param(query, "n", 1 << 20, 0, MAX_BYTES))
                return self.send_pattern(n, 0.0, keep_alive, path)
            if path == "/stream":
                seconds = int_param(query, "seconds", 10, 0, 24 * 3600)
                rate = int_param(query, "rate", 16 * 1024, 1, 1 << 30)
                return self.send_pattern(int(seconds * rate), seconds, keep_alive, path)
        except BadRequest as bad:
            return self.respond(400, str(bad).encode() + b"\n", keep_alive, path)
        return self.respond(404, b"no such path\n", keep_alive, path)

    def head(self, status, length, keep_alive, content_type):
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}[status]
        return ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nX-Server: %s\r\n"
                "Connection: %s\r\n\r\n" % (status, reason, content_type, length, self.server.name,
                                            "keep-alive" if keep_alive else "close")).encode()

    def respond(self, status, body, keep_alive, path, content_type="text/plain"):
        self.sock.sendall(self.head(status, len(body), keep_alive, content_type) + body)
        self.server.events.write("request", peer=self.peer, path=path, status=status, bytes=len(body))
        return True

    def send_pattern(self, total, seconds, keep_alive, path):
        """Send total pattern bytes; with seconds > 0 pace them evenly over that time."""
        self.sock.sendall(self.head(200, total, keep_alive, "application/octet-stream"))
        started = time.monotonic()
        sent = 0
        if seconds > 0:
            ticks = max(1, int(seconds / STREAM_TICK_SECONDS))
            for tick in range(1, ticks + 1):
                target = total * tick // ticks
                self.sock.sendall(sb_pattern.chunk(sent, target - sent))
                sent = target
                # Pacing, not synchronisation: the stream must last `seconds` by design.
                delay = started + seconds * tick / ticks - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
        while sent < total:
            size = min(SEND_CHUNK, total - sent)
            self.sock.sendall(sb_pattern.chunk(sent, size))
            sent += size
        self.server.events.write("request", peer=self.peer, path=path, status=200, bytes=total,
                                 ms=int((time.monotonic() - started) * 1000))
        return True


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 512

    def __init__(self, address, name, events, idle_timeout):
        self.name = name
        self.events = events
        self.idle_timeout = idle_timeout
        super().__init__(address, Handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", required=True, help="what the server answers, e.g. web-1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--bind", default="0.0.0.0")
    parser.add_argument("--log", required=True, help="connection log file (appended)")
    parser.add_argument("--ready-file", help="written once the socket listens")
    parser.add_argument("--idle-timeout", type=float, default=900.0, help="seconds a connection may idle")
    parser.add_argument("--run-dir", help="run directory; only recorded so clean-up can recognise us")
    args = parser.parse_args(argv)

    events = EventLog(args.log)
    server = Server((args.bind, args.port), args.name, events, args.idle_timeout)

    def stop(signum, _frame):
        events.write("stop", signal=signum, pid=os.getpid())
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    events.write("listen", name=args.name, address="%s:%d" % (args.bind, args.port), pid=os.getpid())
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w") as ready:
            ready.write("%d\n" % os.getpid())
        os.replace(args.ready_file + ".tmp", args.ready_file)
    server.serve_forever(poll_interval=0.5)


if __name__ == "__main__":
    main()
