package dev.switchboard.controller.rest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.controller.config.ConfigException;
import dev.switchboard.controller.config.ConfigLoader;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.dispatch.CatalogHolder;
import dev.switchboard.controller.dispatch.Switchboard;
import dev.switchboard.controller.dispatch.SwitchboardService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Switchboard with no switches connected (it still has its catalog and settings) behind a real REST
 * server on an ephemeral loopback port. Its catalog and settings are the fixture of
 * api-contract/cases.json, on the topology of {@code /rest/topology.json}.
 */
public final class ApiFixture implements AutoCloseable {
    /** The token the fixture's configuration carries. */
    public static final String TOKEN = "contract-token";
    /** The shared contract, relative to the module directory (where surefire runs). */
    public static final Path CASES = Path.of("..", "api-contract", "cases.json");

    private final SwitchboardService service;
    private final RestServer server;
    private final ApiClient client;

    private ApiFixture(SwitchboardConfig config) {
        Switchboard switchboard = new Switchboard(config, new CatalogHolder(config.serviceCatalog()));
        this.service = new SwitchboardService(switchboard);
        this.server = RestServer.start(config.rest(), service);
        this.client = new ApiClient("http://127.0.0.1:" + server.address().getPort(), TOKEN);
    }

    /** @return a fixture with the contract's catalog and settings */
    public static ApiFixture start() {
        return new ApiFixture(config(null));
    }

    /** @return a fixture whose configuration has no rest.token: a read-only API */
    public static ApiFixture readOnly() {
        JsonObject json = configJson();
        json.getAsJsonObject("rest").remove("token");
        return new ApiFixture(parse(json));
    }

    /**
     * The configuration of the fixture: topology from the test resources, catalog and settings from
     * cases.json.
     *
     * @param openFlowPort the OpenFlow port, or {@code null} for any free one
     */
    public static SwitchboardConfig config(Integer openFlowPort) {
        JsonObject json = configJson();
        if (openFlowPort != null) {
            json.getAsJsonObject("openflow").addProperty("port", openFlowPort);
        }
        return parse(json);
    }

    private static SwitchboardConfig parse(JsonObject json) {
        try {
            return ConfigLoader.parse(json.toString());
        } catch (ConfigException e) {
            throw new IllegalStateException("the fixture configuration is invalid: " + e.getMessage(), e);
        }
    }

    /** @return the configuration JSON: test topology plus the contract's fixture */
    public static JsonObject configJson() {
        JsonObject topology;
        try (InputStream in = ApiFixture.class.getResourceAsStream("/rest/topology.json")) {
            topology = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject fixture = contract().getAsJsonObject("fixture");
        topology.add("servers", fixture.get("servers"));
        topology.add("groups", fixture.get("groups"));
        topology.add("services", fixture.get("services"));
        topology.add("dispatch", fixture.get("config"));
        return topology;
    }

    /** @return api-contract/cases.json */
    public static JsonObject contract() {
        try {
            return JsonParser.parseString(Files.readString(CASES, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient client() {
        return client;
    }

    public SwitchboardService service() {
        return service;
    }

    /** @return the state an operator can change: services, groups, servers, config */
    public JsonElement state() {
        JsonObject state = new JsonObject();
        for (String resource : new String[] {"services", "groups", "servers", "config"}) {
            ApiClient.Reply reply = client.get("/api/v1/" + resource);
            if (reply.status() != 200) {
                throw new AssertionError("GET /api/v1/" + resource + " answered " + reply.status() + ": "
                        + reply.body());
            }
            state.add(resource, reply.json());
        }
        return state;
    }

    @Override
    public void close() {
        server.close();
        service.close();
    }
}
