package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.onos.DispatchManager;
import dev.switchboard.onos.Fixtures;
import dev.switchboard.onos.OsgiPropertyConstants;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.DispatchStatistics;
import dev.switchboard.onos.api.DispatcherStatus;
import dev.switchboard.onos.config.SwitchboardConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;

import javax.ws.rs.ForbiddenException;
import javax.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST resources at {@code /onos/switchboard/api/v1} in an in-memory Jersey container, over a real manager
 * and store (one ONOS node that masters every switch) with sessions opened by packet-ins. The bad inputs are
 * api-contract/cases.json's, run by {@link ApiContractTest}; this test covers what the API does when it agrees.
 */
class RestResourcesTest {
    private ApiHarness api;

    @BeforeEach
    void setUp() {
        api = new ApiHarness(Fixtures.json(), Fixtures.ROUTER, Fixtures.SAN, Fixtures.D1, Fixtures.D2);
        for (int port : new int[] {40002, 40000, 40001}) {
            open(port);
        }
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private void open(int clientPort) {
        api.node.packets.packetIn(new ConnectPoint(Fixtures.D1, PortNumber.portNumber(Fixtures.TRUNK_PORT)),
                Fixtures.clientTcp(Fixtures.CLIENT, clientPort, (short) 0x02), Optional.empty());
    }

    private static String key(int clientPort) {
        return "tcp-" + Fixtures.CLIENT + "-" + clientPort + "-" + Fixtures.VIP + "-80";
    }

    private JsonNode ok(ApiHarness.Reply reply) {
        assertThat(reply.status).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private JsonNode json(String body) {
        try {
            return ApiHarness.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sessionsAreListedInKeyOrderWithFiltersAndBothKindsOfPaging() {
        JsonNode all = ok(api.get("/sessions"));
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("sessions")).extracting(s -> s.get("key").asText())
                .containsExactly(key(40000), key(40001), key(40002));
        JsonNode first = all.get("sessions").get(0);
        String server = api.node.manager.session(SessionKey.parse(key(40000))).orElseThrow().server();
        assertThat(first.get("service").asText()).isEqualTo("web");
        assertThat(first.get("server").asText()).isEqualTo(server);
        assertThat(first.get("serverIp").asText()).isEqualTo(server.equals("web-1") ? Fixtures.WEB_1 : Fixtures.WEB_2);
        assertThat(first.get("placedBy").asInt()).isEqualTo(1);
        assertThat(first.get("idleOn")).isEmpty();
        assertThat(all.get("source").asInt()).isEqualTo(1);
        assertThat(all.get("nextCursor").isNull()).isTrue();

        JsonNode page = ok(api.get("/sessions?limit=2&offset=1"));
        assertThat(page.get("sessions")).extracting(s -> s.get("key").asText()).containsExactly(key(40001), key(40002));
        JsonNode walk = ok(api.get("/sessions?limit=2"));
        assertThat(walk.get("nextCursor").asText()).isEqualTo(key(40001));
        JsonNode rest = ok(api.get("/sessions?limit=2&cursor=" + walk.get("nextCursor").asText()));
        assertThat(rest.get("sessions")).extracting(s -> s.get("key").asText()).containsExactly(key(40002));
        assertThat(rest.get("total").asInt()).isEqualTo(3);
        assertThat(rest.get("nextCursor").isNull()).isTrue();

        long onServer = api.node.manager.sessions().stream().filter(s -> s.server().equals(server)).count();
        assertThat(ok(api.get("/sessions?server=" + server)).get("total").asLong()).isEqualTo(onServer);
        assertThat(ok(api.get("/sessions?client=192.0.2.99")).get("total").asInt()).isZero();
        assertThat(ok(api.get("/sessions?service=web&dispatcher=1")).get("total").asInt()).isEqualTo(3);
        assertThat(ok(api.get("/sessions?dispatcher=2")).get("total").asInt()).isZero();
    }

    @Test
    void oneSessionCanBeReadAndTerminated() {
        assertThat(ok(api.get("/sessions/" + key(40001))).get("clientPort").asInt()).isEqualTo(40001);

        assertThat(api.send("DELETE", "/sessions/" + key(40001), null).status).isEqualTo(204);
        assertThat(api.get("/sessions/" + key(40001)).status).isEqualTo(404);
        assertThat(ok(api.get("/sessions")).get("total").asInt()).isEqualTo(2);
        ApiHarness.Reply again = api.send("DELETE", "/sessions/" + key(40001), null);
        assertThat(again.status).isEqualTo(404);
        assertThat(again.json().get("error").get("message").asText())
                .isEqualTo("session '" + key(40001) + "' does not exist");
    }

    @Test
    void servicesAreCreatedWithTheirLocationAndDeleted() {
        ApiHarness.Reply created = api.send("POST", "/services", json("{\"name\":\"api\",\"vip\":\"198.51.100.11\","
                + "\"protocol\":\"udp\",\"port\":8080,\"group\":\"web\"}"));
        assertThat(created.status).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/services/api"));
        assertThat(created.json()).isEqualTo(json("{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"protocol\":\"udp\","
                + "\"port\":8080,\"group\":\"web\"}"));
        assertThat(api.node.manager.catalog().service("api").id().port()).isEqualTo(8080);
        assertThat(ok(api.get("/groups/web")).get("services")).extracting(JsonNode::asText)
                .containsExactly("web", "api");

        assertThat(api.send("DELETE", "/services/api", null).status).isEqualTo(204);
        assertThat(api.node.manager.catalog().service("api")).isNull();
        assertThat(ok(api.get("/services")).get("services")).hasSize(1);
    }

    @Test
    void serversAreAddedDrainedWeighedLoadedAndRemovedThroughNetworkConfiguration() {
        ApiHarness.Reply added = api.send("POST", "/servers", json("{\"name\":\"web-3\",\"ip\":\"203.0.113.13\","
                + "\"sanSwitchPort\":5,\"weight\":2,\"group\":\"web\"}"));
        assertThat(added.status).as("%s", added).isEqualTo(201);
        assertThat(added.json()).isEqualTo(json("{\"name\":\"web-3\",\"ip\":\"203.0.113.13\",\"mac\":null,"
                + "\"sanSwitchPort\":5,\"weight\":2,\"state\":\"active\",\"load\":0.0,\"groups\":[\"web\"],"
                + "\"activeSessions\":0}"));
        assertThat(api.cluster.netcfg.json(SwitchboardConfig.class).get("servers").get(2).has("mac")).isFalse();

        JsonNode drained = ok(api.send("POST", "/servers/web-1/drain", null));
        assertThat(drained.get("state").asText()).isEqualTo("draining");
        assertThat(drained.get("activeSessions").asInt()).isEqualTo(sessionsOn("web-1"));
        assertThat(api.node.manager.catalog().server("web-1").state()).isEqualTo(ServerState.DRAINING);
        assertThat(ok(api.send("POST", "/servers/web-1/disable", json("{}"))).get("state").asText())
                .isEqualTo("disabled");
        assertThat(api.cluster.netcfg.json(SwitchboardConfig.class).get("servers").get(0).get("state").asText())
                .isEqualTo("disabled");
        assertThat(ok(api.send("POST", "/servers/web-1/enable", null)).get("state").asText()).isEqualTo("active");

        assertThat(ok(api.send("PUT", "/servers/web-1/weight", json("{\"weight\":7}"))).get("weight").asInt())
                .isEqualTo(7);
        assertThat(api.node.manager.catalog().server("web-1").weight()).isEqualTo(7);
        assertThat(ok(api.send("PUT", "/servers/web-2/load", json("{\"load\":0.75}"))).get("load").asDouble())
                .isEqualTo(0.75);
        assertThat(api.node.manager.catalog().server("web-2").reportedLoad()).isEqualTo(0.75);

        ApiHarness.Reply inGroup = api.send("DELETE", "/servers/web-3", null);
        assertThat(inGroup.status).isEqualTo(409);
        assertThat(ok(api.send("DELETE", "/groups/web/servers/web-3", null)).get("servers"))
                .extracting(JsonNode::asText).containsExactly("web-1", "web-2");
        assertThat(api.send("DELETE", "/servers/web-3", null).status).isEqualTo(204);
        assertThat(api.node.manager.catalog().server("web-3")).isNull();
        assertThat(ok(api.get("/servers")).get("servers")).extracting(s -> s.get("activeSessions").asInt())
                .containsExactly(sessionsOn("web-1"), sessionsOn("web-2"));
    }

    private int sessionsOn(String server) {
        return (int) api.node.manager.sessions().stream().filter(s -> s.server().equals(server)).count();
    }

    @Test
    void groupsAreCreatedAndTheirMembersChanged() {
        ApiHarness.Reply created = api.send("POST", "/groups", json("{\"name\":\"spare\"}"));
        assertThat(created.status).isEqualTo(201);
        assertThat(created.json()).isEqualTo(json("{\"name\":\"spare\",\"servers\":[],\"services\":[]}"));
        JsonNode added = ok(api.send("PUT", "/groups/spare/servers/web-2", null));
        assertThat(added.get("servers")).extracting(JsonNode::asText).containsExactly("web-2");
        JsonNode netcfgBefore = api.cluster.netcfg.json(SwitchboardConfig.class).deepCopy();
        assertThat(ok(api.send("PUT", "/groups/spare/servers/web-2", null)).get("servers")).hasSize(1);
        assertThat(api.cluster.netcfg.json(SwitchboardConfig.class)).as("adding again writes nothing")
                .isEqualTo(netcfgBefore);
        assertThat(ok(api.get("/servers/web-2")).get("groups")).extracting(JsonNode::asText)
                .containsExactly("web", "spare");
        assertThat(api.send("DELETE", "/groups/spare", null).status).isEqualTo(204);
        assertThat(api.node.manager.catalog().group("spare")).isNull();
    }

    @Test
    void configIsReadAndPatchedThroughComponentConfiguration() {
        assertThat(ok(api.get("/config"))).isEqualTo(json("{\"strategy\":\"least-load\",\"lockTtlMillis\":2000,"
                + "\"idleTimeoutSeconds\":60,\"finLingerMillis\":200,\"fallback\":\"drop\"}"));

        JsonNode patched = ok(api.send("PATCH", "/config",
                json("{\"strategy\":\"consistent-hash\",\"idleTimeoutSeconds\":30}")));

        assertThat(patched.get("strategy").asText()).isEqualTo("consistent-hash");
        assertThat(patched.get("idleTimeoutSeconds").asInt()).isEqualTo(30);
        assertThat(patched.get("lockTtlMillis").asInt()).as("not given, kept").isEqualTo(2000);
        DispatchSettings settings = api.node.manager.settings();
        assertThat(settings.strategy()).isEqualTo(SelectionStrategy.CONSISTENT_HASH);
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        String component = DispatchManager.class.getName();
        assertThat(api.cluster.componentConfig.value(component, OsgiPropertyConstants.STRATEGY))
                .isEqualTo("consistent-hash");
        assertThat(api.cluster.componentConfig.value(component, OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS))
                .isEqualTo("30");
        assertThat(api.cluster.componentConfig.writes()).as("only what changed is set").hasSize(2);
        // New sessions get rules with the new idle timeout.
        open(40100);
        assertThat(api.cluster.flowRules.rules(Fixtures.D1, dev.switchboard.rules.RuleConstants
                .DISPATCHER_SESSION_TABLE, dev.switchboard.rules.RuleConstants.PRIORITY_DISPATCHER_SESSION))
                .anySatisfy(r -> assertThat(r.timeout()).isEqualTo(30));
    }

    @Test
    void dispatchersStatsAndLocksHaveTheContractShapes() {
        JsonNode dispatchers = ok(api.get("/dispatchers")).get("dispatchers");
        assertThat(dispatchers).hasSize(2);
        JsonNode d1 = dispatchers.get(0);
        assertThat(d1.get("id").asInt()).isEqualTo(1);
        assertThat(d1.get("dpid").asText()).isEqualTo("0x201");
        assertThat(d1.get("connected").asBoolean()).isTrue();
        assertThat(d1.get("ready").asBoolean()).isTrue();
        assertThat(d1.get("trunkUp").asBoolean()).isTrue();
        assertThat(d1.get("tableSize").asInt()).isEqualTo(3);
        assertThat(d1.get("counters").get("sessionsPlaced").asLong()).isEqualTo(3);
        assertThat(d1.get("counters").size()).isEqualTo(dev.switchboard.dispatch.DispatcherCounters.Counter
                .values().length);
        assertThat(d1.get("master").asText()).isEqualTo("A");
        assertThat(ok(api.get("/dispatchers/2")).get("dpid").asText()).isEqualTo("0x202");

        api.cluster.devices.setPortUp(Fixtures.ROUTER, PortNumber.portNumber(3), false);
        assertThat(ok(api.get("/dispatchers/1")).get("trunkUp").asBoolean()).as("router side of the trunk down")
                .isFalse();

        api.node.samplePlacements();
        api.cluster.clock.advance(Duration.ofSeconds(2));
        open(40200);
        open(40201);
        api.node.samplePlacements();
        JsonNode stats = ok(api.get("/stats"));
        assertThat(stats.get("activeSessions").asInt()).isEqualTo(5);
        assertThat(stats.get("sessionsPlacedPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("locksHeld").asInt()).isZero();
        assertThat(stats.get("source").asInt()).isEqualTo(1);
        assertThat(stats.get("dispatchers")).hasSize(2);
        List<String> servers = new ArrayList<>();
        int active = 0;
        for (JsonNode s : stats.get("servers")) {
            servers.add(s.get("name").asText() + "/" + s.get("group").asText() + "/" + s.get("state").asText());
            active += s.get("activeSessions").asInt();
        }
        assertThat(servers).containsExactly("web-1/web/active", "web-2/web/active");
        assertThat(active).isEqualTo(5);
        assertThat(stats.get("totals").get("sessionsPlaced").asLong()).isEqualTo(5);

        JsonNode locks = ok(api.get("/locks?limit=5"));
        assertThat(locks.get("locks")).isEmpty();
        assertThat(locks.get("total").asInt()).isZero();
    }

    @Test
    void theOpenApiDocumentIsServed() {
        JsonNode document = ok(api.get("/openapi.json"));
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").has("/groups/{name}/servers/{server}")).isTrue();
    }

    @Test
    void aReadOnlyOnosUserGetsTheApisErrorBody() {
        Response response = new ApiErrorMapper().toResponse(new ForbiddenException());
        assertThat(response.getStatus()).isEqualTo(403);
        JsonNode error = ApiHarness.MAPPER.valueToTree(response.getEntity()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("writes_disabled");
        assertThat(error.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aFailureNobodyExpectedIsA500ThatSaysWhatFailed() {
        Response response = new ApiErrorMapper().toResponse(new NullPointerException("catalog"));
        assertThat(response.getStatus()).isEqualTo(500);
        JsonNode error = ApiHarness.MAPPER.valueToTree(response.getEntity()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("internal");
        assertThat(error.get("message").asText()).contains("NullPointerException").contains("catalog");
    }

    @Test
    void aMethodTheResourceDoesNotHaveListsTheAllowedOnes() {
        ApiHarness.Reply reply = api.send("POST", "/servers/web-1/weight", json("{\"weight\":2}"));
        assertThat(reply.status).isEqualTo(405);
        assertThat(reply.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("PUT"));
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(reply.json().get("error").get("message").asText())
                .startsWith("POST is not allowed on /api/v1/servers/web-1/weight (allowed: ");
        assertThat(api.get("/balancers").json().get("error").get("message").asText())
                .isEqualTo("no such path: /api/v1/balancers");
    }

    @Test
    void theCodecsRegisteredWithOnosWriteTheApisShapes() {
        CodecManager codecs = new CodecManager();
        codecs.activate();
        SwitchboardCodecRegistrator.register(codecs);
        CodecContext context = new CodecContext() {
            @Override
            public com.fasterxml.jackson.databind.ObjectMapper mapper() {
                return ApiHarness.MAPPER;
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> entityClass) {
                return codecs.getCodec(entityClass);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getService(Class<T> serviceClass) {
                return (T) api.node.manager;
            }
        };
        DispatchSession session = api.node.manager.sessions().get(0);

        // Compared as text read back: the codecs write longs where a parser reads ints.
        assertThat(json(codecs.getCodec(DispatchSession.class).encode(session, context).toString()))
                .isEqualTo(ok(api.get("/sessions/" + key(40000))));
        assertThat(json(codecs.getCodec(DispatcherStatus.class).encode(api.node.manager.dispatchers().get(0),
                context).toString())).isEqualTo(ok(api.get("/dispatchers/1")));
        assertThat(json(codecs.getCodec(DispatchStatistics.class).encode(api.node.manager.statistics(), context)
                .toString())).isEqualTo(ok(api.get("/stats")));
    }

    @Test
    void sessionsListedByTheApiAreTheStoresEntries() {
        List<String> keys = new ArrayList<>();
        for (DispatchSession s : api.node.manager.sessions()) {
            keys.add(s.key().toKeyString());
        }
        assertThat(ok(api.get("/sessions")).get("sessions")).extracting(s -> s.get("key").asText())
                .containsExactlyElementsOf(keys);
    }
}
