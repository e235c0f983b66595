#!/usr/bin/python3
"""Switchboard emulation network: router, k dispatcher switches, SAN switch, servers and clients.

Builds exactly the topology of docs/topology.md on Open vSwitch bridges with the userspace datapath
(start OVS with ci/ovs-up.sh first) and emits the matching controller configuration (docs/config.md).

Library use (a pytest fixture, say)::

    net = SwitchboardNet(k=3, clients=2, controller_port=6653).start()
    try:
        config = net.config_json(rest_port=8181)        # hand this to the controller
        net.wait_connected(timeout=20)
        print(net.client(1).curl("/").body)             # "web-N"
    finally:
        net.stop()

Command line (as root, with /usr/bin/python3, never with the `mn` command)::

    switchboard_net.py --selftest        # no controller: static flows emulate the design, then checks
    switchboard_net.py --print-config    # the controller config JSON for the given parameters
    switchboard_net.py --controller-port 6653 --hold   # build, start, wait for Ctrl-C, clean up

Everything created is named with the prefix (default "sb"); stop() and cleanup() remove processes by
recorded PID (checked against the process start time) and bridges, veths and namespaces by prefix.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from mininet.link import Intf
from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch, RemoteController

HERE = os.path.dirname(os.path.abspath(__file__))
SERVERS_DIR = os.path.join(HERE, "servers")
SERVER_SCRIPT = os.path.join(SERVERS_DIR, "sb_http_server.py")
CLIENT_SCRIPT = os.path.join(SERVERS_DIR, "sb_client.py")
# Debian's python has the mininet module; a python first on PATH (pyenv) may not.
HOST_PYTHON = "/usr/bin/python3"
RUN_ROOT = "/tmp/switchboard-mininet"

# Addressing and numbering contract: docs/topology.md.
CLIENT_NET = "192.0.2.0/24"
CLIENT_GATEWAY_IP = "192.0.2.1"
CLIENT_GATEWAY_MAC = "02:5b:00:00:00:01"
VIP = "198.51.100.10"
SERVER_NET = "203.0.113.0/24"
SERVER_GATEWAY_IP = "203.0.113.1"
SERVER_GATEWAY_MAC = "02:5b:00:00:00:02"
FIRST_HOST_OCTET = 11
ROUTER_DPID = 0x100
DISPATCHER_DPID_BASE = 0x200
SAN_DPID = 0x300
DISPATCHER_TRUNK_PORT = 1
DISPATCHER_SAN_PORT = 2

IFNAME_MAX = 15
RESERVED_NAMES = ("r", "s", "d", "c", "ctl", "probe")
DEFAULT_DISPATCH = {"strategy": "least-load", "lockTtlMillis": 2000, "idleTimeoutSeconds": 60,
                    "finLingerMillis": 200, "fallback": "drop"}
TRUNK_MODES = ("flow-hash", "spray")


def log(message):
    sys.stderr.write("%s [switchboard_net] %s\n" % (time.strftime("%H:%M:%S"), message))
    sys.stderr.flush()


def wait_until(predicate: Callable[[], object], timeout: float, message: str, interval: float = 0.05):
    """Poll predicate until it returns something truthy and return that; TimeoutError after timeout s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("%s (still not true after %g s)" % (message, timeout))
        time.sleep(min(interval, remaining))


def run(argv: Sequence[str], check=True, timeout=30) -> subprocess.CompletedProcess:
    """Run a command in the root namespace; with check, fail with its output in the message."""
    done = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError("%s failed (exit %d): %s" % (" ".join(argv), done.returncode,
                                                       (done.stderr or done.stdout).strip()))
    return done


# --------------------------------------------------------------------------------------------------
# The plan: names, ports and addresses. Pure data, shared by the topology and the controller config.
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GroupSpec:
    """An application server group and the service (VIP, protocol, port) it serves."""
    name: str
    size: int
    port: int
    protocol: str = "tcp"
    vip: str = VIP
    weight: int = 1


DEFAULT_GROUPS = (GroupSpec("web", 3, 80), GroupSpec("api", 2, 8080))


@dataclass(frozen=True)
class ServerSpec:
    name: str          # as in the controller config: "web-1"
    host: str          # Mininet host: "sbweb1"
    group: str
    number: int        # 1-based index over all servers: decides IP, MAC and SAN port
    ip: str
    mac: str
    san_port: int
    service_port: int
    weight: int


@dataclass(frozen=True)
class ClientSpec:
    number: int
    host: str
    ip: str
    mac: str
    router_port: int


@dataclass(frozen=True)
class DispatcherSpec:
    id: int
    switch: str
    dpid: int
    mac: str           # virtual MAC used for client lock redirection
    router_port: int   # the router's trunk port towards this dispatcher
    san_switch_port: int
    trunk_port: int = DISPATCHER_TRUNK_PORT
    san_port: int = DISPATCHER_SAN_PORT


def _dpid_hex(dpid: int) -> str:
    return "0x%x" % dpid


class Plan:
    """Names, port numbers and addresses for k dispatchers, m clients and the server groups."""

    def __init__(self, dispatchers: int = 3, clients: int = 2, groups: Sequence[GroupSpec] = DEFAULT_GROUPS,
                 prefix: str = "sb"):
        if not re.fullmatch(r"[a-z]{1,4}", prefix or ""):
            raise ValueError("prefix: %r must be 1 to 4 lower-case letters" % (prefix,))
        if not 1 <= dispatchers <= 254:
            raise ValueError("dispatchers: %r must be between 1 and 254" % (dispatchers,))
        if not 1 <= clients <= 254 - FIRST_HOST_OCTET:
            raise ValueError("clients: %r must be between 1 and %d" % (clients, 254 - FIRST_HOST_OCTET))
        groups = tuple(groups)
        if not groups:
            raise ValueError("groups: at least one server group is needed")
        seen_names, seen_services = set(), set()
        for i, group in enumerate(groups):
            where = "groups[%d]" % i
            if not re.fullmatch(r"[a-z]+", group.name) or group.name in RESERVED_NAMES:
                raise ValueError("%s.name: %r must be lower-case letters and not one of %s"
                                 % (where, group.name, ", ".join(RESERVED_NAMES)))
            if group.name in seen_names:
                raise ValueError("%s.name: %r is used twice" % (where, group.name))
            seen_names.add(group.name)
            if group.size < 1:
                raise ValueError("%s.size: %r must be at least 1" % (where, group.size))
            if not 1 <= group.port <= 65535:
                raise ValueError("%s.port: %r is not a port number" % (where, group.port))
            if group.protocol != "tcp":
                raise ValueError("%s.protocol: %r is not supported by the test servers (tcp only)"
                                 % (where, group.protocol))
            if group.weight < 1:
                raise ValueError("%s.weight: %r must be at least 1" % (where, group.weight))
            service = (group.vip, group.protocol, group.port)
            if service in seen_services:
                raise ValueError("%s: service %s/%s:%d is defined twice" % (where, group.vip, group.protocol,
                                                                            group.port))
            seen_services.add(service)
        total_servers = sum(g.size for g in groups)
        if total_servers > 254 - FIRST_HOST_OCTET:
            raise ValueError("groups: %d servers do not fit the server subnet (at most %d)"
                             % (total_servers, 254 - FIRST_HOST_OCTET))

        self.prefix = prefix
        self.k = dispatchers
        self.m = clients
        self.groups = groups
        self.router = prefix + "r"
        self.san = prefix + "s"
        self.controller = prefix + "ctl"
        self.dispatchers = [
            DispatcherSpec(id=d, switch="%sd%d" % (prefix, d), dpid=DISPATCHER_DPID_BASE + d,
                           mac="02:5b:00:00:01:%02x" % d, router_port=clients + d, san_switch_port=d)
            for d in range(1, dispatchers + 1)]
        self.clients = [
            ClientSpec(number=i, host="%sc%d" % (prefix, i), ip="192.0.2.%d" % (FIRST_HOST_OCTET - 1 + i),
                       mac="02:00:00:00:0a:%02x" % i, router_port=i)
            for i in range(1, clients + 1)]
        self.servers = []
        number = 0
        for group in groups:
            for n in range(1, group.size + 1):
                number += 1
                self.servers.append(ServerSpec(
                    name="%s-%d" % (group.name, n), host="%s%s%d" % (prefix, group.name, n), group=group.name,
                    number=number, ip="203.0.113.%d" % (FIRST_HOST_OCTET - 1 + number),
                    mac="02:00:00:00:0b:%02x" % number, san_port=dispatchers + number,
                    service_port=group.port, weight=group.weight))
        for name in self.node_names():
            if len(name) + len("-eth999") > IFNAME_MAX:
                raise ValueError("node name %r is too long for Linux interface names (%s-ethN)" % (name, name))

    def node_names(self) -> List[str]:
        return ([self.router, self.san] + [d.switch for d in self.dispatchers] + [c.host for c in self.clients]
                + [s.host for s in self.servers])

    def switch_names(self) -> List[str]:
        return [self.router] + [d.switch for d in self.dispatchers] + [self.san]

    def dispatcher(self, d: int) -> DispatcherSpec:
        if not 1 <= d <= self.k:
            raise ValueError("dispatcher %r does not exist (1..%d)" % (d, self.k))
        return self.dispatchers[d - 1]

    def server(self, name: str) -> ServerSpec:
        for spec in self.servers:
            if name in (spec.name, spec.host):
                return spec
        raise KeyError("no server %r (have %s)" % (name, ", ".join(s.name for s in self.servers)))

    def group_servers(self, group: str) -> List[ServerSpec]:
        return [s for s in self.servers if s.group == group]

    def config(self, controller_port: int = 6653, controller_ip: str = "127.0.0.1", rest_port: int = 8181,
               rest_listen: str = "127.0.0.1", token: str = "change-me", trunk_mode: str = "flow-hash",
               dispatch: Optional[Dict[str, object]] = None) -> dict:
        """The controller configuration (docs/config.md) for exactly this plan."""
        if trunk_mode not in TRUNK_MODES:
            raise ValueError("trunk_mode: %r must be one of %s" % (trunk_mode, ", ".join(TRUNK_MODES)))
        settings = dict(DEFAULT_DISPATCH)
        for key, value in (dispatch or {}).items():
            if key not in DEFAULT_DISPATCH:
                raise ValueError("dispatch.%s: unknown setting (known: %s)" % (key, ", ".join(DEFAULT_DISPATCH)))
            settings[key] = value
        return {
            "openflow": {"listen": controller_ip, "port": controller_port},
            "rest": {"listen": rest_listen, "port": rest_port, "token": token},
            "dispatch": settings,
            "router": {
                "dpid": _dpid_hex(ROUTER_DPID),
                "clientPorts": [c.router_port for c in self.clients],
                "gateway": {"ip": CLIENT_GATEWAY_IP, "mac": CLIENT_GATEWAY_MAC},
                "trunk": {"mode": trunk_mode,
                          "links": [{"dispatcher": d.id, "port": d.router_port} for d in self.dispatchers]},
            },
            "dispatchers": [{"id": d.id, "dpid": _dpid_hex(d.dpid), "trunkPort": d.trunk_port,
                             "sanPort": d.san_port, "sanSwitchPort": d.san_switch_port} for d in self.dispatchers],
            "san": {"dpid": _dpid_hex(SAN_DPID), "gateway": {"ip": SERVER_GATEWAY_IP, "mac": SERVER_GATEWAY_MAC}},
            "servers": [{"name": s.name, "ip": s.ip, "mac": s.mac, "sanSwitchPort": s.san_port, "weight": s.weight}
                        for s in self.servers],
            "groups": [{"name": g.name, "servers": [s.name for s in self.group_servers(g.name)]} for g in self.groups],
            "services": [{"name": g.name, "vip": g.vip, "protocol": g.protocol, "port": g.port, "group": g.name}
                         for g in self.groups],
        }


# --------------------------------------------------------------------------------------------------
# Process bookkeeping: PIDs plus start times, so a recycled PID is never killed.
# --------------------------------------------------------------------------------------------------

def proc_start_time(pid: int) -> Optional[int]:
    """Start time (clock ticks since boot) of a live, non-zombie process, else None."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] == "Z":
        return None
    return int(fields[19])


def _proc_alive(pid: int, start: Optional[int]) -> bool:
    now = proc_start_time(pid)
    return now is not None and (start is None or now == start)


def terminate_pids(pids: Dict[int, Optional[int]], timeout: float = 5.0) -> List[int]:
    """TERM the given {pid: start_time} processes, KILL the ones still there after timeout; return the killed."""
    victims = {pid: start for pid, start in pids.items()
               if pid > 1 and pid != os.getpid() and _proc_alive(pid, start)}
    for pid in victims:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        wait_until(lambda: not any(_proc_alive(p, s) for p, s in victims.items()), timeout,
                   "processes %s to exit" % sorted(victims))
    except TimeoutError:
        for pid, start in victims.items():
            if _proc_alive(pid, start):
                os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not any(_proc_alive(p, s) for p, s in victims.items()), timeout,
                   "processes %s to die after SIGKILL" % sorted(victims))
    return sorted(victims)


class RunDir:
    """A run's directory: logs, ready files, PID files and a state file naming the owner process."""

    def __init__(self, path: str):
        self.path = path
        self.logs = os.path.join(path, "logs")
        self.pids = os.path.join(path, "pids")
        self.ready = os.path.join(path, "ready")
        self.state_file = os.path.join(path, "state.json")

    @classmethod
    def create(cls, prefix: str, path: Optional[str] = None) -> "RunDir":
        if path is None:
            os.makedirs(RUN_ROOT, exist_ok=True)
            path = os.path.join(RUN_ROOT, "%s-%s-%d" % (prefix, time.strftime("%Y%m%d-%H%M%S"), os.getpid()))
        run_dir = cls(path)
        for sub in (run_dir.path, run_dir.logs, run_dir.pids, run_dir.ready):
            os.makedirs(sub, exist_ok=True)
        run_dir.write_state({"prefix": prefix, "owner_pid": os.getpid(),
                             "owner_start": proc_start_time(os.getpid()), "active": True,
                             "created": time.strftime("%Y-%m-%dT%H:%M:%S")})
        return run_dir

    def write_state(self, state: dict):
        with open(self.state_file + ".tmp", "w") as out:
            json.dump(state, out)
        os.replace(self.state_file + ".tmp", self.state_file)

    def state(self) -> dict:
        try:
            with open(self.state_file) as state:
                return json.load(state)
        except (OSError, ValueError):
            return {}

    def mark_inactive(self):
        state = self.state()
        if state:
            state["active"] = False
            self.write_state(state)

    def is_live(self) -> bool:
        """Active and its owner process still runs (same PID and start time)."""
        state = self.state()
        return bool(state.get("active")) and _proc_alive(int(state.get("owner_pid", 0)), state.get("owner_start"))

    def record(self, name: str, pid: int):
        with open(os.path.join(self.pids, name + ".pid"), "w") as out:
            out.write("%d %s\n" % (pid, proc_start_time(pid)))

    def forget(self, name: str):
        try:
            os.unlink(os.path.join(self.pids, name + ".pid"))
        except FileNotFoundError:
            pass

    def recorded(self) -> Dict[int, Optional[int]]:
        pids = {}
        try:
            names = os.listdir(self.pids)
        except FileNotFoundError:
            return pids
        for name in names:
            try:
                with open(os.path.join(self.pids, name)) as pid_file:
                    pid, start = pid_file.read().split()
                pids[int(pid)] = None if start == "None" else int(start)
            except (OSError, ValueError):
                continue
        return pids

    @staticmethod
    def all_for(prefix: str) -> List["RunDir"]:
        """Runs whose prefix overlaps ours: clean-up patterns of "sb" also match names of "sbx"."""
        try:
            names = sorted(os.listdir(RUN_ROOT))
        except FileNotFoundError:
            return []
        runs = []
        for name in names:
            match = re.fullmatch(r"([a-z]+)-\d{8}-\d{6}-\d+", name)
            if match and (match.group(1).startswith(prefix) or prefix.startswith(match.group(1))):
                runs.append(RunDir(os.path.join(RUN_ROOT, name)))
        return runs


# --------------------------------------------------------------------------------------------------
# Clean-up by prefix and recorded PIDs (never `mn -c`).
# --------------------------------------------------------------------------------------------------

def node_pattern(prefix: str) -> str:
    return r"%s[a-z]*\d*" % re.escape(prefix)


def intf_pattern(prefix: str) -> str:
    return node_pattern(prefix) + r"-eth\d+"


def _root_netns() -> str:
    # Our own: we run in the root namespace (and /proc/1/ns may not be readable in a sandbox).
    return os.readlink("/proc/self/ns/net")


def _processes():
    """Yield (pid, start_time, netns or None if unreadable, argv) for every live process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as cmdline:
                argv = [a.decode("utf-8", "replace") for a in cmdline.read().split(b"\0") if a]
        except OSError:
            continue
        try:
            netns = os.readlink("/proc/%d/ns/net" % pid)
        except OSError:
            netns = None
        start = proc_start_time(pid)
        if start is not None:
            yield pid, start, netns, argv


def _netns_links(pid: int) -> List[str]:
    done = subprocess.run(["nsenter", "-t", str(pid), "-n", "ip", "-o", "link", "show"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, timeout=10)
    return [line.split(":")[1].strip().split("@")[0] for line in done.stdout.splitlines() if ":" in line]


def _root_links() -> List[str]:
    out = run(["ip", "-o", "link", "show"]).stdout
    return [line.split(":")[1].strip().split("@")[0] for line in out.splitlines() if ":" in line]


def _bridges() -> List[str]:
    done = run(["ovs-vsctl", "--timeout=5", "list-br"], check=False)
    return done.stdout.split() if done.returncode == 0 else []


def leftovers(prefix: str = "sb") -> Dict[str, List[str]]:
    """What of ours exists now: bridges, root-namespace links, named netns, node shells."""
    node_re = re.compile(node_pattern(prefix) + r"$")
    intf_re = re.compile(intf_pattern(prefix) + r"$")
    netns = run(["ip", "netns", "list"], check=False).stdout.split("\n")
    return {
        "bridges": [b for b in _bridges() if node_re.match(b)],
        "links": [link for link in _root_links() if intf_re.match(link) or node_re.match(link)],
        "netns": [n.split()[0] for n in netns if n.strip() and n.startswith(prefix)],
        "shells": ["%d:%s" % (pid, argv[-1]) for pid, _s, _n, argv in _processes()
                   if argv and re.fullmatch("mininet:" + node_pattern(prefix), argv[-1])],
    }


def cleanup(prefix: str = "sb", force: bool = False, keep_run: Optional[str] = None, verbose: bool = True) -> dict:
    """Remove everything of ours for prefix: recorded processes, Mininet node shells, processes in
    namespaces holding our interfaces, our bridges, veths and named namespaces.

    Refuses (RuntimeError) while another run with this prefix is live, unless force. keep_run: path of
    the caller's own run, whose liveness does not count."""
    say = log if verbose else (lambda _m: None)
    runs = RunDir.all_for(prefix)
    live = [r.path for r in runs if r.path != keep_run and r.is_live()]
    if live and not force:
        raise RuntimeError("a run with prefix %r is still live (%s); stop it, use another prefix or force"
                           % (prefix, ", ".join(live)))
    done = {"processes": [], "bridges": [], "links": [], "netns": []}

    # 1. Processes we recorded (servers, clients), verified by start time.
    recorded = {}
    for run_dir in runs:
        recorded.update(run_dir.recorded())
    # 2. Mininet node shells of our nodes, and anything living in a namespace that holds our interfaces.
    root_ns = _root_netns()
    shell_re = re.compile("mininet:" + node_pattern(prefix) + "$")
    intf_re = re.compile(intf_pattern(prefix) + "$")
    by_ns: Dict[str, List] = {}
    for pid, start, netns, argv in _processes():
        if argv and shell_re.match(argv[-1]):
            recorded[pid] = start
        if netns is not None and netns != root_ns:
            by_ns.setdefault(netns, []).append((pid, start))
    for members in by_ns.values():
        if any(intf_re.match(link) for link in _netns_links(members[0][0])):
            recorded.update(dict(members))
    killed = terminate_pids(recorded)
    if killed:
        say("stopped processes %s" % killed)
    done["processes"] = killed

    # 3. Bridges (a netdev bridge's tap device goes with it), then veths and taps left in the root namespace.
    node_re = re.compile(node_pattern(prefix) + "$")
    ours = [b for b in _bridges() if node_re.match(b)]
    if ours:
        args = ["ovs-vsctl", "--timeout=20"]
        for bridge in ours:
            args += ["--", "--if-exists", "del-br", bridge]
        run(args)
        say("deleted bridges %s" % ours)
    done["bridges"] = ours
    for link in _root_links():
        if intf_re.match(link) or node_re.match(link):
            if run(["ip", "link", "del", link], check=False).returncode == 0:
                done["links"].append(link)
    if done["links"]:
        say("deleted links %s" % done["links"])
    for line in run(["ip", "netns", "list"], check=False).stdout.splitlines():
        name = line.split()[0] if line.strip() else ""
        if name.startswith(prefix):
            run(["ip", "netns", "delete", name], check=False)
            done["netns"].append(name)
    for run_dir in runs:
        if run_dir.path != keep_run:
            run_dir.mark_inactive()
            for name in os.listdir(run_dir.pids) if os.path.isdir(run_dir.pids) else []:
                os.unlink(os.path.join(run_dir.pids, name))
    remaining = leftovers(prefix)
    done["remaining"] = {k: v for k, v in remaining.items() if v}
    if done["remaining"]:
        say("still present after clean-up: %s" % done["remaining"])
    return done


# --------------------------------------------------------------------------------------------------
# Flow table inspection
# --------------------------------------------------------------------------------------------------

SWITCHBOARD_APP_ID = 0x5b       # top byte of every Switchboard cookie
COOKIE_SESSION = 0x01           # rule kinds in the second byte (flow-rules RuleKind)
COOKIE_REVERSE = 0x03
COOKIE_VIP_MISS = 0x05
COOKIE_TRUNK = 0x08
SESSION_PRIORITY = 2000

_FLOW_STATS = {"cookie", "duration", "table", "n_packets", "n_bytes", "idle_timeout", "hard_timeout", "idle_age",
               "hard_age", "importance", "priority"}
_FLOW_FLAGS = {"send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts", "no_byte_counts"}


@dataclass
class Flow:
    """One line of ovs-ofctl dump-flows, parsed."""
    table: int
    priority: int
    cookie: int
    n_packets: int
    n_bytes: int
    match: str
    actions: str
    idle_timeout: int = 0
    hard_timeout: int = 0
    flags: List[str] = field(default_factory=list)
    raw: str = ""

    @classmethod
    def parse(cls, line: str) -> "Flow":
        head, _, actions = line.strip().partition(" actions=")
        stats, flags, match = {}, [], []
        for token in re.split(r",\s*|\s+", head.strip()):
            if not token:
                continue
            key, eq, value = token.partition("=")
            if eq and key in _FLOW_STATS:
                stats[key] = value
            elif token in _FLOW_FLAGS:
                flags.append(token)
            else:
                match.append(token)
        return cls(table=int(stats.get("table", 0)), priority=int(stats.get("priority", 32768)),
                   cookie=int(stats.get("cookie", "0"), 0), n_packets=int(stats.get("n_packets", 0)),
                   n_bytes=int(stats.get("n_bytes", 0)), match=",".join(match), actions=actions,
                   idle_timeout=int(stats.get("idle_timeout", 0)), hard_timeout=int(stats.get("hard_timeout", 0)),
                   flags=flags, raw=line.strip())

    @property
    def cookie_kind(self) -> Optional[int]:
        """The Switchboard rule kind in the cookie's second byte (docs/flow-rules.md), None for foreign rules."""
        return (self.cookie >> 48) & 0xff if (self.cookie >> 56) == SWITCHBOARD_APP_ID else None

    def fields(self) -> Dict[str, str]:
        """The match as {field: value}; a bare protocol word ("tcp") maps to ""."""
        return dict((part.partition("=")[0], part.partition("=")[2]) for part in self.match.split(",") if part)

    def session_tuple(self) -> Optional["SessionTuple"]:
        """The 5-tuple of a session rule (table 1, cookie kind SESSION), else None."""
        if self.table != 1 or self.cookie_kind != COOKIE_SESSION:
            return None
        f = self.fields()
        protocol = "tcp" if "tcp" in f else "udp" if "udp" in f else None
        try:
            return SessionTuple(protocol, f["nw_src"], int(f["tp_src"]), f["nw_dst"], int(f["tp_dst"]))
        except (KeyError, ValueError):
            return None


@dataclass(frozen=True, order=True)
class SessionTuple:
    """A session as the dispatchers see it: client address and port to VIP and service port."""
    protocol: Optional[str]
    client_ip: str
    client_port: int
    vip: str
    port: int

    def __str__(self):
        return "%s:%d -> %s:%d" % (self.client_ip, self.client_port, self.vip, self.port)


# --------------------------------------------------------------------------------------------------
# Host handles
# --------------------------------------------------------------------------------------------------

@dataclass
class CurlResult:
    ok: bool
    status: Optional[int]
    body: str
    local_port: Optional[int]
    error: str = ""


class BackgroundClient:
    """An sb_client.py run in the background (long-lived connections); see ClientHost.start_stream."""

    def __init__(self, net: "SwitchboardNet", name: str, popen, progress_file: str):
        self._net = net
        self.name = name
        self.popen = popen
        self.progress_file = progress_file
        self.result: Optional[List[dict]] = None

    def received(self) -> int:
        """Body bytes connection 0 has received so far."""
        try:
            with open(self.progress_file) as progress:
                return int(progress.read().strip() or 0)
        except (OSError, ValueError):
            return 0

    def running(self) -> bool:
        return self.popen.poll() is None

    def wait(self, timeout: float) -> List[dict]:
        try:
            out, err = self.popen.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise TimeoutError("client %s still running after %g s" % (self.name, timeout))
        finally:
            self._net.run_dir.forget(self.name)
        if self.popen.returncode != 0:
            raise RuntimeError("client %s exited %d: %s" % (self.name, self.popen.returncode, err.strip()))
        self.result = json.loads(out)["results"]
        return self.result

    def kill(self):
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait()
        self._net.run_dir.forget(self.name)


class ClientHost:
    """An emulated client (sbcN): curl and the sb_client.py connection tester run inside it."""

    def __init__(self, net: "SwitchboardNet", spec: ClientSpec):
        self._net = net
        self.spec = spec
        self.name = spec.host
        self.ip = spec.ip
        self.node = net.net.get(spec.host)

    def cmd(self, command: str) -> str:
        """Run a shell command in the host's shell (serialised per host); prefer run() for long ones."""
        return self.node.cmd(command)

    def run(self, argv: Sequence[str], timeout: float = 30.0):
        """Run argv inside the host; return (exit code, stdout, stderr). The PID is recorded while it runs."""
        return self._net.run_in(self.node, argv, timeout)

    def curl(self, path: str = "/", port: int = 80, host: str = VIP, timeout: float = 5.0) -> CurlResult:
        marker = "\n__sb_curl__ "
        code, out, err = self.run(["curl", "-sS", "--max-time", "%g" % timeout, "-o", "-",
                                   "-w", marker + "%{http_code} %{local_port}", "http://%s:%d%s" % (host, port, path)],
                                  timeout=timeout + 5)
        body, _, tail = out.rpartition(marker)
        status, _, local_port = tail.strip().partition(" ")
        status_code = int(status) if status.isdigit() and status != "000" else None
        return CurlResult(ok=code == 0 and status_code == 200, status=status_code, body=body,
                          local_port=int(local_port) if local_port.isdigit() and local_port != "0" else None,
                          error=err.strip() if code else "")

    def _client_argv(self, host, port, path, count, parallel, requests, pause, timeout, bind_port, progress_file):
        argv = [HOST_PYTHON, CLIENT_SCRIPT, "--host", host, "--port", str(port), "--path", path, "--count", str(count),
                "--parallel", str(parallel), "--requests", str(requests), "--pause", "%g" % pause,
                "--timeout", "%g" % timeout, "--run-dir", self._net.run_dir.path]
        if bind_port:
            argv += ["--bind-port", str(bind_port)]
        if progress_file:
            argv += ["--progress-file", progress_file]
        return argv

    def connect(self, count: int = 1, port: int = 80, path: str = "/", parallel: int = 1, requests: int = 1,
                pause: float = 0.0, timeout: float = 5.0, host: str = VIP, bind_port: int = 0) -> List[dict]:
        """Open count connections (parallel at a time), requests GETs each; one result dict per connection
        (see servers/sb_client.py): ok, server, servers, status, local_port, bytes, pattern_ok, ms, error."""
        argv = self._client_argv(host, port, path, count, parallel, requests, pause, timeout, bind_port, None)
        budget = timeout * (requests + 2) * (count / max(1, parallel) + 1) + requests * pause + 10
        code, out, err = self.run(argv, timeout=budget)
        if code != 0:
            raise RuntimeError("sb_client in %s exited %d: %s" % (self.name, code, err.strip()))
        return json.loads(out)["results"]

    def who_answered(self, count: int = 10, port: int = 80, **kwargs) -> Counter:
        """Counter of server names over count connections; failed connections count under None."""
        return Counter(r["server"] if r["ok"] else None for r in self.connect(count=count, port=port, **kwargs))

    def start_connect(self, count: int = 1, port: int = 80, path: str = "/", parallel: int = 1, requests: int = 1,
                      pause: float = 0.0, timeout: float = 5.0, host: str = VIP, bind_port: int = 0,
                      kind: str = "connect") -> BackgroundClient:
        """connect() in the background: the caller can look at the switches while the connections are open.
        With bind_port, connection i uses local port bind_port + i, so its 5-tuple is known in advance."""
        self._net.seq += 1
        name = "%s-%s%d" % (self.name, kind, self._net.seq)
        progress = os.path.join(self._net.run_dir.ready, name + ".progress")
        argv = self._client_argv(host, port, path, count, parallel, requests, pause, timeout, bind_port, progress)
        popen = self.node.popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, errors="replace")
        self._net.run_dir.record(name, popen.pid)
        return BackgroundClient(self._net, name, popen, progress)

    def start_stream(self, seconds: float, rate: int = 64 * 1024, port: int = 80, host: str = VIP,
                     count: int = 1, timeout: float = 10.0, bind_port: int = 0) -> BackgroundClient:
        """Start count long-lived connections, each receiving seconds*rate pattern bytes at rate bytes/s."""
        return self.start_connect(count=count, port=port, path="/stream?seconds=%g&rate=%d" % (seconds, rate),
                                  parallel=count, timeout=timeout, host=host, bind_port=bind_port, kind="stream")

    def ping(self, ip: str, count: int = 1, timeout: float = 2.0) -> bool:
        code, _out, _err = self.run(["ping", "-n", "-q", "-c", str(count), "-W", "%g" % timeout, ip],
                                    timeout=count * timeout + 5)
        return code == 0


class ServerHost:
    """An emulated server (sbwebN, sbapiN) running servers/sb_http_server.py, PID recorded."""

    def __init__(self, net: "SwitchboardNet", spec: ServerSpec):
        self._net = net
        self.spec = spec
        self.name = spec.name
        self.ip = spec.ip
        self.node = net.net.get(spec.host)
        self.log_path = os.path.join(net.run_dir.logs, spec.name + ".log")
        self.out_path = os.path.join(net.run_dir.logs, spec.name + ".out")
        self.ready_path = os.path.join(net.run_dir.ready, spec.name)
        self.popen = None

    @property
    def pid(self) -> Optional[int]:
        return self.popen.pid if self.popen is not None and self.popen.poll() is None else None

    def running(self) -> bool:
        return self.pid is not None

    def launch(self):
        """Start the server process (does not wait; see wait_ready)."""
        if self.running():
            return
        if os.path.exists(self.ready_path):
            os.unlink(self.ready_path)
        argv = [HOST_PYTHON, SERVER_SCRIPT, "--name", self.name, "--port", str(self.spec.service_port),
                "--log", self.log_path, "--ready-file", self.ready_path, "--run-dir", self._net.run_dir.path]
        with open(self.out_path, "a") as out:
            self.popen = self.node.popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        self._net.run_dir.record(self.name, self.popen.pid)

    def wait_ready(self, timeout: float = 10.0):
        def ready():
            if self.popen is None or self.popen.poll() is not None:
                raise RuntimeError("server %s exited early; see %s" % (self.name, self.out_path))
            return os.path.exists(self.ready_path)
        wait_until(ready, timeout, "server %s to listen on port %d" % (self.name, self.spec.service_port))

    def start(self, timeout: float = 10.0):
        self.launch()
        self.wait_ready(timeout)

    def stop(self, timeout: float = 5.0):
        """Stop the server process (a server failure, as seen by clients: connections are reset)."""
        if self.popen is not None:
            terminate_pids({self.popen.pid: proc_start_time(self.popen.pid)}, timeout)
            self.popen.wait()
            self._net.run_dir.forget(self.name)
            self.popen = None

    def events(self, kind: Optional[str] = None) -> List[dict]:
        """Parsed log lines: {"time", "event", field: value...}; kind filters on the event."""
        try:
            with open(self.log_path) as log_file:
                lines = log_file.read().splitlines()
        except FileNotFoundError:
            return []
        events = []
        for line in lines:
            parts = line.split()
            if len(parts) < 2:
                continue
            event = {"time": parts[0], "event": parts[1]}
            event.update(p.split("=", 1) for p in parts[2:] if "=" in p)
            if kind is None or event["event"] == kind:
                events.append(event)
        return events

    def peers(self) -> List[str]:
        """peer ip:port of every connection this server accepted."""
        return [e["peer"] for e in self.events("accept")]


# --------------------------------------------------------------------------------------------------
# The network
# --------------------------------------------------------------------------------------------------

class QuietIntf(Intf):
    """An interface whose IPv6 is off before it first comes up (Mininet brings it up in __init__).

    Otherwise the kernel sends MLD reports and DAD probes on every new veth end, in the hosts and in
    the root namespace alike, and the switches hand them to the controller as packet-ins."""

    def config(self, **params):
        knob = "/proc/sys/net/ipv6/conf/%s/disable_ipv6" % self.name
        if self.node.inNamespace:
            self.node.cmd("echo 1 > %s" % knob)
        else:
            with open(knob, "w") as out:
                out.write("1")
        return super().config(**params)


class QuietRemoteController(RemoteController):
    """RemoteController without Mininet's telnet probe, which would open a stray connection to the controller."""

    def checkListening(self):
        return None


class SwitchboardNet:
    """The emulated Switchboard network; start() builds and starts it, stop() removes every trace."""

    def __init__(self, k: int = 3, clients: int = 2, groups: Sequence[GroupSpec] = DEFAULT_GROUPS,
                 controller_port: Optional[int] = 6653, controller_ip: str = "127.0.0.1", prefix: str = "sb",
                 switch_protocols: str = "OpenFlow13", router_protocols: Optional[str] = None,
                 trunk_mode: str = "flow-hash", run_dir: Optional[str] = None, start_servers: bool = True,
                 clean_stale: bool = True, mininet_log: str = "warning", verbose: bool = False):
        """controller_port None: no controller at all (static flows, see selftest).
        router_protocols: default OpenFlow13, or OpenFlow13,OpenFlow15 for trunk_mode spray (SELECT group
        selection_method needs OpenFlow 1.5). clean_stale: remove leftovers of a crashed run with this prefix."""
        self.plan = Plan(k, clients, groups, prefix)
        if trunk_mode not in TRUNK_MODES:
            raise ValueError("trunk_mode: %r must be one of %s" % (trunk_mode, ", ".join(TRUNK_MODES)))
        self.controller_port = controller_port
        self.controller_ip = controller_ip
        self.switch_protocols = switch_protocols
        self.router_protocols = router_protocols or (
            "OpenFlow13,OpenFlow15" if trunk_mode == "spray" else switch_protocols)
        self.trunk_mode = trunk_mode
        self._run_dir_path = run_dir
        self.start_servers = start_servers
        self.clean_stale = clean_stale
        self.mininet_log = mininet_log
        self.verbose = verbose
        self.net: Optional[Mininet] = None
        self.run_dir: Optional[RunDir] = None
        self._clients: Dict[int, ClientHost] = {}
        self._servers: Dict[str, ServerHost] = {}
        self.timings: Dict[str, float] = {}
        self.seq = 0
        self._stopped = False

    # ---- lifecycle -------------------------------------------------------------------------------

    def start(self) -> "SwitchboardNet":
        if os.geteuid() != 0:
            raise PermissionError("SwitchboardNet needs root (namespaces, veths, Open vSwitch)")
        if run(["ovs-vsctl", "--timeout=2", "show"], check=False).returncode != 0:
            raise RuntimeError("Open vSwitch does not answer (ovs-vsctl show); run ci/ovs-up.sh first")
        prefix = self.plan.prefix
        if self.clean_stale:
            cleanup(prefix, force=False, verbose=self.verbose)
        else:
            stale = {k: v for k, v in leftovers(prefix).items() if v}
            if stale:
                raise RuntimeError("leftovers with prefix %r: %s; run mininet/cleanup.py --prefix %s"
                                   % (prefix, stale, prefix))
        self.run_dir = RunDir.create(prefix, self._run_dir_path)
        try:
            self._build_and_start()
        except BaseException:
            self.stop()
            raise
        return self

    def _build_and_start(self):
        plan = self.plan
        setLogLevel(self.mininet_log)
        # Mininet.init() would raise global sysctls (fixLimits); we checked root above ourselves.
        Mininet.inited = True
        started = time.monotonic()
        net = Mininet(topo=None, build=False, controller=None, intf=QuietIntf, ipBase="10.0.0.0/24",
                      autoSetMacs=False, autoStaticArp=False, waitConnected=False)
        self.net = net
        if self.controller_port is not None:
            net.addController(plan.controller, controller=QuietRemoteController, ip=self.controller_ip,
                              port=self.controller_port)

        def switch(name, dpid, protocols):
            return net.addSwitch(name, cls=OVSSwitch, dpid="%016x" % dpid, datapath="user", protocols=protocols,
                                 failMode="secure", batch=True, reconnectms=1000)

        router = switch(plan.router, ROUTER_DPID, self.router_protocols)
        san = switch(plan.san, SAN_DPID, self.switch_protocols)
        for d in plan.dispatchers:
            sw = switch(d.switch, d.dpid, self.switch_protocols)
            net.addLink(router, sw, port1=d.router_port, port2=d.trunk_port)
            net.addLink(sw, san, port1=d.san_port, port2=d.san_switch_port)
        for c in plan.clients:
            host = net.addHost(c.host, ip="%s/24" % c.ip, mac=c.mac, defaultRoute="via " + CLIENT_GATEWAY_IP)
            self._no_ipv6_in(host)
            net.addLink(host, router, port1=0, port2=c.router_port)
        for s in plan.servers:
            host = net.addHost(s.host, ip="%s/24" % s.ip, mac=s.mac, defaultRoute="via " + SERVER_GATEWAY_IP)
            self._no_ipv6_in(host)
            net.addLink(host, san, port1=0, port2=s.san_port)
        net.build()
        self._verify_no_ipv6()
        self.timings["build"] = time.monotonic() - started

        started = time.monotonic()
        net.start()
        self._verify_switches()
        self.timings["start"] = time.monotonic() - started

        self._clients = {c.number: ClientHost(self, c) for c in plan.clients}
        self._servers = {s.name: ServerHost(self, s) for s in plan.servers}
        if self.start_servers:
            started = time.monotonic()
            for server in self._servers.values():
                server.launch()
            for server in self._servers.values():
                server.wait_ready()
            self.timings["servers"] = time.monotonic() - started
        if self.verbose:
            log("started %s in %s" % (self.describe(), self._timing_text()))

    @staticmethod
    def _no_ipv6_in(host):
        """IPv6 off in a new host namespace before any interface is moved in (see QuietIntf)."""
        host.cmd("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")

    def _verify_no_ipv6(self):
        for host in self.net.hosts:
            if host.cmd("ip -6 addr show").strip():
                raise RuntimeError("host %s still has IPv6 addresses" % host.name)
        for switch in self.net.switches:
            for intf in switch.intfList():
                if intf.name != "lo":
                    with open("/proc/sys/net/ipv6/conf/%s/disable_ipv6" % intf.name) as knob:
                        if knob.read().strip() != "1":
                            raise RuntimeError("IPv6 is on for %s" % intf.name)

    def _verify_switches(self):
        """Every bridge exists with the netdev datapath and every port has its planned number and no error
        (ovs-vsctl exits 0 even when a bridge or port fails)."""
        expected = {}
        for sw in self.net.switches:
            for port, intf in sw.intfs.items():
                if intf.name != "lo":
                    expected[intf.name] = port

        def problems():
            found = {}
            out = run(["ovs-vsctl", "--format=json", "--columns=name,ofport,error", "list", "Interface"]).stdout
            for name, ofport, error in json.loads(out)["data"]:
                found[name] = (ofport, error)
            bad = []
            for name, port in expected.items():
                ofport, error = found.get(name, (None, None))
                if ofport != port or (error and error != ["set", []]):
                    bad.append("%s: ofport %s (want %d) error %s" % (name, ofport, port, error))
            dps = run(["ovs-vsctl", "--format=json", "--columns=name,datapath_type", "list", "Bridge"]).stdout
            types = dict((n, t) for n, t in json.loads(dps)["data"])
            for sw in self.net.switches:
                if types.get(sw.name) != "netdev":
                    bad.append("%s: datapath_type %r" % (sw.name, types.get(sw.name)))
            return bad

        try:
            wait_until(lambda: not problems(), 10, "switch ports to get their planned numbers")
        except TimeoutError:
            raise RuntimeError("Open vSwitch did not set up the bridges as planned: %s" % "; ".join(problems()))

    def stop(self):
        """Stop our processes, the network, and remove every leftover of this run. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        started = time.monotonic()
        try:
            for server in self._servers.values():
                server.stop()
            if self.run_dir is not None:
                terminate_pids(self.run_dir.recorded())
            if self.net is not None:
                self.net.stop()
                for controller in self.net.controllers:
                    controller.terminate()  # RemoteController.stop() leaves its shell running
        finally:
            if self.run_dir is not None:
                result = cleanup(self.plan.prefix, force=True, keep_run=self.run_dir.path, verbose=self.verbose)
                self.run_dir.mark_inactive()
                if result.get("remaining"):
                    raise RuntimeError("clean-up left %s" % result["remaining"])
            self.timings["stop"] = time.monotonic() - started
            if self.verbose:
                log("stopped in %.2f s" % self.timings["stop"])

    def __enter__(self) -> "SwitchboardNet":
        return self.start()

    def __exit__(self, *_exc):
        self.stop()

    # ---- configuration ---------------------------------------------------------------------------

    def config(self, **kwargs) -> dict:
        """Controller config (docs/config.md) for this network; kwargs as Plan.config (rest_port, token,
        dispatch={...})."""
        kwargs.setdefault("controller_port", self.controller_port or 6653)
        kwargs.setdefault("controller_ip", self.controller_ip)
        kwargs.setdefault("trunk_mode", self.trunk_mode)
        return self.plan.config(**kwargs)

    def config_json(self, **kwargs) -> str:
        return json.dumps(self.config(**kwargs), indent=2) + "\n"

    def write_config(self, path: Optional[str] = None, **kwargs) -> str:
        """Write the controller config (default: <run dir>/controller.json) and return the path."""
        path = path or os.path.join(self.run_dir.path, "controller.json")
        with open(path, "w") as out:
            out.write(self.config_json(**kwargs))
        return path

    def describe(self) -> str:
        p = self.plan
        return "%d dispatchers, %d clients, servers %s" % (
            p.k, p.m, ", ".join("%s x%d :%d" % (g.name, g.size, g.port) for g in p.groups))

    def _timing_text(self) -> str:
        return ", ".join("%s %.2f s" % kv for kv in self.timings.items())

    # ---- hosts and processes ---------------------------------------------------------------------

    def client(self, i: int) -> ClientHost:
        if i not in self._clients:
            raise KeyError("no client %r (1..%d)" % (i, self.plan.m))
        return self._clients[i]

    def clients(self) -> List[ClientHost]:
        return [self._clients[i] for i in sorted(self._clients)]

    def server(self, name: str) -> ServerHost:
        return self._servers[self.plan.server(name).name]

    def servers(self, group: Optional[str] = None) -> List[ServerHost]:
        return [s for s in self._servers.values() if group is None or s.spec.group == group]

    def run_in(self, node, argv: Sequence[str], timeout: float = 30.0):
        """Run argv inside a Mininet node; return (exit code, stdout, stderr). Kills it after timeout."""
        self.seq += 1
        name = "%s-run%d" % (node.name, self.seq)
        popen = node.popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, errors="replace")
        self.run_dir.record(name, popen.pid)
        try:
            out, err = popen.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.communicate()
            raise TimeoutError("%s in %s did not finish within %g s" % (" ".join(argv), node.name, timeout))
        finally:
            self.run_dir.forget(name)
        return popen.returncode, out, err

    # ---- switches and links ----------------------------------------------------------------------

    def switch_protocol(self, switch: str) -> str:
        """The OpenFlow version to talk to a switch with ovs-ofctl (the newest it allows)."""
        protocols = self.router_protocols if switch == self.plan.router else self.switch_protocols
        return protocols.split(",")[-1]

    def ofctl(self, command: str, switch: str, *args: str, version: Optional[str] = None) -> str:
        """ovs-ofctl -O <version> command switch args... ; returns stdout, raises on failure."""
        return run(["ovs-ofctl", "-O", version or self.switch_protocol(switch), command, switch] + list(args)).stdout

    def dump_flows(self, switch: str, table: Optional[int] = None, version: str = "OpenFlow13") -> List[Flow]:
        """Flows of a switch via ovs-ofctl -O OpenFlow13 dump-flows, parsed."""
        args = ["table=%d" % table] if table is not None else []
        out = run(["ovs-ofctl", "-O", version, "dump-flows", switch] + args).stdout
        return [Flow.parse(line) for line in out.splitlines() if "actions=" in line]

    def session_flows(self) -> Dict[int, Dict[SessionTuple, Flow]]:
        """Per dispatcher id: its session rules (table 1, cookie kind SESSION) by 5-tuple. The switches are
        dumped at the same time, so the tables are seen at (nearly) the same moment."""
        def rules_of(d):
            rules = {}
            for flow in self.dump_flows(d.switch, table=1):
                key = flow.session_tuple()
                if key is not None:
                    rules[key] = flow
            return d.id, rules

        with ThreadPoolExecutor(max_workers=len(self.plan.dispatchers)) as pool:
            return dict(pool.map(rules_of, self.plan.dispatchers))

    def dump_groups(self, switch: str, version: Optional[str] = None) -> List[str]:
        out = self.ofctl("dump-groups", switch, version=version)
        return [line.strip() for line in out.splitlines() if "group_id=" in line]

    def port_state(self, switch: str, port: int) -> Dict[str, str]:
        """{"config": ..., "state": ...} of one port as ovs-ofctl show reports them (e.g. state LINK_DOWN)."""
        out = self.ofctl("show", switch, version="OpenFlow13")
        block = re.search(r"^ %d\([^)]*\):.*?(?=^ \S|\Z)" % port, out, re.MULTILINE | re.DOTALL)
        if block is None:
            raise KeyError("%s has no port %d" % (switch, port))
        return dict(re.findall(r"^\s+(config|state):\s+(.*?)\s*$", block.group(0), re.MULTILINE))

    def link_down(self, a: str, b: str):
        self._link(a, b, "down")

    def link_up(self, a: str, b: str):
        self._link(a, b, "up")

    def _link(self, a: str, b: str, status: str):
        node_a, node_b = self.net.get(a), self.net.get(b)
        pairs = node_a.connectionsTo(node_b)
        if not pairs:
            raise ValueError("no link between %s and %s" % (a, b))
        for intf_a, intf_b in pairs:
            for intf in (intf_a, intf_b):
                out = intf.ifconfig(status)
                if out.strip():
                    raise RuntimeError("ifconfig %s %s: %s" % (intf.name, status, out.strip()))

    def trunk_down(self, d: int):
        """Take the router <-> dispatcher d trunk link down (both ends)."""
        self.link_down(self.plan.router, self.plan.dispatcher(d).switch)

    def trunk_up(self, d: int):
        self.link_up(self.plan.router, self.plan.dispatcher(d).switch)

    def san_link_down(self, d: int):
        self.link_down(self.plan.dispatcher(d).switch, self.plan.san)

    def san_link_up(self, d: int):
        self.link_up(self.plan.dispatcher(d).switch, self.plan.san)

    def controllers_connected(self) -> Dict[str, bool]:
        """Per switch: does OVSDB report its controller connection as up? (OVSDB lags 3.5 to 5 s.)"""
        bridges = json.loads(run(["ovs-vsctl", "--format=json", "--columns=name,controller", "list",
                                  "Bridge"]).stdout)["data"]
        controllers = json.loads(run(["ovs-vsctl", "--format=json", "--columns=_uuid,is_connected", "list",
                                      "Controller"]).stdout)["data"]
        up = {uuid[1]: connected for uuid, connected in controllers}
        result = {}
        for name, ctl in bridges:
            if name in self.plan.switch_names():
                uuids = [ctl[1]] if ctl[0] == "uuid" else [u[1] for u in ctl[1]]
                result[name] = any(up.get(u) for u in uuids)
        return result

    def wait_connected(self, timeout: float = 20.0):
        """Wait until every switch reports its controller connection up (polls OVSDB)."""
        if self.controller_port is None:
            raise RuntimeError("this network has no controller")
        try:
            wait_until(lambda: all(self.controllers_connected().values()), timeout, "switches to connect")
        except TimeoutError:
            raise TimeoutError("not all switches connected to the controller at %s:%d within %g s: %s"
                               % (self.controller_ip, self.controller_port, timeout, self.controllers_connected()))


# --------------------------------------------------------------------------------------------------
# Self-test: no controller; static flows emulating the design prove OVS, TSO, addressing and NAT.
# --------------------------------------------------------------------------------------------------

def _arp_responder(ip: str, mac: str) -> str:
    """A flow that answers ARP requests for ip with mac out of the port they came in on."""
    return ("priority=200,arp,arp_op=1,arp_tpa=%s actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],"
            "set_field:%s->eth_src,set_field:2->arp_op,move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],"
            "move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:%s->arp_sha,set_field:%s->arp_spa,IN_PORT"
            % (ip, mac, mac, ip))


def install_static_design(sbnet: SwitchboardNet, targets: Optional[Dict[str, str]] = None):
    """Static flows in the shape of docs/topology.md: every dispatcher sends each service to one server.
    targets: group name -> server name (default: the first server of each group)."""
    plan = sbnet.plan
    targets = targets or {g.name: plan.group_servers(g.name)[0].name for g in plan.groups}
    # Router: ARP for the gateway, VIP traffic from clients into a SELECT group over the trunks,
    # traffic to a client rewritten to come from the gateway.
    buckets = ",".join("bucket=watch_port:%d,actions=output:%d" % (d.router_port, d.router_port)
                       for d in plan.dispatchers)
    sbnet.ofctl("add-group", plan.router, "group_id=1,type=select,%s" % buckets, version="OpenFlow13")
    router_flows = [_arp_responder(CLIENT_GATEWAY_IP, CLIENT_GATEWAY_MAC)]
    vips = sorted({g.vip for g in plan.groups})
    for c in plan.clients:
        for vip in vips:
            router_flows.append("priority=100,ip,in_port=%d,nw_dst=%s actions=group:1" % (c.router_port, vip))
        router_flows.append("priority=100,ip,nw_dst=%s actions=set_field:%s->eth_src,set_field:%s->eth_dst,"
                            "output:%d" % (c.ip, CLIENT_GATEWAY_MAC, c.mac, c.router_port))
    # Dispatchers: table 0 -> table 1; table 1 forward (DNAT) and reverse (SNAT) translation.
    dispatcher_flows = ["table=0,priority=0 actions=goto_table:1"]
    for group in plan.groups:
        server = plan.server(targets[group.name])
        dispatcher_flows.append(
            "table=1,priority=100,tcp,in_port=%d,nw_dst=%s,tp_dst=%d actions=set_field:%s->eth_dst,"
            "set_field:%s->ip_dst,output:%d" % (DISPATCHER_TRUNK_PORT, group.vip, group.port, server.mac, server.ip,
                                                DISPATCHER_SAN_PORT))
        for s in plan.group_servers(group.name):
            dispatcher_flows.append(
                "table=1,priority=100,tcp,in_port=%d,nw_src=%s,tp_src=%d actions=set_field:%s->ip_src,output:%d"
                % (DISPATCHER_SAN_PORT, s.ip, group.port, group.vip, DISPATCHER_TRUNK_PORT))
    # SAN: deliver by server MAC, ARP for the server gateway, server traffic to a SELECT group over dispatchers.
    buckets = ",".join("bucket=watch_port:%d,actions=output:%d" % (d.san_switch_port, d.san_switch_port)
                       for d in plan.dispatchers)
    sbnet.ofctl("add-group", plan.san, "group_id=1,type=select,%s" % buckets, version="OpenFlow13")
    san_flows = [_arp_responder(SERVER_GATEWAY_IP, SERVER_GATEWAY_MAC)]
    for s in plan.servers:
        san_flows.append("priority=100,dl_dst=%s actions=output:%d" % (s.mac, s.san_port))
        san_flows.append("priority=50,ip,in_port=%d actions=group:1" % s.san_port)

    def load(switch, flows):
        path = os.path.join(sbnet.run_dir.path, "%s.flows" % switch)
        with open(path, "w") as out:
            out.write("\n".join(flows) + "\n")
        sbnet.ofctl("add-flows", switch, path, version="OpenFlow13")

    load(plan.router, router_flows)
    for d in plan.dispatchers:
        load(d.switch, dispatcher_flows)
    load(plan.san, san_flows)


class SelfTestFailure(AssertionError):
    pass


def _check(condition, message):
    if not condition:
        raise SelfTestFailure(message)
    log("ok: " + message)


def selftest(k: int = 3, clients: int = 2, prefix: str = "sb", keep_logs: bool = True) -> int:
    """Build the network with no controller, install static design flows, check real traffic end to end."""
    total = time.monotonic()
    sbnet = SwitchboardNet(k=k, clients=clients, controller_port=None, prefix=prefix, verbose=True)
    try:
        sbnet.start()
        plan = sbnet.plan
        install_static_design(sbnet)
        web = plan.group_servers("web")[0]
        api = plan.group_servers("api")[0] if any(g.name == "api" for g in plan.groups) else None
        c1 = sbnet.client(1)

        started = time.monotonic()
        answer = c1.curl("/", port=80, timeout=10)
        sbnet.timings["first_curl"] = time.monotonic() - started
        _check(answer.ok and answer.body.strip() == web.name,
               "client 1 curl http://%s/ answers %r (want %r) %s" % (VIP, answer.body.strip(), web.name, answer.error))
        peers = sbnet.server(web.name).peers()
        _check(any(p == "%s:%d" % (c1.ip, answer.local_port) for p in peers),
               "%s logged the connection from the client's own address %s:%s (no SNAT)"
               % (web.name, c1.ip, answer.local_port))
        if api is not None:
            answer = sbnet.client(clients).curl("/", port=api.service_port)
            _check(answer.ok and answer.body.strip() == api.name,
                   "client %d curl http://%s:%d/ answers %r" % (clients, VIP, api.service_port, answer.body.strip()))

        for client in sbnet.clients():
            counts = client.who_answered(count=20, parallel=5, requests=2)
            _check(counts == Counter({web.name: 20}), "%s: 20 keep-alive connections all answered by %s: %s"
                   % (client.name, web.name, dict(counts)))

        started = time.monotonic()
        big = c1.connect(path="/bytes?n=50000000", timeout=20)[0]
        seconds = time.monotonic() - started
        _check(big["ok"] and big["bytes"] == 50000000 and big["pattern_ok"],
               "50 MB through router, dispatcher (DNAT/SNAT) and SAN intact (%.1f Mbit/s incl. process start-up)"
               % (big["bytes"] * 8 / seconds / 1e6))

        # Dispatcher failure with mirrored rules: running streams and new connections survive.
        streams = [client.start_stream(seconds=3, rate=100000, count=3) for client in sbnet.clients()]
        wait_until(lambda: all(s.received() > 50000 for s in streams), 10, "streams to be under way")
        victim = plan.dispatcher(min(2, k))
        before = {d.switch: sum(f.n_packets for f in sbnet.dump_flows(d.switch, table=1)) for d in plan.dispatchers}
        sbnet.trunk_down(victim.id)
        sbnet.san_link_down(victim.id)
        counts = c1.who_answered(count=20, parallel=5)
        _check(counts == Counter({web.name: 20}), "with dispatcher %d down, new connections all answered: %s"
               % (victim.id, dict(counts)))
        results = [r for s in streams for r in s.wait(timeout=30)]
        _check(all(r["ok"] and r["pattern_ok"] and r["bytes"] == 300000 for r in results),
               "%d streams running across the dispatcher %d failure completed intact: %s"
               % (len(results), victim.id, [(r["bytes"], r["pattern_ok"], r["error"]) for r in results]))
        after = {d.switch: sum(f.n_packets for f in sbnet.dump_flows(d.switch, table=1)) for d in plan.dispatchers}
        log("packets per dispatcher during the failure test: %s"
            % {sw: after[sw] - before[sw] for sw in after})
        sbnet.trunk_up(victim.id)
        sbnet.san_link_up(victim.id)
        counts = c1.who_answered(count=10)
        _check(counts == Counter({web.name: 10}), "after dispatcher %d is back: %s" % (victim.id, dict(counts)))

        flows = sbnet.dump_flows(plan.dispatcher(1).switch)
        _check(any(f.table == 1 and f.n_packets > 0 and "set_field:%s->ip_dst" % web.ip in f.actions for f in flows),
               "dump_flows shows the DNAT flow of dispatcher 1 with traffic")
    except (SelfTestFailure, TimeoutError, RuntimeError) as failure:
        log("SELFTEST FAILED: %s" % failure)
        if sbnet.run_dir is not None:
            log("logs in %s" % sbnet.run_dir.path)
        return 1
    finally:
        sbnet.stop()
    left = {key: value for key, value in leftovers(prefix).items() if value}
    if left:
        log("SELFTEST FAILED: left behind: %s" % left)
        return 1
    log("ok: nothing of prefix %r left (bridges, links, netns, node shells)" % prefix)
    sbnet.timings["total"] = time.monotonic() - total
    log("SELFTEST PASSED; timings: %s" % sbnet._timing_text())
    if not keep_logs:
        shutil.rmtree(sbnet.run_dir.path, ignore_errors=True)
    return 0


def _parse_groups(text: Optional[str]) -> Sequence[GroupSpec]:
    """"web:3:80,api:2:8080" -> GroupSpecs."""
    if not text:
        return DEFAULT_GROUPS
    groups = []
    for item in text.split(","):
        try:
            name, size, port = item.split(":")
            groups.append(GroupSpec(name, int(size), int(port)))
        except ValueError:
            raise SystemExit("--groups: %r is not name:size:port" % item)
    return groups


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", "--dispatchers", type=int, default=3)
    parser.add_argument("-m", "--clients", type=int, default=2)
    parser.add_argument("--groups", help="server groups as name:size:port,... (default web:3:80,api:2:8080)")
    parser.add_argument("--prefix", default="sb")
    parser.add_argument("--controller-port", type=int, default=6653)
    parser.add_argument("--controller-ip", default="127.0.0.1")
    parser.add_argument("--rest-port", type=int, default=8181)
    parser.add_argument("--trunk-mode", choices=TRUNK_MODES, default="flow-hash")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--selftest", action="store_true", help="no controller; static flows; traffic checks")
    mode.add_argument("--print-config", action="store_true", help="print the controller config JSON")
    mode.add_argument("--hold", action="store_true", help="build and start, then wait for Ctrl-C or SIGTERM")
    args = parser.parse_args(argv)
    groups = _parse_groups(args.groups)

    if args.print_config:
        plan = Plan(args.dispatchers, args.clients, groups, args.prefix)
        print(json.dumps(plan.config(controller_port=args.controller_port, controller_ip=args.controller_ip,
                                     rest_port=args.rest_port, trunk_mode=args.trunk_mode), indent=2))
        return 0

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    signal.signal(signal.SIGTERM, on_signal)
    if args.selftest:
        if args.groups and "web" not in [g.name for g in groups]:
            raise SystemExit("--selftest needs a group named web")
        return selftest(args.dispatchers, args.clients, args.prefix)
    sbnet = SwitchboardNet(args.dispatchers, args.clients, groups, controller_port=args.controller_port,
                           controller_ip=args.controller_ip, prefix=args.prefix, trunk_mode=args.trunk_mode,
                           verbose=True)
    try:
        sbnet.start()
        path = sbnet.write_config(rest_port=args.rest_port)
        log("controller config: %s; run dir %s; Ctrl-C to stop" % (path, sbnet.run_dir.path))
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        sbnet.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
