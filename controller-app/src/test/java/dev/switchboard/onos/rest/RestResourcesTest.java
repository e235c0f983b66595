package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.Fixtures;
import dev.switchboard.onos.TestCluster;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.TestServiceDirectory;
import org.onlab.rest.AuthorizationFilter;
import org.onlab.rest.BaseResource;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST resources over an in-memory Jersey container, reading a real manager and store (one ONOS node that
 * masters every switch) with three sessions opened by packet-ins.
 */
class RestResourcesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestCluster cluster;
    private TestCluster.Node node;
    private JerseyTest jersey;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new TestCluster();
        node = cluster.node("A");
        for (var device : new org.onosproject.net.DeviceId[] {Fixtures.ROUTER, Fixtures.SAN, Fixtures.D1,
                Fixtures.D2}) {
            cluster.mastership.setMaster(device, "A");
        }
        cluster.configure();
        for (int port : new int[] {40000, 40001, 40002}) {
            node.packets.packetIn(new ConnectPoint(Fixtures.D1, PortNumber.portNumber(Fixtures.TRUNK_PORT)),
                    Fixtures.clientTcp(Fixtures.CLIENT, port, (short) 0x02), Optional.empty());
        }
        CodecManager codecs = new CodecManager();
        codecs.activate();
        SwitchboardCodecRegistrator.register(codecs);
        TestUtils.setField(BaseResource.class, "services", new TestServiceDirectory()
                .add(DispatchService.class, node.manager)
                .add(DispatchAdminService.class, node.manager)
                .add(CodecService.class, codecs));
        AuthorizationFilter.disableForTests();
        jersey = new JerseyTest() {
            @Override
            protected Application configure() {
                return ResourceConfig.forApplication(new SwitchboardWebApplication());
            }

            @Override
            protected TestContainerFactory getTestContainerFactory() {
                return new InMemoryTestContainerFactory();
            }
        };
        jersey.setUp();
    }

    @AfterEach
    void tearDown() throws Exception {
        jersey.tearDown();
    }

    private static JsonNode json(Response response) throws IOException {
        return MAPPER.readTree(response.readEntity(String.class));
    }

    /** GETs a path that may carry a query string ({@code sessions?limit=0}). */
    private Response get(String path) {
        String[] parts = path.split("\\?", 2);
        javax.ws.rs.client.WebTarget target = jersey.target(parts[0]);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                target = target.queryParam(kv[0], kv[1]);
            }
        }
        return target.request(MediaType.APPLICATION_JSON).get();
    }

    private Response post(String path, String body) {
        return jersey.target(path).request(MediaType.APPLICATION_JSON)
                .post(Entity.entity(body, MediaType.APPLICATION_JSON));
    }

    private static String id(int clientPort) {
        return "tcp-" + Fixtures.CLIENT + "-" + clientPort + "-" + Fixtures.VIP + "-80";
    }

    @Test
    void sessionsListWhatTheStoreHoldsWithFiltersAndPaging() throws IOException {
        Response all = get("sessions");
        assertThat(all.getStatus()).isEqualTo(200);
        JsonNode body = json(all);
        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("sessions")).hasSize(3);
        JsonNode first = body.get("sessions").get(0);
        assertThat(first.get("id").asText()).isEqualTo(id(40000));
        assertThat(first.get("state").asText()).isEqualTo("active");
        assertThat(first.get("dispatcher").asInt()).isEqualTo(1);
        assertThat(first.get("server").asText()).isEqualTo(node.manager.session(SessionIds.parse(id(40000)))
                .orElseThrow().server());

        JsonNode page = json(jersey.target("sessions").queryParam("limit", 2).queryParam("offset", 2)
                .request().get());
        assertThat(page.get("sessions")).hasSize(1);
        assertThat(page.get("total").asInt()).isEqualTo(3);

        String server = first.get("server").asText();
        long onServer = node.manager.sessions().stream().filter(s -> s.server().equals(server)).count();
        JsonNode filtered = json(jersey.target("sessions").queryParam("server", server).request().get());
        assertThat(filtered.get("total").asLong()).isEqualTo(onServer);
        JsonNode otherClient = json(jersey.target("sessions").queryParam("client", "192.0.2.99").request().get());
        assertThat(otherClient.get("total").asInt()).isZero();
        JsonNode byService = json(jersey.target("sessions").queryParam("service", "web").request().get());
        assertThat(byService.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void oneSessionCanBeReadAndTerminated() throws IOException {
        Response one = get("sessions/" + id(40001));
        assertThat(one.getStatus()).isEqualTo(200);
        assertThat(json(one).get("clientPort").asInt()).isEqualTo(40001);

        Response deleted = jersey.target("sessions/" + id(40001)).request().delete();
        assertThat(deleted.getStatus()).isEqualTo(204);
        assertThat(get("sessions/" + id(40001)).getStatus()).isEqualTo(404);
        assertThat(json(get("sessions")).get("total").asInt()).isEqualTo(2);
        assertThat(jersey.target("sessions/" + id(40001)).request().delete().getStatus()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sessions?client=192.0.2.300|400|client:",
        "sessions?limit=0|400|limit:",
        "sessions?offset=-1|400|offset:",
        "sessions?service=api|400|service: no service is named 'api'",
        "sessions?server=web-9|400|server: no server is named 'web-9'",
        "sessions/tcp-1.2.3.4-80|400|is not protocol-client-clientPort-vip-vipPort",
        "sessions/sctp-192.0.2.11-1-198.51.100.10-80|400|unknown protocol 'sctp'",
        "sessions/tcp-192.0.2.11-99999-198.51.100.10-80|400|client port must be 0..65535",
        "sessions/tcp-192.0.2.11-1-198.51.100.10-80|404|does not exist",
        "services/api|404|service 'api' does not exist",
        "servers/web-9|404|server 'web-9' does not exist",
        "dispatchers/7|404|dispatcher 7 does not exist",
    })
    void badReadsGetJsonErrorsNamingTheProblem(String path, int status, String message) throws IOException {
        Response response = get(path);
        assertThat(response.getStatus()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "services|{\"name\":\"api\"|400|malformed JSON",
        "services|[1,2]|400|must be a JSON object",
        "services|{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"port\":80,\"group\":\"web\",\"colour\":1}|400|colour",
        "services|{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"port\":80}|400|group: is required",
        "services|{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"port\":80,\"group\":\"apps\"}"
                + "|400|services[1].group",
        "services|{\"name\":\"api\",\"vip\":\"198.51.100.10\",\"port\":80,\"group\":\"web\"}|400|already listens",
        "services|{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"port\":\"80\",\"group\":\"web\"}"
                + "|400|port: must be an integer",
        "servers|{\"name\":\"web-3\",\"ip\":\"203.0.113.13\",\"mac\":\"02:00:00:00:0b:03\","
                + "\"sanSwitchPort\":5,\"group\":\"db\"}|400|no group is named 'db'",
        "servers|{\"name\":\"web-3\",\"ip\":\"203.0.113.13\",\"mac\":\"nope\",\"sanSwitchPort\":5}"
                + "|400|mac: 'nope' is not a MAC address",
        "servers|{\"name\":\"web-3\",\"ip\":\"203.0.113.13\",\"mac\":\"02:00:00:00:0b:03\","
                + "\"sanSwitchPort\":3}|400|servers[2].sanSwitchPort",
        "servers/web-1/weight|{\"weight\":0}|400|weight: must be 1..10000",
        "servers/web-1/weight|{}|400|weight: an integer is required",
        "servers/web-9/drain||404|server 'web-9' does not exist",
    })
    void badWritesGetJsonErrorsAndChangeNothing(String path, String body, int status, String message)
            throws IOException {
        JsonNode before = MAPPER.readTree(cluster.netcfg.json(
                dev.switchboard.onos.config.SwitchboardConfig.class).toString());
        Response response = post(path, body == null ? "" : body);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(json(response).get("message").asText()).contains(message);
        assertThat(cluster.netcfg.json(dev.switchboard.onos.config.SwitchboardConfig.class)).isEqualTo(before);
    }

    @Test
    void servicesAndServersAreManagedThroughTheApi() throws IOException {
        Response created = post("services",
                "{\"name\":\"api\",\"vip\":\"198.51.100.11\",\"protocol\":\"tcp\",\"port\":8080,\"group\":\"web\"}");
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(json(get("services")).get("services")).extracting(n -> n.get("name").asText())
                .containsExactly("web", "api");
        assertThat(node.manager.catalog().service("api").id().port()).isEqualTo(8080);

        assertThat(post("servers/web-1/drain", "").getStatus()).isEqualTo(204);
        assertThat(node.manager.catalog().server("web-1").state()).isEqualTo(ServerState.DRAINING);
        assertThat(json(get("servers/web-1")).get("state").asText()).isEqualTo("draining");
        assertThat(post("servers/web-1/weight", "{\"weight\":7}").getStatus()).isEqualTo(204);
        assertThat(node.manager.catalog().server("web-1").weight()).isEqualTo(7);

        Response added = post("servers", "{\"name\":\"web-3\",\"ip\":\"203.0.113.13\",\"mac\":\"02:00:00:00:0b:03\","
                + "\"sanSwitchPort\":5,\"group\":\"web\"}");
        assertThat(added.getStatus()).isEqualTo(201);
        assertThat(json(get("groups")).get("groups").get(0).get("servers")).hasSize(3);
        JsonNode servers = json(get("servers")).get("servers");
        assertThat(servers).hasSize(3);
        int active = 0;
        for (JsonNode s : servers) {
            active += s.get("activeSessions").asInt();
        }
        assertThat(active).isEqualTo(3);

        assertThat(jersey.target("services/api").request().delete().getStatus()).isEqualTo(204);
        assertThat(node.manager.catalog().service("api")).isNull();
    }

    @Test
    void dispatchersStatsAndLocksReportTheNode() throws IOException {
        JsonNode dispatchers = json(get("dispatchers")).get("dispatchers");
        assertThat(dispatchers).hasSize(2);
        assertThat(dispatchers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(dispatchers.get(0).get("local").asBoolean()).isTrue();
        assertThat(dispatchers.get(0).get("master").asText()).isEqualTo("A");
        assertThat(dispatchers.get(0).get("sessions").asInt()).isEqualTo(3);
        assertThat(dispatchers.get(0).get("counters").get("sessionsPlaced").asLong()).isEqualTo(3);

        JsonNode stats = json(get("stats"));
        assertThat(stats.get("activeSessions").asInt()).isEqualTo(3);
        assertThat(stats.get("sessionsPerServer").get("web-1").asInt()
                + stats.get("sessionsPerServer").get("web-2").asInt()).isEqualTo(3);
        assertThat(stats.get("counters").get("sessionsPlaced").asLong()).isEqualTo(3);

        assertThat(json(get("locks")).get("locks")).isEmpty();
    }
}
