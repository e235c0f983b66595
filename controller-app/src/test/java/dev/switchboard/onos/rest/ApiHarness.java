package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.TestCluster;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.config.SwitchboardConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.TestServiceDirectory;
import org.onlab.rest.AuthorizationFilter;
import org.onlab.rest.BaseResource;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.net.DeviceId;

import javax.ws.rs.client.Entity;
import javax.ws.rs.client.Invocation;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's REST application in an in-memory Jersey container, over a real manager and store of one ONOS node
 * ("A") that masters every switch of the topology it was configured with. Requests take paths relative to the
 * API base, {@code /onos/switchboard/api/v1}, as api-contract/cases.json writes them.
 */
final class ApiHarness implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final TestCluster cluster = new TestCluster();
    final TestCluster.Node node;
    private final JerseyTest jersey;

    /** An answer: status, headers and body. */
    static final class Reply {
        final int status;
        final Map<String, List<Object>> headers;
        final String body;

        Reply(Response response) {
            this.status = response.getStatus();
            this.headers = response.getHeaders();
            this.body = response.hasEntity() ? response.readEntity(String.class) : "";
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            List<Object> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).toString());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * @param netcfg the {@code switchboard} netcfg object
     * @param devices the switches node A masters
     */
    ApiHarness(JsonNode netcfg, DeviceId... devices) {
        node = cluster.node("A");
        for (DeviceId device : devices) {
            cluster.mastership.setMaster(device, "A");
        }
        cluster.netcfg.apply(TestCluster.APP_ID, SwitchboardConfig.class, netcfg);
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
        try {
            jersey.setUp();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param path relative to the API base, with a query string if any ({@code /sessions?limit=0})
     * @param body the body, or {@code null} for none
     * @param contentType its media type
     */
    Reply send(String method, String path, String body, String contentType) {
        URI uri = URI.create(jersey.target().getUri().toString().replaceAll("/$", "") + "/api/v1" + path);
        // The contract sends PUT and POST without a body, which Jersey's client refuses unless told not to check.
        Invocation.Builder request = jersey.client().target(uri)
                .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true).request();
        Response response = body == null ? request.method(method)
                : request.method(method, Entity.entity(body, contentType));
        return new Reply(response);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    /** Sends a JSON body (or none, for {@code null}). */
    Reply send(String method, String path, JsonNode body) {
        return send(method, path, body == null ? null : body.toString(), "application/json");
    }

    /** @return what GET /services, /groups, /servers and /config answer: the state a refused request keeps */
    ObjectNode state() {
        ObjectNode state = MAPPER.createObjectNode();
        for (String resource : new String[] {"services", "groups", "servers", "config"}) {
            Reply reply = get("/" + resource);
            if (reply.status != 200) {
                throw new IllegalStateException("GET /" + resource + ": " + reply);
            }
            state.set(resource, reply.json());
        }
        return state;
    }

    @Override
    public void close() {
        try {
            jersey.tearDown();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
