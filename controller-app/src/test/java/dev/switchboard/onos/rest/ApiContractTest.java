package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.config.DeviceIds;
import dev.switchboard.onos.config.SwitchboardConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.onosproject.net.DeviceId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the bad-input contract, api-contract/cases.json, against the ONOS app's REST resources: every case not
 * reserved to another runtime, each on a fresh node whose state is the contract's fixture. The topology (three
 * dispatchers on SAN switch ports 1 to 3, the gateways) comes from netcfg, as in ONOS; the servers, groups,
 * services and settings are made through the API itself. Each case checks the status, the JSON error body
 * (code, field, message) and that GET /services, /groups, /servers and /config answer as before.
 */
class ApiContractTest {
    private static final String RUNTIME = "onos";
    private static final Path CONTRACT = Path.of("../api-contract/cases.json");
    private static final DeviceId[] DEVICES = {DeviceIds.deviceId(0x100), DeviceIds.deviceId(0x201),
        DeviceIds.deviceId(0x202), DeviceIds.deviceId(0x203), DeviceIds.deviceId(0x300)};

    private static JsonNode contract() {
        try {
            return ApiHarness.MAPPER.readTree(Files.readString(CONTRACT));
        } catch (IOException e) {
            throw new UncheckedIOException("the contract is read from " + CONTRACT.toAbsolutePath(), e);
        }
    }

    private static List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode c : contract().get("cases")) {
            boolean applies = !c.has("runtimes");
            for (JsonNode runtime : c.path("runtimes")) {
                applies |= runtime.asText().equals(RUNTIME);
            }
            if (applies) {
                cases.add(c);
            }
        }
        return cases;
    }

    /** @return the Mininet topology's netcfg without servers, groups and services: the fixture adds those */
    private static ObjectNode infrastructure() {
        try (InputStream in = ApiContractTest.class.getResourceAsStream("/mininet-netcfg.json")) {
            ObjectNode netcfg = (ObjectNode) ApiHarness.MAPPER.readTree(in).get("apps").get("dev.switchboard.app")
                    .get(SwitchboardConfig.KEY);
            netcfg.remove(List.of("servers", "groups", "services"));
            return netcfg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a node in the contract's fixture state, built through the REST API */
    static ApiHarness fixture() {
        JsonNode fixture = contract().get("fixture");
        ApiHarness api = new ApiHarness(infrastructure(), DEVICES);
        for (JsonNode server : fixture.get("servers")) {
            expectSuccess(api.send("POST", "/servers", server), "POST /servers " + server);
        }
        for (JsonNode group : fixture.get("groups")) {
            expectSuccess(api.send("POST", "/groups", group), "POST /groups " + group);
        }
        for (JsonNode service : fixture.get("services")) {
            expectSuccess(api.send("POST", "/services", service), "POST /services " + service);
        }
        expectSuccess(api.send("PATCH", "/config", fixture.get("config")), "PATCH /config");
        return api;
    }

    private static void expectSuccess(ApiHarness.Reply reply, String what) {
        assertThat(reply.status).as("%s: %s", what, reply.body).isBetween(200, 299);
    }

    @Test
    @DisplayName("the contract holds at least 30 bad-input cases for this runtime, each with a distinct name")
    void enoughCases() {
        List<JsonNode> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().map(c -> c.get("name").asText()).distinct()).hasSameSizeAs(cases);
        assertThat(cases).allSatisfy(c -> assertThat(c.get("expect").get("status").asInt()).isBetween(400, 499));
    }

    @Test
    @DisplayName("a case this runtime leaves out says why")
    void casesLeftOutSayWhy() {
        for (JsonNode c : contract().get("cases")) {
            if (c.has("runtimes") && !cases().contains(c)) {
                assertThat(c.path("reason").asText()).as("reason of '%s'", c.get("name").asText()).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("the fixture state is what the API reports")
    void fixtureIsTheApisState() {
        JsonNode fixture = contract().get("fixture");
        try (ApiHarness api = fixture()) {
            ObjectNode state = api.state();
            assertThat(state.get("config")).isEqualTo(fixture.get("config"));
            assertThat(state.get("services").get("services")).isEqualTo(fixture.get("services"));
            JsonNode groups = state.get("groups").get("groups");
            assertThat(groups).hasSameSizeAs(fixture.get("groups"));
            for (int i = 0; i < groups.size(); i++) {
                assertThat(groups.get(i).get("name")).isEqualTo(fixture.get("groups").get(i).get("name"));
                assertThat(groups.get(i).get("servers")).isEqualTo(fixture.get("groups").get(i).get("servers"));
            }
            JsonNode servers = state.get("servers").get("servers");
            assertThat(servers).hasSameSizeAs(fixture.get("servers"));
            for (int i = 0; i < servers.size(); i++) {
                JsonNode expected = fixture.get("servers").get(i);
                JsonNode actual = servers.get(i);
                expected.fieldNames().forEachRemaining(field -> assertThat(actual.get(field)).as(field)
                        .isEqualTo(expected.get(field)));
            }
            assertThat(servers.get(2).get("mac").isNull()).as("api-1 has no MAC").isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedAndChangesNothing() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    private static void run(JsonNode c) {
        try (ApiHarness api = fixture()) {
            for (JsonNode step : c.path("setup")) {
                ApiHarness.Reply reply = api.send(step.get("method").asText(), step.get("path").asText(),
                        step.get("body"));
                expectSuccess(reply, "setup " + step.get("method").asText() + " " + step.get("path").asText());
            }
            ObjectNode before = api.state();

            JsonNode request = c.get("request");
            String body = null;
            String contentType = null;
            if (request.has("body")) {
                body = request.get("body").toString();
                contentType = "application/json";
            } else if (request.has("rawBody")) {
                body = request.get("rawBody").asText();
                contentType = request.has("contentType") ? request.get("contentType").asText() : "application/json";
            }
            ApiHarness.Reply reply = api.send(request.get("method").asText(), request.get("path").asText(), body,
                    contentType);

            JsonNode expect = c.get("expect");
            assertThat(reply.status).as("status; body %s", reply.body).isEqualTo(expect.get("status").asInt());
            assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            JsonNode error = reply.json().get("error");
            assertThat(error).as("error object in %s", reply.body).isNotNull();
            assertThat(error.get("status").asInt()).isEqualTo(reply.status);
            assertThat(error.get("code").asText()).as("code in %s", reply.body).isEqualTo(expect.get("code").asText());
            assertThat(error.get("message").asText()).contains(expect.get("message").asText());
            if (expect.has("field")) {
                assertThat(error.has("field")).as("field named in %s", reply.body).isTrue();
                assertThat(error.get("field").asText()).isEqualTo(expect.get("field").asText());
            }
            assertThat(api.state()).as("state after the refused request").isEqualTo(before);
        }
    }
}
