#!/usr/bin/python3
"""The real Switchboard controller (the standalone-controller jar) as a process beside a SwitchboardNet.

    with Switchboard.start(trunk_mode="spray") as sb:     # network + controller, ready to carry traffic
        sb.net.client(1).curl("/")
        sb.stats()                                         # REST /api/v1/stats, once the REST API exists

The controller gets a generated config (Plan.config) on free loopback ports, runs from a copy of the jar
(a rebuild of the module while it runs must not pull the jar from under the JVM), logs to
<run dir>/logs/controller.log, and its PID is recorded in the run dir, so a crashed run's clean-up
(mininet/cleanup.py) stops it too. stop() sends SIGTERM, then SIGKILL after a deadline.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from typing import Callable, Dict, List, Optional

import switchboard_net
from switchboard_net import (COOKIE_REVERSE, COOKIE_TRUNK, COOKIE_VIP_MISS, SwitchboardNet, proc_start_time,
                             wait_until)

REPO = os.path.dirname(switchboard_net.HERE)
DEFAULT_JAR = os.path.join(REPO, "standalone-controller", "target", "switchboard-controller.jar")
BUILD_COMMAND = "cd %s && mvn -q -pl standalone-controller -am install -DskipTests" % REPO
REST_TOKEN = "switchboard-e2e"


class RestUnavailable(AssertionError):
    """The controller's REST API did not answer (not running, or not in this build yet)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def controller_jar(path: Optional[str] = None) -> str:
    """The controller jar to run: path, else $SB_CONTROLLER_JAR, else the module's build output."""
    jar = path or os.environ.get("SB_CONTROLLER_JAR") or DEFAULT_JAR
    if not os.path.isfile(jar):
        raise FileNotFoundError("the controller jar %s does not exist; build it first: %s" % (jar, BUILD_COMMAND))
    return jar


class ControllerProcess:
    """One run of `java -jar switchboard-controller.jar --config FILE` for a network."""

    STOP_TIMEOUT = 10.0

    def __init__(self, net: SwitchboardNet, config: dict, jar: Optional[str] = None, name: str = "controller"):
        self.net = net
        self.config = config
        self.source_jar = controller_jar(jar)
        self.name = name
        self.config_path = os.path.join(net.run_dir.path, name + ".json")
        self.log_path = os.path.join(net.run_dir.logs, name + ".log")
        self.jar = os.path.join(net.run_dir.path, name + ".jar")
        self.popen: Optional[subprocess.Popen] = None
        self.started_at: Optional[float] = None
        self.ready_after: Optional[float] = None
        self.exit_code: Optional[int] = None

    @property
    def rest_url(self) -> str:
        rest = self.config["rest"]
        return "http://%s:%d" % (rest["listen"], rest["port"])

    @property
    def pid(self) -> Optional[int]:
        return self.popen.pid if self.popen is not None else None

    def start(self) -> "ControllerProcess":
        with open(self.config_path, "w") as out:
            json.dump(self.config, out, indent=2)
        shutil.copyfile(self.source_jar, self.jar)
        argv = ["java"] + os.environ.get("SB_CONTROLLER_JAVA_OPTS", "-XX:+UseSerialGC").split() + [
            "-jar", self.jar, "--config", self.config_path]
        with open(self.log_path, "a") as log:
            self.started_at = time.monotonic()
            self.popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                          cwd=self.net.run_dir.path, start_new_session=True)
        self.net.run_dir.record(self.name, self.popen.pid)
        return self

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def log_text(self) -> str:
        try:
            with open(self.log_path, errors="replace") as log:
                return log.read()
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 80) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def wait_ready(self, timeout: float = 30.0):
        """Until every switch is connected and programmed: the controller logged each dispatcher's join and
        the router's and SAN switch's programming, and the switches hold the static rules (the SAN uplink
        group over all k dispatchers). Raises with the log tail otherwise."""
        plan = self.net.plan

        def ready():
            if not self.running():
                raise RuntimeError("the controller exited with code %s before it was ready; log %s:\n%s"
                                   % (self.popen.poll(), self.log_path, self.log_tail()))
            text = self.log_text()
            joined = all("dispatcher %d on switch" % d.id in text for d in plan.dispatchers)
            return (joined and "router " in text and "SAN switch " in text and not self.unprogrammed()
                    and ("REST API on " not in text or self.rest_says_ready()))

        try:
            wait_until(ready, timeout, "the controller to program every switch", interval=0.1)
        except TimeoutError:
            raise TimeoutError("controller not ready within %g s: %s; log %s:\n%s"
                               % (timeout, self.unprogrammed() or "log lines missing", self.log_path,
                                  self.log_tail()))
        self.ready_after = time.monotonic() - self.started_at

    def rest_says_ready(self) -> bool:
        """With the REST API in the build: every dispatcher connected, done with bulk sync and its trunk up
        (a dispatcher still syncing drops connection requests, costing the client a 1 s SYN retransmission)."""
        try:
            dispatchers = dispatcher_stats(self.stats(timeout=1.0))
        except RestUnavailable:
            return False
        return (sorted(dispatchers) == [d.id for d in self.net.plan.dispatchers]
                and all(d.get("connected") and d.get("ready", True) and d.get("trunkUp") for d in dispatchers.values()))

    def unprogrammed(self) -> List[str]:
        """What the switches still lack of the controller's static programming (empty when ready)."""
        net, plan = self.net, self.net.plan
        missing = []
        router_groups = net.dump_groups(plan.router)
        if not router_groups or any(g.count("bucket=") != plan.k for g in router_groups):
            missing.append("router trunk group(s) with %d buckets: %s" % (plan.k, router_groups))
        trunk = [f for f in net.dump_flows(plan.router) if f.cookie_kind == COOKIE_TRUNK]
        if len(trunk) < plan.m:
            missing.append("router trunk rules (%d)" % len(trunk))
        for d in plan.dispatchers:
            kinds = [f.cookie_kind for f in net.dump_flows(d.switch, table=1)]
            if COOKIE_VIP_MISS not in kinds or kinds.count(COOKIE_REVERSE) != len(plan.servers):
                missing.append("%s VIP-miss and reverse rules" % d.switch)
        san_groups = net.dump_groups(plan.san)
        if len(san_groups) != 1 or san_groups[0].count("bucket=") != plan.k:
            missing.append("SAN uplink group over %d dispatchers: %s" % (plan.k, san_groups))
        return missing

    def stats(self, timeout: float = 3.0) -> dict:
        """GET /api/v1/stats: activeSessions, dispatchers[] (counters, tableSize...), servers[]."""
        url = self.rest_url + "/api/v1/stats"
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + self.config["rest"]["token"]})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return json.loads(answer.read().decode())
        except (urllib.error.URLError, OSError, ValueError) as problem:
            raise RestUnavailable("the controller's REST stats endpoint %s did not answer (%s); this needs the "
                                  "REST API in the controller build" % (url, problem))

    def stop(self, timeout: float = STOP_TIMEOUT) -> Optional[int]:
        """SIGTERM, then SIGKILL after timeout; returns the exit code. Safe to call twice."""
        if self.popen is not None and self.popen.poll() is None:
            # The PID is ours (a child we have not reaped), so it cannot have been recycled.
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout)
        if self.popen is not None:
            self.exit_code = self.popen.returncode
            self.net.run_dir.forget(self.name)
        if os.path.exists(self.jar):
            os.unlink(self.jar)
        return self.exit_code


def dispatcher_stats(stats: dict) -> Dict[int, dict]:
    """REST stats: {dispatcher id: its entry}."""
    return {d["id"]: d for d in stats.get("dispatchers", [])}


def counter_total(stats: dict, name: str) -> int:
    """A counter summed over every dispatcher of a REST stats document."""
    return sum(d.get("counters", {}).get(name, 0) for d in stats.get("dispatchers", []))


class Switchboard:
    """A started network plus its running, ready controller; stop() removes both."""

    def __init__(self, net: SwitchboardNet, controller: Optional[ControllerProcess]):
        self.net = net
        self.controller = controller

    @classmethod
    def start(cls, k: int = 3, clients: int = 2, groups=switchboard_net.DEFAULT_GROUPS, prefix: str = "sb",
              trunk_mode: str = "flow-hash", weights: Optional[Dict[str, int]] = None,
              dispatch: Optional[dict] = None, edit_config: Optional[Callable[[dict], None]] = None,
              jar: Optional[str] = None, ready_timeout: float = 40.0, verbose: bool = False) -> "Switchboard":
        """Build the network, start the controller with a generated config on free ports, wait until ready.
        weights: server name -> weight. edit_config: last chance to change the config dict."""
        jar = controller_jar(jar)  # fail before building anything
        net = SwitchboardNet(k=k, clients=clients, groups=groups, controller_port=free_port(), prefix=prefix,
                             trunk_mode=trunk_mode, verbose=verbose)
        sb = cls(net, None)
        try:
            net.start()
            config = net.config(rest_port=free_port(), token=REST_TOKEN, dispatch=dispatch)
            for server in config["servers"]:
                server["weight"] = (weights or {}).get(server["name"], server["weight"])
            unknown = set(weights or {}) - {s["name"] for s in config["servers"]}
            if unknown:
                raise ValueError("weights: no server named %s" % ", ".join(sorted(unknown)))
            if edit_config is not None:
                edit_config(config)
            sb.controller = ControllerProcess(net, config, jar).start()
            sb.controller.wait_ready(ready_timeout)
        except BaseException:
            sb.stop()
            raise
        return sb

    def stats(self) -> dict:
        return self.controller.stats()

    def failure_report(self) -> str:
        """What a failed test should show: where the logs are and the controller log's tail."""
        if self.controller is None:
            return "network run dir %s (no controller started)" % (self.net.run_dir.path if self.net.run_dir else "-")
        return "run dir %s; controller log %s (pid %s, exit %s), last lines:\n%s" % (
            self.net.run_dir.path, self.controller.log_path, self.controller.pid,
            self.controller.popen.poll() if self.controller.popen else None, self.controller.log_tail())

    def stop(self):
        """Controller first (by PID: SIGTERM, then SIGKILL), then the network and every leftover."""
        try:
            if self.controller is not None:
                self.controller.stop()
        finally:
            self.net.stop()

    def __enter__(self) -> "Switchboard":
        return self

    def __exit__(self, *_exc):
        self.stop()


def pid_alive(pid: int) -> bool:
    return proc_start_time(pid) is not None
