#!/usr/bin/python3
"""New TCP connections per second through the VIP (each one short HTTP GET, then close), against plain OVS.

One network (k dispatchers, the default web x3 on :80 and api x2 on :8080, m clients) with the real controller.
In every client host a load worker (this script's `worker` mode, asyncio, plain non-blocking sockets) runs a
closed loop of --concurrency connections at a time for --seconds: connect, `GET /` with `Connection: close`,
read the response, wait for the server's FIN, close; then the next. All workers start at the same instant.

Each round runs, back to back:
  * dispatcher: every connection to VIP:80; every SYN is a packet-in, the controller places the session and
    writes its rule on all k dispatchers. Afterwards the round checks the controller's counters (the
    sessionsPlaced delta over all dispatchers must be >= the completed connections) and that every session
    rule and every active session is gone again (polled with a deadline; FIN handling removes them);
  * plain OVS (unless --no-baseline): static flows of bench_throughput.PlainPath for every client x web server
    (router -> dispatcher 1 -> SAN, no NAT, no controller), connections spread round-robin over the web servers'
    real IPs; the flows are removed again afterwards, because on the dispatcher and SAN they would also catch
    the NATed VIP traffic.
Per run: completed connections/s (completed inside the window / window), failures by kind (connect timeout,
request timeout, reset, refused, bad answer), connect latency (connect() call to established, i.e. SYN to
SYN-ACK seen by the client) and request latency (request sent to response complete) p50/p99, and the CPU used
by the controller, ovs-vswitchd, the web servers and the workers. Medians over rounds are reported.

Run as root after ci/ovs-up.sh, with the controller jar built:
    /usr/bin/python3 mininet/bench_connections.py [--rounds 3] [--seconds 10] [--concurrency 16] [--out r.json]
Exit status 1 when a check failed (the result JSON and summary are written all the same).
"""
import argparse
import asyncio
import datetime
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from typing import Dict, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

RECV_SIZE = 4096


# --------------------------------------------------------------------------------------------------
# The load worker: runs inside a client host (python3 bench_connections.py worker ...), prints JSON.
# It imports nothing of Mininet, so it starts fast in the host's namespace.
# --------------------------------------------------------------------------------------------------

class Failed(Exception):
    """A connection that did not complete; kind is one of the failure counters."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


async def _read_response(loop, sock) -> str:
    """Read one HTTP response (head + Content-Length body); returns its X-Server header."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = await loop.sock_recv(sock, RECV_SIZE)
        if not data:
            raise Failed("bad_answer")
        buf += data
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split()
    if len(parts) < 2 or parts[1] != "200":
        raise Failed("bad_answer")
    headers = dict((name.strip().lower(), value.strip())
                   for name, _, value in (line.partition(":") for line in lines[1:]))
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        data = await loop.sock_recv(sock, RECV_SIZE)
        if not data:
            raise Failed("bad_answer")
        body += data
    return headers.get("x-server", "?")


async def _wait_eof(loop, sock):
    """Until the server's FIN: with Connection: close the server closes first, as HTTP/1.1 servers do."""
    while await loop.sock_recv(sock, RECV_SIZE):
        pass


async def _one_connection(loop, target: str, port: int, request: bytes, timeout: float, out: dict):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    started = time.perf_counter()
    phase = "connect"
    try:
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (target, port)), timeout)
            connected = time.perf_counter()
            local_port = sock.getsockname()[1]
            phase = "request"
            await loop.sock_sendall(sock, request)
            server = await asyncio.wait_for(_read_response(loop, sock), timeout)
            answered = time.perf_counter()
            phase = "close"
            await asyncio.wait_for(_wait_eof(loop, sock), timeout)
        except asyncio.TimeoutError:
            raise Failed(phase + "_timeout")
        except ConnectionRefusedError:
            raise Failed("refused")
        except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
            raise Failed("reset")
        except (OSError, ValueError) as problem:
            raise Failed("other_" + type(problem).__name__)
    except Failed as failure:
        out["errors"][failure.kind] += 1
        try:
            out["failed_ports"].append(sock.getsockname()[1])
        except OSError:
            pass
        sock.close()
        return False
    sock.close()
    finished = time.perf_counter()
    out["connect_ms"].append(round((connected - started) * 1000, 3))
    out["request_ms"].append(round((answered - connected) * 1000, 3))
    out["served_by"][server] += 1
    out["finished"].append(finished)
    out["ports"].append(local_port)
    return True


async def _closed_loop(targets: Sequence[str], port: int, path: str, concurrency: int, seconds: float,
                       timeout: float, start_at: float) -> dict:
    loop = asyncio.get_running_loop()
    out = {"connect_ms": [], "request_ms": [], "finished": [], "errors": Counter(), "served_by": Counter(),
           "ports": [], "failed_ports": [], "attempted": 0}
    requests = [("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (path, t)).encode() for t in targets]
    # A shared start instant (wall clock, the same in every namespace) lines the client hosts up.
    await asyncio.sleep(max(0.0, start_at - time.time()))
    begin = time.perf_counter()
    end = begin + seconds
    counter = [0]

    async def worker():
        while time.perf_counter() < end:
            i = counter[0]
            counter[0] += 1
            out["attempted"] += 1
            await _one_connection(loop, targets[i % len(targets)], port, requests[i % len(targets)], timeout, out)

    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    out["wall_seconds"] = time.perf_counter() - begin
    out["cpu_seconds"] = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    out["ok_in_window"] = sum(1 for f in out["finished"] if f <= end)
    out["ok"] = len(out.pop("finished"))
    return out


def worker_main(argv) -> int:
    parser = argparse.ArgumentParser(prog="bench_connections.py worker",
                                     description="closed-loop connection load from inside a client host")
    parser.add_argument("--target", action="append", required=True, help="address to connect to (repeatable)")
    parser.add_argument("--port", type=int, default=80)
    parser.add_argument("--path", default="/")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=2.0, help="per phase: connect, answer, server FIN")
    parser.add_argument("--start-at", type=float, default=0.0, help="wall-clock time to start (time.time())")
    parser.add_argument("--run-dir", help="only recorded so clean-up can recognise us")
    args = parser.parse_args(argv)
    result = asyncio.run(_closed_loop(args.target, args.port, args.path, args.concurrency, args.seconds,
                                      args.timeout, args.start_at))
    json.dump(result, sys.stdout)
    return 0


# --------------------------------------------------------------------------------------------------
# The benchmark driver (root namespace).
# --------------------------------------------------------------------------------------------------

def percentile(values: Sequence[float], q: float) -> Optional[float]:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def cpu_ticks(pid: Optional[int]) -> int:
    """utime + stime of a process in clock ticks (0 when it is gone)."""
    if not pid:
        return 0
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def ovs_vswitchd_pid() -> Optional[int]:
    try:
        with open("/var/run/openvswitch/ovs-vswitchd.pid") as pid_file:
            return int(pid_file.read().strip())
    except (OSError, ValueError):
        return None


class CpuMeter:
    """CPU seconds of the controller, ovs-vswitchd and the web servers over one phase."""

    def __init__(self, sb, servers):
        self.pids = {"controller": [sb.controller.pid], "ovs-vswitchd": [ovs_vswitchd_pid()],
                     "web servers": [s.pid for s in servers]}
        self.start()

    def start(self):
        self.before = self._sample()

    def _sample(self) -> Dict[str, int]:
        return {name: sum(cpu_ticks(p) for p in pids) for name, pids in self.pids.items()}

    def percent(self, wall: float) -> Dict[str, float]:
        after = self._sample()
        tick = os.sysconf("SC_CLK_TCK")
        return {name: round(100.0 * (after[name] - self.before[name]) / tick / wall, 1) for name in after}


def run_workers(net, clients, targets: Sequence[str], port: int, concurrency: int, seconds: float,
                timeout: float, meter: CpuMeter):
    """One worker per client host, started together; returns their JSON results and the meter's CPU % from
    the common start until the last worker finished."""
    from switchboard_net import HOST_PYTHON
    start_at = time.time() + 1.0   # Python start-up in every host, then all begin at once
    started = []
    try:
        for client in clients:
            net.seq += 1
            name = "%s-bench%d" % (client.name, net.seq)
            argv = [HOST_PYTHON, os.path.abspath(__file__), "worker", "--port", str(port),
                    "--concurrency", str(concurrency), "--seconds", "%g" % seconds, "--timeout", "%g" % timeout,
                    "--start-at", "%.6f" % start_at, "--run-dir", net.run_dir.path]
            for target in targets:
                argv += ["--target", target]
            popen = client.node.popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, errors="replace")
            net.run_dir.record(name, popen.pid)
            started.append((name, client, popen))
        # Not synchronisation: the workers wait for start_at themselves; the CPU meter starts with them.
        time.sleep(max(0.0, start_at - time.time()))
        meter.start()
        budget = 1.0 + seconds + 3 * timeout + 20
        results = []
        for name, client, popen in started:
            try:
                out, err = popen.communicate(timeout=max(1.0, start_at + budget - time.time()))
            except subprocess.TimeoutExpired:
                raise TimeoutError("load worker in %s still running after %g s" % (client.name, budget))
            if popen.returncode != 0:
                raise RuntimeError("load worker in %s exited %d: %s" % (client.name, popen.returncode, err.strip()))
            result = json.loads(out)
            result["client"] = client.name
            results.append(result)
        return results, meter.percent(time.time() - start_at)
    finally:
        for name, _client, popen in started:
            if popen.poll() is None:
                popen.kill()
                popen.wait()
            net.run_dir.forget(name)


def merge(results: List[dict], seconds: float, cpu: Dict[str, float]) -> dict:
    """One run's numbers over all client hosts."""
    connect = [x for r in results for x in r["connect_ms"]]
    request = [x for r in results for x in r["request_ms"]]
    errors, served_by = Counter(), Counter()
    for r in results:
        errors.update(r["errors"])
        served_by.update(r["served_by"])
    ok_in_window = sum(r["ok_in_window"] for r in results)
    wall = max(r["wall_seconds"] for r in results)
    cpu = dict(cpu)
    cpu["load workers"] = round(100.0 * sum(r["cpu_seconds"] for r in results) / wall, 1)
    return {
        "conn_per_s": ok_in_window / seconds,
        "attempted": sum(r["attempted"] for r in results),
        "completed": sum(r["ok"] for r in results),
        "completed_in_window": ok_in_window,
        "failed": sum(errors.values()),
        "errors": dict(errors),
        "served_by": dict(sorted(served_by.items())),
        "connect_ms": {"p50": percentile(connect, 50), "p99": percentile(connect, 99), "max": max(connect or [0])},
        "request_ms": {"p50": percentile(request, 50), "p99": percentile(request, 99), "max": max(request or [0])},
        "cpu_percent": cpu,
        "per_client": {r["client"]: {"completed": r["ok"], "failed": sum(r["errors"].values()),
                                     "cpu_percent": round(100.0 * r["cpu_seconds"] / r["wall_seconds"], 1)}
                       for r in results},
    }


def counters(stats: dict) -> Dict[str, int]:
    from switchboard_controller import counter_total
    names = ("sessionsPlaced", "locksPlaced", "lockRedirects", "fallbackDrops", "sessionsRemoved", "notReady",
             "noServer", "conflictsResolved", "terminationsUnmatched", "terminationsAppliedLate", "updatesStale")
    return {name: counter_total(stats, name) for name in names}


# OVS coverage counters of packet-ins it dropped (queue to the controller full); global to the daemon.
OVS_DROP_COUNTERS = ("rconn_overflow", "packet_in_overflow")


def ovs_drop_counters() -> Dict[str, int]:
    from switchboard_net import run
    values = {}
    for name in OVS_DROP_COUNTERS:
        out = run(["ovs-appctl", "coverage/read-counter", name], check=False).stdout.strip()
        values[name] = int(out) if out.isdigit() else -1
    return values


def rest_get(sb, path: str) -> Optional[dict]:
    """GET <REST base>/api/v1<path> as JSON; None on 404 or any failure (diagnostics only)."""
    import urllib.request
    request = urllib.request.Request(sb.controller.rest_url + "/api/v1" + path,
                                     headers={"Authorization": "Bearer " + sb.controller.config["rest"]["token"]})
    try:
        with urllib.request.urlopen(request, timeout=3) as answer:
            return json.loads(answer.read().decode())
    except (OSError, ValueError):
        return None


def session_states(sb, tuples) -> dict:
    """What the controller knows of left-over sessions: which FINs it saw, who placed them, idle marks."""
    kinds, examples = Counter(), []
    for t in sorted(tuples)[:50]:
        key = "%s-%s-%d-%s-%d" % (t.protocol or "tcp", t.client_ip, t.client_port, t.vip, t.port)
        session = rest_get(sb, "/sessions/" + key)
        if session is None:
            kinds["not in the controller's table"] += 1
            continue
        kinds["clientFin=%s serverFin=%s reset=%s" % (session.get("clientFin"), session.get("serverFin"),
                                                        session.get("reset"))] += 1
        if len(examples) < 5:
            examples.append({k: session.get(k) for k in ("key", "server", "placedBy", "clientFin", "serverFin",
                                                          "reset", "idleOn")})
    return {"looked_up": min(len(tuples), 50), "by_state": dict(kinds), "examples": examples}


def session_tuples(sb) -> set:
    return {t for rules in sb.net.session_flows().values() for t in rules}


def wait_sessions_gone(sb, timeout: float, earlier: set, failed: set) -> dict:
    """Poll until no dispatcher holds a session rule of this run and the controller's activeSessions agrees.
    earlier: session tuples already left over before the run (leaks of earlier rounds, idle-timed out later);
    failed: (client ip, port) of this run's failed connections."""
    started = time.monotonic()
    deadline = started + timeout
    while True:
        rules = sb.net.session_flows()
        tuples = {t for r in rules.values() for t in r}
        new = tuples - earlier
        active = sb.stats().get("activeSessions")
        if not new and active is not None and active <= len(tuples):
            return {"ok": True, "seconds": round(time.monotonic() - started, 2),
                    "earlier_still_left": len(tuples & earlier)}
        if time.monotonic() >= deadline:
            return {"ok": False, "seconds": round(time.monotonic() - started, 2),
                    "rules_left": {d: len(r) for d, r in rules.items() if r}, "active_sessions": active,
                    "new_left": len(new), "earlier_still_left": len(tuples & earlier),
                    # Rules left only by connections that failed would be a different finding than leaked ones.
                    "of_failed_connections": sum(1 for t in new if (t.client_ip, t.client_port) in failed),
                    "sessions": session_states(sb, new)}
        time.sleep(0.2)


def port_reuse(clients, results, earlier: set) -> Dict[str, int]:
    """Connections of this run whose 5-tuple could hit an existing entry instead of being placed: on a tuple
    left over from before the run, or on a client port already used earlier in the same run."""
    stale = {(t.client_ip, t.client_port) for t in earlier}
    counts = Counter()
    for client, r in zip(clients, results):
        seen = set()
        for port in r["ports"]:
            if (client.ip, port) in stale:
                counts["ok_on_earlier_tuple"] += 1
            elif port in seen:
                counts["ok_on_port_used_in_run"] += 1
            seen.add(port)
        counts["failed_on_earlier_tuple"] += sum(1 for p in r["failed_ports"] if (client.ip, p) in stale)
    return {k: counts[k] for k in ("ok_on_earlier_tuple", "ok_on_port_used_in_run", "failed_on_earlier_tuple")}


def vip_run(sb, clients, args) -> dict:
    from switchboard_net import VIP
    web = sb.net.servers("web")
    earlier = session_tuples(sb)
    before = counters(sb.stats())
    ovs_before = ovs_drop_counters()
    results, cpu = run_workers(sb.net, clients, [VIP], 80, args.concurrency, args.seconds, args.timeout,
                               CpuMeter(sb, web))
    run = merge(results, args.seconds, cpu)
    failed = {(client.ip, p) for client, r in zip(clients, results) for p in r["failed_ports"]}
    run["cleanup"] = wait_sessions_gone(sb, args.cleanup_timeout, earlier, failed)
    run["port_reuse"] = port_reuse(clients, results, earlier)
    after = counters(sb.stats())
    run["counters"] = {name: after[name] - before[name] for name in after}
    ovs_after = ovs_drop_counters()
    run["ovs_packet_in_drops"] = {name: ovs_after[name] - ovs_before[name] for name in ovs_after}
    placed = run["counters"]["sessionsPlaced"]
    # A connection on a tuple that still has an entry is forwarded by it, not placed: excused, and reported.
    excused = run["port_reuse"]["ok_on_earlier_tuple"] + run["port_reuse"]["ok_on_port_used_in_run"]
    run["checks"] = {
        "sessions_placed_ge_completed": placed >= run["completed"] - excused,
        "session_rules_gone": run["cleanup"]["ok"],
    }
    # More placements than connection attempts would mean double placement: worth seeing, not a failure here.
    run["placed_minus_attempted"] = placed - run["attempted"]
    return run


def plain_run(sb, clients, args) -> dict:
    from bench_throughput import PlainPath, ensure_route
    from switchboard_net import SERVER_NET
    web = sb.net.servers("web")
    paths = [PlainPath(sb, c, s, args.plain_dispatcher) for c in clients for s in web]
    added = [c for c in clients if ensure_route(c)]
    try:
        for path in paths:
            path.install()
        results, cpu = run_workers(sb.net, clients, [s.ip for s in web], 80, args.concurrency, args.seconds,
                                   args.timeout, CpuMeter(sb, web))
        run = merge(results, args.seconds, cpu)
        run["plain_flow_packets"] = paths[0].packets()   # every path shares the cookie: all of them
    finally:
        paths[0].remove()
        for client in added:
            client.cmd("ip route del %s" % SERVER_NET)
    run["checks"] = {"plain_flows_used_on_every_switch": all(run["plain_flow_packets"].values())}
    return run


def bench(args) -> dict:
    from switchboard_controller import Switchboard
    from switchboard_net import VIP, log
    started = time.monotonic()
    sb = Switchboard.start(k=args.dispatchers, clients=args.clients, prefix=args.prefix, trunk_mode=args.trunk_mode)
    try:
        net = sb.net
        clients = net.clients()
        log("network and controller ready after %.1f s; run dir %s" % (time.monotonic() - started, net.run_dir.path))
        for client in clients:   # ARP for the gateway and the first placement out of the measured runs
            answer = client.curl("/", host=VIP)
            if not answer.ok:
                raise RuntimeError("warm-up GET %s from %s failed: %s" % (VIP, client.name, answer.error))
        vip, plain = [], []
        for i in range(1, args.rounds + 1):
            vip.append(vip_run(sb, clients, args))
            v = vip[-1]
            log("round %d: VIP %.0f conn/s, %d ok, %d failed, connect p50/p99 %.2f/%.2f ms; placed %d; "
                "session rules gone: %s after %.1f s" % (
                    i, v["conn_per_s"], v["completed"], v["failed"], v["connect_ms"]["p50"] or 0,
                    v["connect_ms"]["p99"] or 0, v["counters"]["sessionsPlaced"], v["cleanup"]["ok"],
                    v["cleanup"]["seconds"]))
            if args.baseline:
                plain.append(plain_run(sb, clients, args))
                p = plain[-1]
                log("round %d: plain OVS %.0f conn/s, %d ok, %d failed, connect p50/p99 %.2f/%.2f ms" % (
                    i, p["conn_per_s"], p["completed"], p["failed"], p["connect_ms"]["p50"] or 0,
                    p["connect_ms"]["p99"] or 0))
        result = {
            "benchmark": "new TCP connections/s, one short HTTP GET each, through the VIP vs plain OVS",
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "k": args.dispatchers, "trunk_mode": args.trunk_mode, "clients": args.clients,
            "concurrency_per_client": args.concurrency, "seconds": args.seconds, "timeout_s": args.timeout,
            "web_servers": [s.name for s in net.servers("web")],
            "plain_path": ("router -> %s -> SAN -> web servers' real IPs (static flows, no NAT, no controller)"
                           % net.plan.dispatcher(args.plain_dispatcher).switch) if args.baseline else None,
            "vip": vip, "plain": plain,
            "vip_median_conn_per_s": statistics.median(r["conn_per_s"] for r in vip),
            "plain_median_conn_per_s": statistics.median(r["conn_per_s"] for r in plain) if plain else None,
            "run_dir": net.run_dir.path,
        }
        result["ratio"] = (result["vip_median_conn_per_s"] / result["plain_median_conn_per_s"]
                           if plain and result["plain_median_conn_per_s"] else None)
        result["checks_ok"] = all(all(r["checks"].values()) for r in vip + plain)
        return result
    finally:
        sb.stop()


def leftovers_of(prefix: str) -> Dict[str, List[str]]:
    """What `ip netns list` and `ovs-vsctl list-br` still show of our prefix (must be nothing)."""
    from switchboard_net import leftovers, run
    found = {k: v for k, v in leftovers(prefix).items() if v}
    bridges = [b for b in run(["ovs-vsctl", "list-br"], check=False).stdout.split() if b.startswith(prefix)]
    netns = [n.split()[0] for n in run(["ip", "netns", "list"], check=False).stdout.splitlines()
             if n.startswith(prefix)]
    if bridges:
        found["ovs-vsctl list-br"] = bridges
    if netns:
        found["ip netns list"] = netns
    return found


def fmt_ms(value: Optional[float]) -> str:
    return "-" if value is None else "%.1f" % value


def summary(result: dict) -> str:
    lines = ["", "new connections/s (GET / + close), k=%d %s, %d clients x %d concurrent, %g s per run"
             % (result["k"], result["trunk_mode"], result["clients"], result["concurrency_per_client"],
                result["seconds"]),
             "%-10s %5s %8s %7s %6s  %-17s %-17s %s" % ("path", "round", "conn/s", "ok", "failed",
                                                       "connect p50/p99", "request p50/p99", "CPU % ctl/ovs/srv/cli")]
    for name, runs in (("VIP", result["vip"]), ("plain OVS", result["plain"])):
        for i, r in enumerate(runs, 1):
            c = r["cpu_percent"]
            lines.append("%-10s %5d %8.0f %7d %6d  %-17s %-17s %s" % (
                name, i, r["conn_per_s"], r["completed"], r["failed"],
                "%s / %s ms" % (fmt_ms(r["connect_ms"]["p50"]), fmt_ms(r["connect_ms"]["p99"])),
                "%s / %s ms" % (fmt_ms(r["request_ms"]["p50"]), fmt_ms(r["request_ms"]["p99"])),
                "/".join("%.0f" % c[k] for k in ("controller", "ovs-vswitchd", "web servers", "load workers"))))
    lines.append("median conn/s: VIP %.0f%s" % (
        result["vip_median_conn_per_s"],
        "" if result["ratio"] is None else ", plain OVS %.0f, ratio VIP / plain %.2f"
        % (result["plain_median_conn_per_s"], result["ratio"])))
    for i, r in enumerate(result["vip"], 1):
        c, reuse = r["cleanup"], r["port_reuse"]
        excused = reuse["ok_on_earlier_tuple"] + reuse["ok_on_port_used_in_run"]
        lines.append("round %d: sessionsPlaced %d >= completed %d%s: %s (attempted %d); this run's session rules "
                     "and active sessions gone: %s after %.1f s%s" % (
                         i, r["counters"]["sessionsPlaced"], r["completed"],
                         " - %d on a reused tuple" % excused if excused else "",
                         "OK" if r["checks"]["sessions_placed_ge_completed"] else "FAILED", r["attempted"],
                         "OK" if c["ok"] else "FAILED", c["seconds"],
                         "; %d left from earlier rounds" % c["earlier_still_left"] if c["earlier_still_left"] else ""))
        if not c["ok"]:
            lines.append("    left by this run: %d sessions (%d of failed connections), rules per dispatcher %s, "
                         "activeSessions %s; controller's view %s; e.g. %s" % (
                             c["new_left"], c["of_failed_connections"], c["rules_left"], c["active_sessions"],
                             c["sessions"]["by_state"], c["sessions"]["examples"][:1]))
        lines.append("    errors %s; served by %s; OVS packet-in drops %d; failed on an earlier tuple %d" % (
            r["errors"] or "none", r["served_by"], sum(r["ovs_packet_in_drops"].values()),
            reuse["failed_on_earlier_tuple"]))
    for i, r in enumerate(result["plain"], 1):
        if not r["checks"]["plain_flows_used_on_every_switch"]:
            lines.append("round %d plain OVS: FAILED, its flows did not see packets on every switch: %s"
                         % (i, r["plain_flow_packets"]))
    lines.append("checks: %s" % ("all OK" if result["checks_ok"] else "FAILED"))
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["worker"]:
        return worker_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measured run")
    parser.add_argument("--clients", type=int, default=2, help="client hosts, one load worker each")
    parser.add_argument("--concurrency", type=int, default=16, help="connections in flight per client host")
    parser.add_argument("--timeout", type=float, default=2.0,
                        help="per phase (connect, answer, server FIN); over it the connection counts as failed")
    parser.add_argument("--cleanup-timeout", type=float, default=5.0,
                        help="seconds for session rules to disappear after a VIP run")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false", help="skip the plain OVS runs")
    parser.add_argument("-k", "--dispatchers", type=int, default=3)
    parser.add_argument("--trunk-mode", default="flow-hash", choices=("flow-hash", "spray"))
    parser.add_argument("--plain-dispatcher", type=int, default=1, help="dispatcher switch of the plain path")
    parser.add_argument("--prefix", default="sbcr")
    parser.add_argument("--out", help="JSON result file (default: bench_connections.json in the run dir)")
    args = parser.parse_args(argv)
    for name in ("rounds", "clients", "concurrency"):
        if getattr(args, name) < 1:
            raise SystemExit("--%s: %r must be at least 1" % (name, getattr(args, name)))
    for name in ("seconds", "timeout", "cleanup_timeout"):
        if getattr(args, name) <= 0:
            raise SystemExit("--%s: %r must be positive" % (name.replace("_", "-"), getattr(args, name)))
    if not 1 <= args.plain_dispatcher <= args.dispatchers:
        raise SystemExit("--plain-dispatcher: %d is not one of 1..%d" % (args.plain_dispatcher, args.dispatchers))
    if os.geteuid() != 0:
        raise SystemExit("run as root (Mininet and ovs-ofctl), after ci/ovs-up.sh")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)

    result = bench(args)
    left = leftovers_of(args.prefix)
    result["leftovers"] = left
    out = args.out or os.path.join(result["run_dir"], "bench_connections.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(summary(result))
    print("left behind (namespaces, bridges, veths, processes of prefix %s): %s" % (args.prefix, left or "nothing"))
    print("result: %s" % out)
    return 0 if result["checks_ok"] and not left else 1


if __name__ == "__main__":
    sys.exit(main())
