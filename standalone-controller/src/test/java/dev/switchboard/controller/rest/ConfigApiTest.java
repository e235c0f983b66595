package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.select.SelectionStrategy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /config}: partial changes are validated as a whole and take effect in the dispatch settings. */
class ConfigApiTest {
    private final ApiFixture api = ApiFixture.start();
    private final ApiClient client = api.client();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("GET shows the configured settings")
    void get() {
        JsonObject config = client.get("/api/v1/config").json().getAsJsonObject();
        assertThat(config.toString()).isEqualTo("{\"strategy\":\"least-load\",\"lockTtlMillis\":2000,"
                + "\"idleTimeoutSeconds\":60,\"finLingerMillis\":200,\"fallback\":\"drop\"}");
    }

    @Test
    @DisplayName("PATCH changes only the fields given, and the settings the dispatchers use")
    void patch() {
        ApiClient.Reply reply = client.write("PATCH", "/api/v1/config",
                "{\"strategy\": \"weighted-round-robin\", \"idleTimeoutSeconds\": 30}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject config = reply.json().getAsJsonObject();
        assertThat(config.get("strategy").getAsString()).isEqualTo("weighted-round-robin");
        assertThat(config.get("idleTimeoutSeconds").getAsInt()).isEqualTo(30);
        assertThat(config.get("lockTtlMillis").getAsInt()).isEqualTo(2000);
        assertThat(api.service().settings().strategy()).isEqualTo(SelectionStrategy.WEIGHTED_ROUND_ROBIN);
        assertThat(api.service().settings().idleTimeout()).isEqualTo(Duration.ofSeconds(30));

        client.write("PATCH", "/api/v1/config", "{\"lockTtlMillis\": 500, \"finLingerMillis\": 0, "
                + "\"fallback\": \"consistent-hash\"}");
        assertThat(api.service().settings().lockTtl()).isEqualTo(Duration.ofMillis(500));
        assertThat(api.service().settings().finLinger()).isZero();
        assertThat(api.service().settings().fallback()).isEqualTo(FallbackPolicy.CONSISTENT_HASH);
        assertThat(client.get("/api/v1/config").json().getAsJsonObject().get("strategy").getAsString())
                .isEqualTo("weighted-round-robin");
    }

    @Test
    @DisplayName("an empty PATCH changes nothing and answers the settings")
    void emptyPatch() {
        ApiClient.Reply reply = client.write("PATCH", "/api/v1/config", "{}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(client.get("/api/v1/config").json());
    }
}
