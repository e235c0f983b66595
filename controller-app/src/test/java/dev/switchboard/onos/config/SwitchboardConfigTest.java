package dev.switchboard.onos.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.Fixtures;
import dev.switchboard.rules.TrunkMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.InvalidFieldException;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchboardConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SwitchboardConfig config(JsonNode json) {
        SwitchboardConfig config = new SwitchboardConfig();
        config.init(new DefaultApplicationId(1, "dev.switchboard.app"), SwitchboardConfig.KEY, json, MAPPER,
                c -> { });
        return config;
    }

    @Test
    void validConfigurationDescribesTheTopology() {
        SwitchboardConfig config = config(Fixtures.json());
        assertThat(config.isValid()).isTrue();
        SwitchboardTopology t = config.topology();

        assertThat(t.router().device()).isEqualTo(Fixtures.ROUTER);
        assertThat(t.router().clientPorts()).containsExactly(PortNumber.portNumber(1), PortNumber.portNumber(2));
        assertThat(t.router().trunkMode()).isEqualTo(TrunkMode.FLOW_HASH);
        assertThat(t.router().trunkPorts()).containsEntry(2, PortNumber.portNumber(4));
        assertThat(t.dispatchers()).extracting(DispatcherSpec::id).containsExactly(1, 2);
        assertThat(t.dispatcherAt(Fixtures.D2).map(DispatcherSpec::id)).contains(2);
        assertThat(t.server("web-2").map(ServerSpec::weight)).contains(2);
        assertThat(t.server("web-1").map(ServerSpec::state)).contains(ServerState.ACTIVE);
        assertThat(t.isVip(Ipv4.parse(Fixtures.VIP))).isTrue();
        assertThat(t.services()).extracting(ServiceSpec::group).containsExactly("web");
    }

    @Test
    void encodingDecodesToAnEqualTopology() {
        SwitchboardTopology t = config(Fixtures.json()).topology();
        ObjectNode encoded = TopologyCodec.encode(t, MAPPER);
        assertThat(TopologyCodec.decode(encoded)).isEqualTo(t);

        SwitchboardConfig rewritten = config(MAPPER.createObjectNode()).topology(t);
        assertThat(rewritten.topology()).isEqualTo(t);
    }

    @Test
    void aServerMayLeaveOutItsMacAndStatesAreWrittenAsTheApiSpellsThem() {
        ObjectNode json = Fixtures.json();
        ObjectNode web1 = (ObjectNode) json.get("servers").get(0);
        web1.remove("mac");
        web1.put("state", "down");
        ((ObjectNode) json.get("servers").get(1)).put("state", "Disabled");
        SwitchboardTopology t = config(json).topology();

        assertThat(t.server("web-1").map(ServerSpec::mac)).contains(MacAddress.UNKNOWN);
        assertThat(t.servers()).extracting(ServerSpec::state).containsExactly(ServerState.DOWN, ServerState.DOWN);
        ObjectNode encoded = TopologyCodec.encode(t, MAPPER);
        assertThat(encoded.get("servers").get(0).has("mac")).isFalse();
        assertThat(encoded.get("servers").get(0).get("state").asText()).isEqualTo("disabled");
        assertThat(TopologyCodec.decode(encoded)).isEqualTo(t);
    }

    @Test
    void mininetPlanWithDatapathIdsIsAccepted() throws Exception {
        JsonNode netcfg;
        try (var in = getClass().getResourceAsStream("/mininet-netcfg.json")) {
            netcfg = MAPPER.readTree(in);
        }
        SwitchboardTopology t = config(netcfg.get("apps").get("dev.switchboard.app").get(SwitchboardConfig.KEY))
                .topology();

        assertThat(t.router().device()).isEqualTo(Fixtures.ROUTER);
        assertThat(t.dispatchers()).extracting(d -> d.device().toString())
                .containsExactly("of:0000000000000201", "of:0000000000000202", "of:0000000000000203");
        assertThat(t.san().device()).isEqualTo(Fixtures.SAN);
        assertThat(t.servers()).hasSize(5);
        assertThat(t.services()).extracting(ServiceSpec::port).containsExactly(80, 8080);
        assertThat(TopologyCodec.encode(t, MAPPER).get("router").get("deviceId").asText())
                .isEqualTo("of:0000000000000100");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("dpid malformed", j -> router(j).<ObjectNode>without("deviceId").put("dpid", "0xzz"), "router.dpid",
                        "not a datapath id"),
                bad("dpid and deviceId both", j -> ((ObjectNode) j.get("san")).put("dpid", "0x300"), "san.dpid",
                        "not both"),
                bad("unknown top-level field", j -> j.put("dispatch", 1), "dispatch", "unknown field"),
                bad("router missing", j -> j.remove("router"), "router", "is required"),
                bad("router device not OpenFlow", j -> router(j).put("deviceId", "rest:10.0.0.1"),
                        "router.deviceId", "not an OpenFlow device id"),
                bad("client ports empty", j -> router(j).putArray("clientPorts"), "router.clientPorts",
                        "at least one"),
                bad("client port twice", j -> router(j).putArray("clientPorts").add(1).add(1), "router.clientPorts",
                        "twice"),
                bad("client port not a number", j -> router(j).putArray("clientPorts").add("one"),
                        "router.clientPorts[0]", "integer"),
                bad("gateway ip malformed", j -> ((ObjectNode) router(j).get("gateway")).put("ip", "192.0.2.300"),
                        "router.gateway.ip", "not an IPv4 address"),
                bad("gateway mac malformed", j -> ((ObjectNode) router(j).get("gateway")).put("mac", "zz"),
                        "router.gateway.mac", "not a MAC address"),
                bad("trunk mode unknown", j -> trunk(j).put("mode", "round-robin"), "router.trunk.mode",
                        "not a trunk mode"),
                bad("trunk link to unknown dispatcher", j -> link(j, 1).put("dispatcher", 9),
                        "router.trunk.links[1].dispatcher", "no dispatcher has id 9"),
                bad("trunk port is a client port", j -> link(j, 0).put("port", 2), "router.trunk.links[0].port",
                        "client port"),
                bad("dispatcher without link", j -> ((ArrayNode) trunk(j).get("links")).remove(1),
                        "router.trunk.links", "dispatcher 2 has no trunk link"),
                bad("no dispatchers", j -> j.putArray("dispatchers"), "dispatchers", "at least one"),
                bad("dispatcher id out of range", j -> dispatcher(j, 0).put("id", 64), "dispatchers[0].id",
                        "1..63"),
                bad("dispatcher id twice", j -> dispatcher(j, 1).put("id", 1), "dispatchers[1].id", "already used"),
                bad("dispatcher ports coincide", j -> dispatcher(j, 0).put("sanPort", 1), "dispatchers[0].sanPort",
                        "must differ"),
                bad("dispatcher on the router", j -> dispatcher(j, 1).put("deviceId", "of:0000000000000100"),
                        "dispatchers[1].deviceId", "already used by router"),
                bad("dispatcher port zero", j -> dispatcher(j, 0).put("trunkPort", 0), "dispatchers[0].trunkPort",
                        "must be 1.."),
                bad("san gateway missing", j -> ((ObjectNode) j.get("san")).remove("gateway"), "san.gateway",
                        "is required"),
                bad("server name twice", j -> server(j, 1).put("name", "web-1"), "servers[1].name", "used twice"),
                bad("server address twice", j -> server(j, 1).put("ip", "203.0.113.11"), "servers[1].ip",
                        "already server 'web-1'"),
                bad("server on a dispatcher port", j -> server(j, 0).put("sanSwitchPort", 2),
                        "servers[0].sanSwitchPort", "dispatcher's link"),
                bad("server weight zero", j -> server(j, 0).put("weight", 0), "servers[0].weight", "1..10000"),
                bad("server weight fractional", j -> server(j, 0).put("weight", 1.5), "servers[0].weight",
                        "integer"),
                bad("server state unknown", j -> server(j, 0).put("state", "sleeping"), "servers[0].state",
                        "unknown state"),
                bad("server field typo", j -> server(j, 0).put("wieght", 3), "servers[0].wieght", "unknown field"),
                bad("group names unknown server", j -> ((ArrayNode) group(j).get("servers")).add("web-9"),
                        "groups[0].servers[2]", "no server is named 'web-9'"),
                bad("group lists server twice", j -> ((ArrayNode) group(j).get("servers")).add("web-1"),
                        "groups[0].servers[2]", "listed twice"),
                bad("service names unknown group", j -> service(j).put("group", "api"), "services[0].group",
                        "no group is named 'api'"),
                bad("service port out of range", j -> service(j).put("port", 70000), "services[0].port",
                        "1..65535"),
                bad("service protocol unknown", j -> service(j).put("protocol", "sctp"), "services[0].protocol",
                        "unknown protocol"),
                bad("service vip is the gateway", j -> service(j).put("vip", "192.0.2.1"), "services[0].vip",
                        "gateway"),
                bad("service vip is a server", j -> service(j).put("vip", "203.0.113.12"), "services[0].vip",
                        "server 'web-2'"),
                bad("service address taken twice", j -> ((ArrayNode) j.get("services")).add(service(j).deepCopy()
                        .put("name", "web-again")), "services[1]", "already listens"));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> edit, String field, String reason) {
        return Arguments.of(name, edit, field, reason);
    }

    private static ObjectNode router(ObjectNode j) {
        return (ObjectNode) j.get("router");
    }

    private static ObjectNode trunk(ObjectNode j) {
        return (ObjectNode) router(j).get("trunk");
    }

    private static ObjectNode link(ObjectNode j, int i) {
        return (ObjectNode) trunk(j).get("links").get(i);
    }

    private static ObjectNode dispatcher(ObjectNode j, int i) {
        return (ObjectNode) j.get("dispatchers").get(i);
    }

    private static ObjectNode server(ObjectNode j, int i) {
        return (ObjectNode) j.get("servers").get(i);
    }

    private static ObjectNode group(ObjectNode j) {
        return (ObjectNode) j.get("groups").get(0);
    }

    private static ObjectNode service(ObjectNode j) {
        return (ObjectNode) j.get("services").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidConfigurationIsRejectedNamingTheField(String name, Consumer<ObjectNode> edit, String field,
                                                      String reason) {
        ObjectNode json = Fixtures.json();
        edit.accept(json);
        SwitchboardConfig config = config(json);

        assertThatThrownBy(config::isValid)
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
