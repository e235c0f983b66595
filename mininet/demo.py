#!/usr/bin/python3
"""Switchboard demo: the real controller, a Mininet network on Open vSwitch, real TCP clients and servers.

Builds k dispatchers, a web group (3 servers, :80), an api group (2 servers, :8080) and 2 clients; starts
the controller jar; runs a few dozen connections from both clients to both services (some kept open a
while) and prints, per connection, which dispatchers carried it (packets matched by its session rule on
each dispatcher switch) and which server served it; per dispatcher, its table size and packets; then
streams through a dispatcher trunk failure and shows that nothing was lost. Cleans up on exit.

Run as root with OVS up (ci/demo.sh does everything): /usr/bin/python3 mininet/demo.py [--trunk-mode spray]
"""
import argparse
import os
import signal
import sys
import threading
import time
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from switchboard_controller import RestUnavailable, Switchboard, dispatcher_stats  # noqa: E402
from switchboard_net import TRUNK_MODES, VIP, SessionTuple, wait_until  # noqa: E402

SERVICES = {80: "web", 8080: "api"}


class FlowWatcher(threading.Thread):
    """Polls every dispatcher's session rules: keeps each rule's highest packet count per dispatcher and each
    table's peak size. A rule stays finLinger (200 ms) after the connection's last packet, so polling more
    often than that sees every rule with its final count."""

    def __init__(self, net, interval=0.05):
        super().__init__(name="flow-watcher", daemon=True)
        self.net = net
        self.interval = interval
        self.packets = defaultdict(dict)          # SessionTuple -> {dispatcher: packets}
        self.peak = Counter()                     # dispatcher -> most session rules seen at once
        self.current = {}                         # dispatcher -> session rules now
        self.error = None
        self._lock = threading.Lock()
        self._halt = threading.Event()

    def run(self):
        try:
            while not self._halt.is_set():
                flows = self.net.session_flows()
                with self._lock:
                    for d, rules in flows.items():
                        self.current[d] = len(rules)
                        self.peak[d] = max(self.peak[d], len(rules))
                        for key, flow in rules.items():
                            seen = self.packets[key]
                            seen[d] = max(seen.get(d, 0), flow.n_packets)
                self._halt.wait(self.interval)
        except Exception as problem:  # reported by the main thread
            self.error = problem

    def carried(self, key):
        with self._lock:
            return {d: n for d, n in sorted(self.packets.get(key, {}).items()) if n > 0}

    def tables_now(self):
        with self._lock:
            return dict(self.current)

    def stop(self):
        self._halt.set()
        self.join(5)


def out(text=""):
    print(text, flush=True)


def heading(text):
    out()
    out(text)
    out("-" * len(text))


def dispatchers_text(carried):
    return ", ".join("d%d %d" % (d, n) for d, n in carried.items()) or "(not seen)"


def rest_stats(sb):
    try:
        return sb.stats()
    except RestUnavailable:
        return None


def run_connections(sb, watcher):
    """A few dozen connections from both clients to both services: first 12 kept open a while (three
    requests 0.7 s apart), read while open; then 20 short ones. Returns (rows, open_snapshot) with rows
    [(key, result, requests, servers that logged it)] and what the dispatchers held while the first were open."""
    net = sb.net
    marks = {s.name: len(s.events("accept")) for s in net.servers()}

    def start(batch):
        runs = []
        for client, port, first, count, requests, pause in batch:
            bg = net.client(client).start_connect(count=count, port=port, parallel=count if requests > 1 else 2,
                                                  requests=requests, pause=pause, bind_port=first)
            runs.append((bg, [SessionTuple("tcp", net.client(client).ip, first + i, VIP, port) for i in range(count)],
                         requests))
        return runs

    kept_open = start([(1, 8080, 30100, 6, 3, 0.7), (2, 80, 30200, 6, 3, 0.7)])
    open_keys = [key for _, keys, _ in kept_open for key in keys]

    def all_mirrored():
        flows = net.session_flows()
        return flows if all(key in rules for rules in flows.values() for key in open_keys) else None

    flows = wait_until(all_mirrored, 10, "every dispatcher to hold the rules of the open connections")
    snapshot = {"rules": {d: len(rules) for d, rules in flows.items()}, "stats": rest_stats(sb),
                "open": len(open_keys)}
    short = start([(1, 80, 30000, 10, 1, 0.0), (2, 8080, 30300, 10, 1, 0.0)])
    rows = []
    for bg, keys, requests in kept_open + short:
        for key, result in zip(keys, bg.wait(timeout=60)):
            rows.append((key, result, requests))
    # Every rule gone from every dispatcher: the sessions ended everywhere (FIN both ways + finLinger).
    wait_until(lambda: not any(watcher.tables_now().values()), 10, "the session rules to be removed")
    logged = defaultdict(list)
    for s in net.servers():
        for event in s.events("accept")[marks[s.name]:]:
            logged[event["peer"]].append(s.name)
    return [(key, result, requests, logged.get("%s:%d" % (key.client_ip, key.client_port), []))
            for key, result, requests in rows], snapshot


def failover(sb, watcher, seconds=4, rate=256 * 1024):
    """Streams from both clients to both services; one dispatcher's trunk goes down mid-stream."""
    net = sb.net
    streams, keys = [], []
    for client, port, first in ((1, 80, 31000), (1, 8080, 31100), (2, 80, 31200), (2, 8080, 31300)):
        streams.append(net.client(client).start_stream(seconds=seconds, rate=rate, port=port, count=2,
                                                       bind_port=first))
        keys += [SessionTuple("tcp", net.client(client).ip, first + i, VIP, port) for i in range(2)]
    wait_until(lambda: all(watcher.carried(k) for k in keys), 10, "the streams to flow")
    load = Counter()
    for k in keys:
        load.update(watcher.carried(k))
    victim = load.most_common(1)[0][0]
    down_at = time.monotonic()
    sb.net.trunk_down(victim)
    # Read right after the link went down: the victim's counts are final, the others' have barely moved.
    flows = net.session_flows()
    before = {k: {d: rules[k].n_packets for d, rules in sorted(flows.items()) if k in rules and rules[k].n_packets}
              for k in keys}
    try:
        results = [r for s in streams for r in s.wait(timeout=seconds + 30)]
    finally:
        sb.net.trunk_up(victim)
    rows = []
    for key, result in zip(keys, results):
        after = watcher.carried(key)
        moved = {d: n - before[key].get(d, 0) for d, n in after.items() if n - before[key].get(d, 0) > 0}
        rows.append((key, result, before[key], moved))
    return victim, time.monotonic() - down_at, rows, seconds * rate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trunk-mode", choices=TRUNK_MODES, default="spray",
                        help="spray (default): packets of one connection cross several dispatchers")
    parser.add_argument("-k", "--dispatchers", type=int, default=3)
    parser.add_argument("--prefix", default=os.environ.get("SB_PREFIX", "sb"))
    parser.add_argument("--jar", help="controller jar (default: standalone-controller/target/...)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        parser.error("must run as root (namespaces, Open vSwitch); use ci/demo.sh")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    out("Switchboard demo: %d dispatchers, web x3 on :80, api x2 on :8080, 2 clients; VIP %s; trunk mode %s"
        % (args.dispatchers, VIP, args.trunk_mode))
    sb = watcher = None
    ok = True
    try:
        sb = Switchboard.start(k=args.dispatchers, prefix=args.prefix, trunk_mode=args.trunk_mode, jar=args.jar)
        out("network and controller up in %.1f s (controller ready %.1f s after start; logs in %s)"
            % (time.monotonic() - started, sb.controller.ready_after, sb.net.run_dir.path))
        watcher = FlowWatcher(sb.net)
        watcher.start()

        heading("Connections (client -> VIP; dispatchers that carried it: packets matched by its session rule)")
        rows, snapshot = run_connections(sb, watcher)
        out("%-18s %-11s %-5s %-25s %-7s %s" % ("client", "service", "reqs", "dispatchers (packets)", "server",
                                             "server log"))
        served = 0
        for key, result, requests, logged_by in sorted(rows, key=lambda row: row[0]):
            good = (result["ok"] and logged_by == [result["server"]]
                    and (result["server"] or "").startswith(SERVICES[key.port]))
            served += good
            ok &= good
            out("%-18s %-11s %-5s %-25s %-7s %s%s" % (
                "%s:%d" % (key.client_ip, key.client_port), "%s :%d" % (SERVICES[key.port], key.port), requests,
                dispatchers_text(watcher.carried(key)), result["server"] if result["ok"] else "FAILED",
                ("accepted by " + ", ".join(logged_by)) if logged_by else "-",
                "" if good else "   <-- PROBLEM: %s" % result["error"]))
        crossing = sum(1 for key, *_ in rows if len(watcher.carried(key)) > 1)
        out("%d/%d connections served, each by exactly one server of its group (its own log agrees); %d were "
            "carried by more than one dispatcher" % (served, len(rows), crossing))
        out("(packets: client-to-VIP packets counted by the session rule on each dispatcher switch; the first "
            "packet went through the controller; replies take the reverse rules. Short connections are read by "
            "polling, so their counts may miss the last packets)")

        heading("Dispatchers")
        per = dispatcher_stats(snapshot["stats"]) if snapshot["stats"] else {}
        stats = rest_stats(sb)
        after = dispatcher_stats(stats) if stats else {}
        totals = Counter()
        for key, *_ in rows:
            totals.update(watcher.carried(key))
        out("%-12s %-26s %-24s %-14s %s" % ("dispatcher", "session rules on switch", "controller table size",
                                             "packets", "controller counters (whole run)"))
        out("%-12s %-26s %-24s %-14s" % ("", "(%d connections open)" % snapshot["open"],
                                         "(same moment)", "(its rules)"))
        for d in sb.net.plan.dispatchers:
            counters = after.get(d.id, {}).get("counters", {})
            out("%-12s %-26s %-24s %-14s %s" % (
                "d%d (%s)" % (d.id, d.switch), snapshot["rules"][d.id], per.get(d.id, {}).get("tableSize", "n/a"),
                totals[d.id], ("placed %s, locks %s, forwarded by entry %s" % (
                    counters.get("sessionsPlaced"), counters.get("locksPlaced"), counters.get("forwardedByEntry"))
                    if counters else "n/a")))
        if not stats:
            out("(the controller's REST stats are not available in this build: counts are from the switches)")
        out("every dispatcher holds every session (mirrored tables); after the connections closed, every "
            "table was empty again")

        heading("Failover: a dispatcher's trunk link goes down during 8 streams")
        victim, _, frows, expected = failover(sb, watcher)
        out("trunk link router <-> d%d taken down while the streams ran (it carried %d of them)"
            % (victim, sum(1 for _, _, before, _ in frows if victim in before)))
        out("%-18s %-11s %-7s %-10s %-7s %-8s %-18s %s" % ("client", "service", "server", "bytes", "intact",
                                                         "seconds", "at the failure", "after it"))
        intact = 0
        for key, result, before, moved in sorted(frows, key=lambda row: row[0]):
            good = result["ok"] and result["pattern_ok"] and result["bytes"] == expected
            intact += good
            ok &= good
            out("%-18s %-11s %-7s %-10d %-7s %-8.2f %-18s %s" % (
                "%s:%d" % (key.client_ip, key.client_port), "%s :%d" % (SERVICES[key.port], key.port),
                result["server"], result["bytes"], "yes" if good else "NO", result["ms"] / 1000.0,
                dispatchers_text(before), dispatchers_text(moved)))
        out("%d/%d streams complete with all %d bytes intact after losing d%d's trunk link"
            % (intact, len(frows), expected, victim))
        watcher.stop()
        if watcher.error is not None:
            raise watcher.error
    except KeyboardInterrupt:
        out("interrupted")
        ok = False
    except Exception as problem:
        out("DEMO FAILED: %s: %s" % (type(problem).__name__, problem))
        if sb is not None and sb.controller is not None:
            out(sb.failure_report())
        ok = False
    finally:
        if watcher is not None:
            watcher.stop()
        if sb is not None:
            heading("Clean-up")
            sb.stop()
            out("controller stopped (exit %s: SIGTERM); bridges, namespaces, veths and processes removed; "
                "logs kept in %s" % (sb.controller.exit_code if sb.controller else "-", sb.net.run_dir.path))
    out()
    out("DEMO %s in %.1f s" % ("OK" if ok else "FAILED", time.monotonic() - started))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
