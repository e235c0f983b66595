package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every bad-input case of api-contract/cases.json against the standalone controller's API: the
 * status, the JSON error body (code, field, message) and that nothing changed.
 */
class ApiContractTest {
    private static final String RUNTIME = "standalone";

    private static List<JsonObject> cases() {
        List<JsonObject> cases = new ArrayList<>();
        for (JsonElement c : ApiFixture.contract().getAsJsonArray("cases")) {
            JsonObject o = c.getAsJsonObject();
            if (!o.has("runtimes") || o.getAsJsonArray("runtimes").contains(new JsonPrimitive(RUNTIME))) {
                cases.add(o);
            }
        }
        return cases;
    }

    @Test
    @DisplayName("the contract holds at least 30 bad-input cases for this runtime, each with a distinct name")
    void enoughCases() {
        List<JsonObject> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().map(c -> c.get("name").getAsString()).distinct()).hasSameSizeAs(cases);
        assertThat(cases).allSatisfy(c -> assertThat(c.getAsJsonObject("expect").get("status").getAsInt())
                .isBetween(400, 499));
    }

    @Test
    @DisplayName("the fixture state is what the API reports")
    void fixtureIsTheApisState() {
        JsonObject fixture = ApiFixture.contract().getAsJsonObject("fixture");
        try (ApiFixture api = ApiFixture.start()) {
            JsonObject state = api.state().getAsJsonObject();
            assertThat(state.get("config")).isEqualTo(fixture.get("config"));
            JsonArray services = state.getAsJsonObject("services").getAsJsonArray("services");
            assertThat(services).isEqualTo(fixture.get("services"));
            JsonArray groups = state.getAsJsonObject("groups").getAsJsonArray("groups");
            for (int i = 0; i < groups.size(); i++) {
                JsonObject expected = fixture.getAsJsonArray("groups").get(i).getAsJsonObject();
                assertThat(groups.get(i).getAsJsonObject().get("servers")).isEqualTo(expected.get("servers"));
            }
            JsonArray servers = state.getAsJsonObject("servers").getAsJsonArray("servers");
            for (int i = 0; i < servers.size(); i++) {
                JsonObject expected = fixture.getAsJsonArray("servers").get(i).getAsJsonObject();
                for (String field : expected.keySet()) {
                    assertThat(servers.get(i).getAsJsonObject().get(field)).as(field).isEqualTo(expected.get(field));
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedAndChangesNothing() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> run(c)));
    }

    private static void run(JsonObject c) {
        try (ApiFixture api = ApiFixture.start()) {
            ApiClient client = api.client();
            if (c.has("setup")) {
                for (JsonElement step : c.getAsJsonArray("setup")) {
                    JsonObject s = step.getAsJsonObject();
                    ApiClient.Reply reply = client.write(s.get("method").getAsString(),
                            "/api/v1" + s.get("path").getAsString(), s.has("body") ? s.get("body").toString() : null);
                    assertThat(reply.status()).as("setup %s %s: %s", s.get("method"), s.get("path"), reply.body())
                            .isBetween(200, 299);
                }
            }
            JsonElement before = api.state();

            JsonObject request = c.getAsJsonObject("request");
            String auth = request.has("auth") ? request.get("auth").getAsString() : "valid";
            String authorization = switch (auth) {
                case "valid" -> "Bearer " + ApiFixture.TOKEN;
                case "wrong" -> "Bearer not-" + ApiFixture.TOKEN;
                default -> null;
            };
            String body = null;
            String contentType = null;
            if (request.has("body")) {
                body = request.get("body").toString();
                contentType = "application/json";
            } else if (request.has("rawBody")) {
                body = request.get("rawBody").getAsString();
                contentType = request.has("contentType") ? request.get("contentType").getAsString()
                        : "application/json";
            }
            ApiClient.Reply reply = client.send(request.get("method").getAsString(),
                    "/api/v1" + request.get("path").getAsString(), body, contentType, authorization);

            JsonObject expect = c.getAsJsonObject("expect");
            assertThat(reply.status()).as("status; body %s", reply.body()).isEqualTo(expect.get("status").getAsInt());
            assertThat(reply.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonObject error = reply.json().getAsJsonObject().getAsJsonObject("error");
            assertThat(error).as("error object in %s", reply.body()).isNotNull();
            assertThat(error.get("status").getAsInt()).isEqualTo(reply.status());
            assertThat(error.get("code").getAsString()).isEqualTo(expect.get("code").getAsString());
            assertThat(error.get("message").getAsString()).contains(expect.get("message").getAsString());
            if (expect.has("field")) {
                assertThat(error.has("field")).as("field named in %s", reply.body()).isTrue();
                assertThat(error.get("field").getAsString()).isEqualTo(expect.get("field").getAsString());
            }
            assertThat(api.state()).as("state after the refused request").isEqualTo(before);
        }
    }
}
