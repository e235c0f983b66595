package dev.switchboard.controller.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad configuration is rejected with a message that starts with the offending field's path. */
class BadConfigTest {

    private static Arguments bad(String name, UnaryOperator<ConfigFixture> edit, String path, String problem) {
        return arguments(name, edit, path, problem);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("IPv4 octet too large", c -> c.set("servers[2].ip", "'10.0.0.300'"),
                        "servers[2].ip", "'10.0.0.300' is not an IPv4 address"),
                bad("IPv4 with three octets", c -> c.set("services[0].vip", "'198.51.100'"),
                        "services[0].vip", "'198.51.100' is not an IPv4 address"),
                bad("unknown top-level field", c -> c.set("bogus", "1"),
                        "bogus", "unknown field"),
                bad("unknown nested field", c -> c.set("router.trunk.weights", "[]"),
                        "router.trunk.weights", "unknown field (expected one of: mode, links)"),
                bad("misspelt server field", c -> c.set("servers[0].wieght", "2"),
                        "servers[0].wieght", "unknown field"),
                bad("group names an unknown server", c -> c.set("groups[0].servers[1]", "'web-9'"),
                        "groups[0].servers[1]", "'web-9' names an unknown server"),
                bad("group lists a server twice", c -> c.set("groups[0].servers[1]", "'web-1'"),
                        "groups[0].servers[1]", "'web-1' is already used by groups[0].servers[0]"),
                bad("service names an unknown group", c -> c.set("services[1].group", "'db'"),
                        "services[1].group", "'db' names an unknown group"),
                bad("duplicate VIP:port/protocol", c -> c.set("services[1].port", "80"),
                        "services[1]", "198.51.100.10:80/tcp is already used by services[0]"),
                bad("duplicate service name", c -> c.set("services[2].name", "'web'"),
                        "services[2].name", "'web' is already used by services[0].name"),
                bad("trunk link names an unknown dispatcher", c -> c.set("router.trunk.links[2].dispatcher", "7"),
                        "router.trunk.links[2].dispatcher", "7 names an unknown dispatcher (configured ids: 1, 2, 3)"),
                bad("two trunk links for one dispatcher", c -> c.set("router.trunk.links[2].dispatcher", "2"),
                        "router.trunk.links[2].dispatcher", "2 is already used by router.trunk.links[1].dispatcher"),
                bad("dispatcher without trunk link", c -> c.remove("router.trunk.links[2]"),
                        "router.trunk.links", "dispatcher 3 (dispatchers[2]) has no trunk link"),
                bad("duplicate dispatcher dpid", c -> c.set("dispatchers[1].dpid", "'0x201'"),
                        "dispatchers[1].dpid", "0x201 is already used by dispatchers[0].dpid"),
                bad("SAN dpid equals router dpid", c -> c.set("san.dpid", "256"),
                        "san.dpid", "0x100 is already used by router.dpid"),
                bad("duplicate dispatcher id", c -> c.set("dispatchers[2].id", "1"),
                        "dispatchers[2].id", "1 is already used by dispatchers[0].id"),
                bad("dispatcher id above 63", c -> c.set("dispatchers[0].id", "64"),
                        "dispatchers[0].id", "64 is out of range 0..63"),
                bad("negative dispatcher id", c -> c.set("dispatchers[0].id", "-1"),
                        "dispatchers[0].id", "-1 is out of range 0..63"),
                bad("unknown strategy", c -> c.set("dispatch.strategy", "'fastest'"),
                        "dispatch.strategy",
                        "'fastest' is not one of least-load, weighted-round-robin, consistent-hash"),
                bad("unknown fallback", c -> c.set("dispatch.fallback", "'retry'"),
                        "dispatch.fallback", "'retry' is not one of drop, consistent-hash"),
                bad("unknown trunk mode", c -> c.set("router.trunk.mode", "'round-robin'"),
                        "router.trunk.mode", "'round-robin' is not one of flow-hash, spray"),
                bad("unknown protocol", c -> c.set("services[0].protocol", "'sctp'"),
                        "services[0].protocol", "'sctp' is not one of tcp, udp"),
                bad("OpenFlow port above 65535", c -> c.set("openflow.port", "70000"),
                        "openflow.port", "70000 is out of range 0..65535"),
                bad("port given as a string", c -> c.set("openflow.port", "'6653'"),
                        "openflow.port", "'6653' is not an integer"),
                bad("fractional port", c -> c.set("rest.port", "8181.5"),
                        "rest.port", "8181.5 is not an integer"),
                bad("service port 0", c -> c.set("services[0].port", "0"),
                        "services[0].port", "0 is out of range 1..65535"),
                bad("switch port beyond OpenFlow 1.0 range", c -> c.set("router.clientPorts[0]", "65280"),
                        "router.clientPorts[0]", "65280 is out of range 1..65279"),
                bad("duplicate client port", c -> c.set("router.clientPorts[1]", "1"),
                        "router.clientPorts[1]", "1 is already used by router.clientPorts[0]"),
                bad("trunk port is a client port", c -> c.set("router.trunk.links[0].port", "2"),
                        "router.trunk.links[0].port", "2 is already used by router.clientPorts[1]"),
                bad("dispatcher SAN port equals its trunk port", c -> c.set("dispatchers[1].sanPort", "1"),
                        "dispatchers[1].sanPort", "1 is already used by dispatchers[1].trunkPort"),
                bad("server on a dispatcher's SAN switch port", c -> c.set("servers[0].sanSwitchPort", "2"),
                        "servers[0].sanSwitchPort", "2 is already used by dispatchers[1].sanSwitchPort"),
                bad("missing dpid", c -> c.remove("router.dpid"),
                        "router.dpid", "required field is missing"),
                bad("null counts as missing", c -> c.set("san.gateway", "null"),
                        "san.gateway", "required field is missing"),
                bad("missing router", c -> c.remove("router"),
                        "router", "required field is missing"),
                bad("bad hex dpid", c -> c.set("dispatchers[0].dpid", "'0xZZ'"),
                        "dispatchers[0].dpid", "'0xZZ' is not a datapath id"),
                bad("dpid wider than 64 bits", c -> c.set("router.dpid", "'0x10000000000000000'"),
                        "router.dpid", "is not a datapath id"),
                bad("bad MAC address", c -> c.set("servers[1].mac", "'02:00:00:00:0b'"),
                        "servers[1].mac", "'02:00:00:00:0b' is not a MAC address"),
                bad("duplicate MAC address", c -> c.set("servers[1].mac", "'02:00:00:00:0b:01'"),
                        "servers[1].mac", "'02:00:00:00:0b:01' is already used by servers[0].mac"),
                bad("weight 0", c -> c.set("servers[0].weight", "0"),
                        "servers[0].weight", "0 is out of range 1..10000"),
                bad("duplicate server name", c -> c.set("servers[2].name", "'web-1'"),
                        "servers[2].name", "'web-1' is already used by servers[0].name"),
                bad("duplicate server address", c -> c.set("servers[1].ip", "'203.0.113.11'"),
                        "servers[1].ip", "'203.0.113.11' is already used by servers[0].ip"),
                bad("server on the gateway address", c -> c.set("servers[0].ip", "'203.0.113.1'"),
                        "servers[0].ip", "'203.0.113.1' is already used by san.gateway.ip"),
                bad("VIP is a server address", c -> c.set("services[2].vip", "'203.0.113.12'"),
                        "services[2].vip", "'203.0.113.12' is already used by servers[1].ip"),
                bad("empty server name", c -> c.set("servers[0].name", "' '"),
                        "servers[0].name", "must not be empty"),
                bad("no dispatchers", c -> c.set("dispatchers", "[]"),
                        "dispatchers", "must list at least one entry"),
                bad("dispatchers not an array", c -> c.set("dispatchers", "{}"),
                        "dispatchers", "expected an array, got an object"),
                bad("server entry not an object", c -> c.set("servers[1]", "'web-2'"),
                        "servers[1]", "expected an object, got 'web-2'"),
                bad("zero lock TTL", c -> c.set("dispatch.lockTtlMillis", "0"),
                        "dispatch.lockTtlMillis", "0 is out of range 1..30000"),
                bad("lock TTL beyond the tombstone retention", c -> c.set("dispatch.lockTtlMillis", "30001"),
                        "dispatch.lockTtlMillis", "30001 is out of range 1..30000"),
                bad("idle timeout beyond 16 bits", c -> c.set("dispatch.idleTimeoutSeconds", "65536"),
                        "dispatch.idleTimeoutSeconds", "65536 is out of range 1..65535"),
                bad("negative table sizing", c -> c.set("dispatch.expectedSessions", "-1"),
                        "dispatch.expectedSessions", "-1 is out of range 0..67108864"),
                bad("table sizing beyond an int-indexed table", c -> c.set("dispatch.expectedSessions", "67108865"),
                        "dispatch.expectedSessions", "67108865 is out of range 0..67108864"),
                bad("table sizing not an integer", c -> c.set("dispatch.expectedSessions", "1.5"),
                        "dispatch.expectedSessions", "1.5 is not an integer"),
                bad("negative session limit", c -> c.set("dispatch.maxSessions", "-1"),
                        "dispatch.maxSessions", "-1 is out of range 0..67108864"),
                bad("session limit not a number", c -> c.set("dispatch.maxSessions", "'lots'"),
                        "dispatch.maxSessions", "'lots' is not an integer"),
                bad("empty token", c -> c.set("rest.token", "''"),
                        "rest.token", "must not be empty"),
                bad("REST on the OpenFlow port", c -> c.set("rest.port", "6653"),
                        "rest.port", "6653 is already used by openflow.port on 127.0.0.1"),
                bad("host name instead of an address", c -> c.set("openflow.listen", "'localhost'"),
                        "openflow.listen", "'localhost' is not an IP address literal"),
                bad("top level is not an object", c -> ConfigFixture.raw("[1, 2]"),
                        "(top level)", "expected an object, got an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void rejectsNamingTheField(String name, UnaryOperator<ConfigFixture> edit, String path, String problem) {
        ConfigFixture config = edit.apply(ConfigFixture.base());
        ConfigException error = catchThrowableOfType(ConfigException.class, config::parse);

        assertThat(error).as(name + " must be rejected").isNotNull();
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.getMessage()).startsWith(path + ": ").contains(problem);
        assertThat(error.getMessage()).doesNotContain("\n");
    }
}
