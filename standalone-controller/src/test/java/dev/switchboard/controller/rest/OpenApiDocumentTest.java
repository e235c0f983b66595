package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.dispatch.DispatcherCounters.Counter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/openapi.yaml is the contract; the server serves a JSON copy of it. These tests fail when the copy,
 * the routes or the error codes drift from the document.
 */
class OpenApiDocumentTest {
    private static final Path YAML = Path.of("..", "docs", "openapi.yaml");
    private static final String BASE = "/api/v1";

    private static JsonObject yamlDocument() throws IOException {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(YAML, StandardCharsets.UTF_8));
        return new Gson().toJsonTree(tree).getAsJsonObject();
    }

    private static JsonObject servedCopy() {
        return JsonParser.parseString(OpenApiResource.load()).getAsJsonObject();
    }

    @Test
    @DisplayName("the JSON copy in the resources is docs/openapi.yaml (regenerate it when this fails)")
    void copyMatchesTheYaml() throws IOException {
        assertThat(servedCopy()).isEqualTo(yamlDocument());
    }

    @Test
    @DisplayName("the server serves the copy at /api/v1/openapi.json")
    void served() {
        try (ApiFixture api = ApiFixture.start()) {
            ApiClient.Reply reply = api.client().get("/api/v1/openapi.json");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(reply.json()).isEqualTo(servedCopy());
        }
    }

    @Test
    @DisplayName("every route is documented and every documented operation has a route")
    void routesAreThePaths() {
        Set<String> documented = new TreeSet<>();
        JsonObject paths = servedCopy().getAsJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String key : paths.getAsJsonObject(path).keySet()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(key)) {
                    documented.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        Set<String> served = new TreeSet<>();
        try (ApiFixture api = ApiFixture.start()) {
            for (Route route : RestServer.routesOf(api.service())) {
                if (route.pattern().startsWith(BASE + "/")) {
                    served.add(route.method() + " " + route.pattern().substring(BASE.length()));
                }
            }
        }
        assertThat(served).isEqualTo(documented);
    }

    @Test
    @DisplayName("the Error schema lists every error code the server uses")
    void errorCodes() {
        JsonArray codes = servedCopy().getAsJsonObject("components").getAsJsonObject("schemas")
                .getAsJsonObject("Error").getAsJsonObject("properties").getAsJsonObject("error")
                .getAsJsonObject("properties").getAsJsonObject("code").getAsJsonArray("enum");
        Set<String> documented = new TreeSet<>();
        codes.forEach(c -> documented.add(c.getAsString()));
        Set<String> used = new TreeSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            used.add(code.apiName());
        }
        assertThat(documented).isEqualTo(used);
    }

    @Test
    @DisplayName("the Counters schema requires every dispatcher counter")
    void counters() {
        JsonArray required = servedCopy().getAsJsonObject("components").getAsJsonObject("schemas")
                .getAsJsonObject("Counters").getAsJsonArray("required");
        Set<String> documented = new TreeSet<>();
        required.forEach(c -> documented.add(c.getAsString()));
        Set<String> counters = new TreeSet<>();
        for (Counter c : Counter.values()) {
            counters.add(CounterNames.api(c));
        }
        assertThat(documented).isEqualTo(counters);
    }

    @Test
    @DisplayName("the document is OpenAPI 3 with the API's base path among its servers")
    void header() {
        JsonObject doc = servedCopy();
        assertThat(doc.get("openapi").getAsString()).startsWith("3.");
        JsonElement first = doc.getAsJsonArray("servers").get(0);
        assertThat(first.getAsJsonObject().get("url").getAsString()).endsWith(BASE);
    }
}
