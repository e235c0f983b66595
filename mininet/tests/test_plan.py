"""The addressing/port plan and the controller config it emits (no root needed)."""
import pytest

from switchboard_net import DEFAULT_GROUPS, Flow, GroupSpec, Plan

DOCUMENTED_TOP_LEVEL = {"openflow", "rest", "dispatch", "router", "dispatchers", "san", "servers", "groups",
                        "services"}


def test_default_plan_matches_the_documented_example():
    config = Plan(dispatchers=3, clients=2).config()

    assert config["router"]["dpid"] == "0x100"
    assert config["router"]["clientPorts"] == [1, 2]
    assert config["router"]["trunk"]["links"] == [{"dispatcher": 1, "port": 3}, {"dispatcher": 2, "port": 4},
                                                  {"dispatcher": 3, "port": 5}]
    assert config["dispatchers"][2] == {"id": 3, "dpid": "0x203", "trunkPort": 1, "sanPort": 2, "sanSwitchPort": 3}
    assert config["san"] == {"dpid": "0x300", "gateway": {"ip": "203.0.113.1", "mac": "02:5b:00:00:00:02"}}
    assert config["servers"][0] == {"name": "web-1", "ip": "203.0.113.11", "mac": "02:00:00:00:0b:01",
                                    "sanSwitchPort": 4, "weight": 1}
    assert config["servers"][4] == {"name": "api-2", "ip": "203.0.113.15", "mac": "02:00:00:00:0b:05",
                                    "sanSwitchPort": 8, "weight": 1}
    assert config["groups"] == [{"name": "web", "servers": ["web-1", "web-2", "web-3"]},
                                {"name": "api", "servers": ["api-1", "api-2"]}]
    assert config["services"] == [
        {"name": "web", "vip": "198.51.100.10", "protocol": "tcp", "port": 80, "group": "web"},
        {"name": "api", "vip": "198.51.100.10", "protocol": "tcp", "port": 8080, "group": "api"}]


def test_config_has_only_documented_fields():
    config = Plan().config(controller_port=7000, rest_port=7001, token="t", trunk_mode="spray",
                           dispatch={"strategy": "consistent-hash"})

    assert set(config) == DOCUMENTED_TOP_LEVEL
    assert config["openflow"] == {"listen": "127.0.0.1", "port": 7000}
    assert config["rest"] == {"listen": "127.0.0.1", "port": 7001, "token": "t"}
    assert set(config["dispatch"]) == {"strategy", "lockTtlMillis", "idleTimeoutSeconds", "finLingerMillis",
                                       "fallback"}
    assert config["dispatch"]["strategy"] == "consistent-hash"
    assert set(config["router"]) == {"dpid", "clientPorts", "gateway", "trunk"}
    assert config["router"]["trunk"]["mode"] == "spray"


@pytest.mark.parametrize("k,m", [(1, 1), (2, 3), (5, 2), (16, 8)])
def test_switch_ports_are_contiguous_and_unique(k, m):
    groups = (GroupSpec("web", 4, 80), GroupSpec("api", 3, 8080), GroupSpec("dns", 1, 53))
    plan = Plan(k, m, groups)
    router_ports = [c.router_port for c in plan.clients] + [d.router_port for d in plan.dispatchers]
    san_ports = [d.san_switch_port for d in plan.dispatchers] + [s.san_port for s in plan.servers]

    assert router_ports == list(range(1, m + k + 1))
    assert san_ports == list(range(1, k + len(plan.servers) + 1))
    assert len({s.ip for s in plan.servers}) == len({s.mac for s in plan.servers}) == len(plan.servers) == 8


def test_addresses_follow_the_topology_contract():
    plan = Plan(dispatchers=12, clients=3)

    assert [(c.host, c.ip, c.mac) for c in plan.clients][-1] == ("sbc3", "192.0.2.13", "02:00:00:00:0a:03")
    assert plan.dispatcher(12).mac == "02:5b:00:00:01:0c"
    assert plan.dispatcher(12).switch == "sbd12"
    assert plan.dispatcher(12).dpid == 0x20C
    assert plan.server("sbapi2").name == "api-2"
    assert plan.switch_names() == ["sbr"] + ["sbd%d" % d for d in range(1, 13)] + ["sbs"]


@pytest.mark.parametrize("make,field", [
    (lambda: Plan(dispatchers=0), "dispatchers"),
    (lambda: Plan(clients=0), "clients"),
    (lambda: Plan(prefix="s-b"), "prefix"),
    (lambda: Plan(groups=(GroupSpec("web", 1, 80), GroupSpec("web", 1, 81))), "groups[1].name"),
    (lambda: Plan(groups=(GroupSpec("c", 1, 80),)), "groups[0].name"),
    (lambda: Plan(groups=(GroupSpec("web", 0, 80),)), "groups[0].size"),
    (lambda: Plan(groups=(GroupSpec("web", 1, 70000),)), "groups[0].port"),
    (lambda: Plan(groups=(GroupSpec("web", 1, 53, protocol="udp"),)), "groups[0].protocol"),
    (lambda: Plan(groups=(GroupSpec("web", 1, 80), GroupSpec("api", 1, 80))), "groups[1]"),
    (lambda: Plan(groups=(GroupSpec("verylonggroup", 1, 80),)), "too long"),
    (lambda: Plan().config(dispatch={"strategi": "x"}), "dispatch.strategi"),
    (lambda: Plan().config(trunk_mode="round-robin"), "trunk_mode"),
])
def test_bad_input_names_the_field(make, field):
    with pytest.raises(ValueError) as problem:
        make()
    assert field in str(problem.value)


def test_default_groups_are_web_and_api():
    assert [(g.name, g.size, g.port) for g in DEFAULT_GROUPS] == [("web", 3, 80), ("api", 2, 8080)]


def test_flow_lines_are_parsed():
    line = (" cookie=0x5b00000000000001, duration=3.2s, table=1, n_packets=7, n_bytes=1400, idle_timeout=60, "
            "send_flow_rem priority=300,tcp,in_port=1,nw_dst=198.51.100.10,tp_dst=80 "
            "actions=set_field:02:00:00:00:0b:01->eth_dst,output:2")
    flow = Flow.parse(line)

    assert (flow.table, flow.priority, flow.cookie >> 56, flow.n_packets, flow.idle_timeout) == (1, 300, 0x5B, 7, 60)
    assert flow.flags == ["send_flow_rem"]
    assert flow.match == "tcp,in_port=1,nw_dst=198.51.100.10,tp_dst=80"
    assert flow.actions == "set_field:02:00:00:00:0b:01->eth_dst,output:2"
    assert Flow.parse(" cookie=0x0, duration=1s, table=0, n_packets=0, n_bytes=0, actions=drop").priority == 32768
