#!/usr/bin/python3
"""Bulk TCP throughput through a dispatcher (VIP, NAT by session rules) against plain OVS forwarding, same run.

One network (k dispatchers, one web server on :80, one client) with the real controller in flow-hash mode.
The web server's HTTP server is stopped and `iperf3 -s -p 80` runs in its place, so the VIP service needs no
catalog change. A single web server is deliberate: iperf3 opens a control and a data connection, and both must
reach the same server.

Each round runs, back to back:
  * dispatcher: iperf3 from client 1 to VIP:80 (router trunk -> a dispatcher's session rules -> SAN -> server);
  * plain OVS: static flows (our own cookie, priority above everything of the controller's) forward client 1
    <-> the server's real IP along router -> dispatcher 1 -> SAN -> server and back with plain output actions
    (the router rewrites the MACs, as a router does); iperf3 to the server's real IP; the flows are removed
    again, because on the SAN and dispatcher they would also catch the NATed VIP traffic.
Alternating the two in every round keeps drift from the shared cores out of the ratio. Medians are reported.

Run as root after ci/ovs-up.sh, with the controller jar built:
    /usr/bin/python3 mininet/bench_throughput.py [--rounds 3] [--seconds 10] [--out result.json]
"""
import argparse
import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from switchboard_controller import Switchboard  # noqa: E402
from switchboard_net import (CLIENT_GATEWAY_IP, CLIENT_GATEWAY_MAC, SERVER_GATEWAY_MAC, SERVER_NET,  # noqa: E402
                             VIP, GroupSpec, log, proc_start_time, terminate_pids, wait_until)

BENCH_COOKIE = 0x7b7b00000000b001   # not Switchboard's 0x5b top byte: the controller never owns these
BENCH_PRIORITY = 40000              # above every controller rule (sessions are 2000)
IPERF_PORT = 80


class PlainPath:
    """Static plain-forwarding flows for client <-> server by real IP along router -> dispatcher -> SAN."""

    def __init__(self, sb: Switchboard, client, server, dispatcher: int):
        self.net = sb.net
        plan = sb.net.plan
        self.d = plan.dispatcher(dispatcher)
        self.client = client.spec
        self.server = server.spec
        self.switches = [plan.router, self.d.switch, plan.san]

    def flows(self):
        c, s, d = self.client, self.server, self.d
        head = "cookie=0x%x,priority=%d,ip," % (BENCH_COOKIE, BENCH_PRIORITY)
        router = [
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=set_field:%s->eth_src,set_field:%s->eth_dst,output:%d"
            % (c.router_port, c.ip, s.ip, SERVER_GATEWAY_MAC, s.mac, d.router_port),
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=set_field:%s->eth_src,set_field:%s->eth_dst,output:%d"
            % (d.router_port, s.ip, c.ip, CLIENT_GATEWAY_MAC, c.mac, c.router_port)]
        dispatcher = [
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=output:%d" % (d.trunk_port, c.ip, s.ip, d.san_port),
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=output:%d" % (d.san_port, s.ip, c.ip, d.trunk_port)]
        san = [
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=output:%d" % (d.san_switch_port, c.ip, s.ip, s.san_port),
            head + "in_port=%d,nw_src=%s,nw_dst=%s actions=output:%d" % (s.san_port, s.ip, c.ip, d.san_switch_port)]
        return dict(zip(self.switches, (router, dispatcher, san)))

    def install(self):
        for switch, flows in self.flows().items():
            for flow in flows:
                self.net.ofctl("add-flow", switch, flow, version="OpenFlow13")

    def packets(self) -> dict:
        """n_packets of our flows per switch (proves the baseline really took this path)."""
        return {sw: sum(f.n_packets for f in self.net.dump_flows(sw) if f.cookie == BENCH_COOKIE)
                for sw in self.switches}

    def remove(self):
        for switch in self.switches:
            self.net.ofctl("del-flows", switch, "cookie=0x%x/-1" % BENCH_COOKIE, version="OpenFlow13")


def iperf3(client, host: str, seconds: int) -> float:
    """One iperf3 run from the client host; returns received Gbit/s."""
    code, out, err = client.run(["iperf3", "-c", host, "-p", str(IPERF_PORT), "-t", str(seconds), "-J",
                                 "--connect-timeout", "3000"], timeout=seconds + 20)
    try:
        result = json.loads(out)
    except ValueError:
        raise RuntimeError("iperf3 to %s exited %d, no JSON: %s %s" % (host, code, out[-500:], err.strip()))
    if code != 0 or "error" in result:
        raise RuntimeError("iperf3 to %s failed (exit %d): %s" % (host, code, result.get("error", err.strip())))
    return result["end"]["sum_received"]["bits_per_second"] / 1e9


def start_iperf_server(sb: Switchboard, server):
    """iperf3 -s on the service port inside the server host, PID recorded (crash clean-up finds it)."""
    server.stop()   # the HTTP server holds port 80
    out_path = os.path.join(sb.net.run_dir.logs, "iperf3-%s.out" % server.name)
    with open(out_path, "a") as out:
        popen = server.node.popen(["iperf3", "-s", "-p", str(IPERF_PORT)], stdin=subprocess.DEVNULL,
                                  stdout=out, stderr=subprocess.STDOUT)
    sb.net.run_dir.record("iperf3-" + server.name, popen.pid)

    def listening():
        if popen.poll() is not None:
            raise RuntimeError("iperf3 -s in %s exited %s; see %s" % (server.name, popen.returncode, out_path))
        return ":%d " % IPERF_PORT in server.node.cmd("ss -Htln")
    wait_until(listening, 10, "iperf3 -s to listen on port %d in %s" % (IPERF_PORT, server.name))
    return popen


def stop_iperf_server(sb: Switchboard, server, popen):
    if popen.poll() is None:
        terminate_pids({popen.pid: proc_start_time(popen.pid)}, timeout=5)
    popen.wait()
    sb.net.run_dir.forget("iperf3-" + server.name)


def ensure_route(client) -> bool:
    """The server subnet via the client gateway (normally covered by the default route). True if we added it."""
    if client.cmd("ip -4 route show %s" % SERVER_NET).strip() or client.cmd("ip -4 route show default").strip():
        return False
    client.cmd("ip route add %s via %s" % (SERVER_NET, CLIENT_GATEWAY_IP))
    return True


def bench(rounds: int, seconds: int, k: int, prefix: str, dispatcher: int) -> dict:
    started = time.monotonic()
    sb = Switchboard.start(k=k, clients=1, groups=(GroupSpec("web", 1, 80),), prefix=prefix,
                           trunk_mode="flow-hash")
    iperf_server = None
    path = None
    try:
        net = sb.net
        client, server = net.client(1), net.server("web-1")
        log("network and controller ready after %.1f s; run dir %s" % (time.monotonic() - started, net.run_dir.path))
        iperf_server = start_iperf_server(sb, server)
        added_route = ensure_route(client)
        path = PlainPath(sb, client, server, dispatcher)
        vip, plain, packets = [], [], []
        for i in range(1, rounds + 1):
            vip.append(iperf3(client, VIP, seconds))
            log("round %d: dispatcher (VIP %s:%d) %.2f Gbit/s" % (i, VIP, IPERF_PORT, vip[-1]))
            path.install()
            try:
                plain.append(iperf3(client, server.ip, seconds))
                packets.append(path.packets())
            finally:
                path.remove()
            log("round %d: plain OVS (%s:%d via %s) %.2f Gbit/s; our flows' packets %s"
                % (i, server.ip, IPERF_PORT, path.d.switch, plain[-1], packets[-1]))
            if not all(packets[-1].values()):
                raise RuntimeError("the plain-OVS run did not use every switch of the path: %s" % packets[-1])
        if added_route:
            client.cmd("ip route del %s" % SERVER_NET)
        result = {
            "benchmark": "bulk TCP throughput, dispatcher (VIP) vs plain OVS forwarding",
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "k": k, "trunk_mode": "flow-hash", "tool": "iperf3 -t %d, client -> server" % seconds,
            "plain_path": "router -> %s -> SAN -> web-1 (static flows, no NAT)" % path.d.switch,
            "dispatcher_gbps": vip, "plain_gbps": plain,
            "dispatcher_median_gbps": statistics.median(vip), "plain_median_gbps": statistics.median(plain),
            "run_dir": net.run_dir.path,
        }
        result["ratio"] = result["dispatcher_median_gbps"] / result["plain_median_gbps"]
        return result
    finally:
        try:
            if path is not None:
                path.remove()   # idempotent: also after a failure mid-round
            if iperf_server is not None:
                stop_iperf_server(sb, sb.net.server("web-1"), iperf_server)
        finally:
            sb.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="iperf3 -t")
    parser.add_argument("-k", "--dispatchers", type=int, default=3)
    parser.add_argument("--plain-dispatcher", type=int, default=1, help="dispatcher switch of the plain path")
    parser.add_argument("--prefix", default="sbtp")
    parser.add_argument("--out", help="JSON result file (default: bench_throughput.json in the run dir)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.seconds < 1:
        raise SystemExit("--rounds and --seconds must be at least 1")
    if os.geteuid() != 0:
        raise SystemExit("run as root (Mininet and ovs-ofctl), after ci/ovs-up.sh")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)

    result = bench(args.rounds, args.seconds, args.dispatchers, args.prefix, args.plain_dispatcher)
    out = args.out or os.path.join(result["run_dir"], "bench_throughput.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    rows = [("dispatcher (VIP, NAT)", result["dispatcher_gbps"], result["dispatcher_median_gbps"]),
            ("plain OVS (real IP)", result["plain_gbps"], result["plain_median_gbps"])]
    print("\n%-24s %-26s %s" % ("path", "runs (Gbit/s)", "median"))
    for name, runs, median in rows:
        print("%-24s %-26s %.2f" % (name, " ".join("%.2f" % r for r in runs), median))
    print("ratio dispatcher / plain: %.2f (target >= 0.90)\nresult: %s" % (result["ratio"], out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
