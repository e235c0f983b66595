package dev.switchboard.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: the stats in Prometheus text, following servers and states as they change. */
class MetricsTest {
    private final ApiFixture api = ApiFixture.start();
    private final ApiClient client = api.client();

    @AfterEach
    void stop() {
        api.close();
    }

    private String scrape() {
        ApiClient.Reply reply = client.get("/metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return reply.body();
    }

    @Test
    @DisplayName("every stats figure has a metric, with HELP/TYPE lines; counters end in _total")
    void everyFigure() {
        String text = scrape();
        assertThat(text).contains("# TYPE switchboard_sessions_active gauge", "switchboard_sessions_active 0.0",
                "switchboard_sessions_placed_per_second 0.0", "switchboard_locks_held 0.0",
                "# TYPE switchboard_dispatcher_sessions_placed_total counter",
                "switchboard_dispatcher_sessions_placed_total{dispatcher=\"1\"} 0.0",
                "switchboard_dispatcher_lock_redirects_total{dispatcher=\"2\"} 0.0",
                "switchboard_dispatcher_fallback_drops_total{dispatcher=\"3\"} 0.0",
                "switchboard_dispatcher_connected{dispatcher=\"1\"} 0.0",
                "switchboard_server_weight{server=\"web-2\"} 3.0",
                "switchboard_server_sessions_active{server=\"web-1\"} 0.0",
                "switchboard_server_state{server=\"web-1\",state=\"active\"} 1.0");
    }

    @Test
    @DisplayName("state, weight and load changes show up; removed servers disappear")
    void followsChanges() {
        client.write("POST", "/api/v1/servers/web-1/drain", null);
        client.write("PUT", "/api/v1/servers/web-1/load", "{\"load\": 0.25}");
        client.write("POST", "/api/v1/servers",
                "{\"name\": \"web-3\", \"ip\": \"203.0.113.13\", \"sanSwitchPort\": 7}");
        String text = scrape();
        assertThat(text).contains("switchboard_server_state{server=\"web-1\",state=\"draining\"} 1.0",
                "switchboard_server_load{server=\"web-1\"} 0.25", "switchboard_server_weight{server=\"web-3\"} 1.0")
                .doesNotContain("switchboard_server_state{server=\"web-1\",state=\"active\"}");

        client.write("DELETE", "/api/v1/servers/web-3", null);
        assertThat(scrape()).doesNotContain("server=\"web-3\"");
    }
}
