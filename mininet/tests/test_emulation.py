"""The emulated network itself, before the real controller exists (root and ci/ovs-up.sh needed)."""
import os
import re
import signal
import subprocess

from conftest import MININET_DIR, free_port
from fake_ofcontroller import FakeOpenFlowController
import switchboard_net
from switchboard_net import leftovers, wait_until


def ofctl_ports(switch):
    """{port number: interface name} from ovs-ofctl show (local port excluded)."""
    out = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "show", switch], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return {int(number): name for number, name in re.findall(r"^\s*(\d+)\(([^)]+)\):", out, re.MULTILINE)}


def nothing_left(prefix):
    return not any(leftovers(prefix).values())


def test_selftest_static_design_flows_carry_traffic_and_leave_nothing(ovs):
    assert switchboard_net.selftest(k=3, clients=2) == 0
    assert nothing_left("sb")


def test_switches_connect_with_planned_datapath_ids_and_port_numbers(sbnet_factory):
    fake = FakeOpenFlowController(free_port())
    try:
        net = sbnet_factory(k=2, clients=3, controller_port=fake.port)
        config = net.config()

        net.wait_connected(timeout=20)
        wait_until(lambda: fake.datapath_ids() == {0x100, 0x201, 0x202, 0x300}, 10,
                   "features replies from all switches (got %s)" % fake.datapath_ids())
        router = ofctl_ports("sbr")
        trunk_ports = [link["port"] for link in config["router"]["trunk"]["links"]]
        assert sorted(router) == config["router"]["clientPorts"] + trunk_ports
        for link in config["router"]["trunk"]["links"]:
            peer = net.net.get("sbr").intfs[link["port"]].link
            assert {peer.intf1.node.name, peer.intf2.node.name} == {"sbr", "sbd%d" % link["dispatcher"]}
        for server in config["servers"]:
            intf = net.net.get("sbs").intfs[server["sanSwitchPort"]]
            peer = intf.link.intf1 if intf.link.intf2 is intf else intf.link.intf2
            assert (peer.node.IP(), peer.MAC()) == (server["ip"], server["mac"])
        assert ofctl_ports("sbd1") == {1: "sbd1-eth1", 2: "sbd1-eth2"}
    finally:
        fake.close()


def rx_packets(switch):
    out = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "dump-ports", switch], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return sum(int(n) for n in re.findall(r"rx pkts=(\d+)", out))


def test_a_new_network_is_silent_and_forwards_nothing_without_rules(sbnet_factory):
    fake = FakeOpenFlowController(free_port())
    try:
        net = sbnet_factory(k=2, clients=1, controller_port=fake.port)
        net.wait_connected(timeout=20)  # takes seconds: time enough for IPv6 chatter to show

        for host in net.net.hosts:
            assert host.cmd("ip -6 addr show").strip() == "", host.name
        assert {sw: rx_packets(sw) for sw in net.plan.switch_names()} == {sw: 0 for sw in net.plan.switch_names()}
        assert not net.client(1).curl("/", timeout=1).ok
        assert all(f.n_packets == 0 for f in net.dump_flows("sbd1"))
        assert net.server("web-1").running()
    finally:
        fake.close()


def test_trunk_link_down_and_up_is_visible_to_openflow(sbnet_factory):
    net = sbnet_factory(k=2, clients=1, controller_port=None)
    trunk = net.plan.dispatcher(2).router_port

    def link_down():
        return "LINK_DOWN" in net.port_state("sbr", trunk)["state"]

    net.trunk_down(2)
    wait_until(link_down, 5, "trunk port %d to report LINK_DOWN" % trunk)
    net.trunk_up(2)
    wait_until(lambda: not link_down(), 5, "trunk port %d to come back up" % trunk)


def test_a_crashed_run_is_removed_by_cleanup(ovs, tmp_path):
    prefix = "sbx"
    err = tmp_path / "hold.err"
    with open(err, "w") as stderr:
        owner = subprocess.Popen([switchboard_net.HOST_PYTHON, os.path.join(MININET_DIR, "switchboard_net.py"),
                                  "--hold", "--prefix", prefix, "--controller-port", str(free_port()),
                                  "-k", "1", "-m", "1", "--groups", "web:1:80"], stderr=stderr)
    try:
        wait_until(lambda: "Ctrl-C to stop" in err.read_text() or owner.poll() is not None, 30,
                   "the held network to start")
        assert owner.poll() is None, err.read_text()
        owner.send_signal(signal.SIGKILL)
        owner.wait()
        assert leftovers(prefix)["bridges"], "a killed run leaves its bridges"

        result = switchboard_net.cleanup(prefix)

        assert result["processes"], "the orphaned server process was stopped"
        assert not result["remaining"]
        assert nothing_left(prefix)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
        switchboard_net.cleanup(prefix, force=True, verbose=False)
