package dev.switchboard.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.switchboard.controller.rest.ApiFixture;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.select.SelectionStrategy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI against a real API server: tables, --json, changes, and one-line errors with exit codes. */
class SwitchboardCliTest {
    private final ApiFixture api = ApiFixture.start();
    private final Map<String, String> env = new HashMap<>();
    private StringWriter out;
    private StringWriter err;

    SwitchboardCliTest() {
        env.put("SWITCHBOARD_URL", api.client().base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return SwitchboardCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int runWithToken(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--token");
        all.add(ApiFixture.TOKEN);
        return run(all.toArray(new String[0]));
    }

    private List<String> lines() {
        return List.of(out.toString().split("\n"));
    }

    /** Every line of a table starts its columns at the same offsets as the header. */
    private static void assertAligned(List<String> table, String... headers) {
        String header = table.get(0);
        for (String h : headers) {
            assertThat(header).contains(h);
        }
        for (int column = 1; column < headers.length; column++) {
            int start = header.indexOf(headers[column]);
            for (String line : table.subList(1, table.size())) {
                assertThat(line.length()).as("line '%s'", line).isGreaterThan(start);
                assertThat(line.charAt(start - 1)).as("gap before %s in '%s'", headers[column], line).isEqualTo(' ');
            }
        }
    }

    @Test
    @DisplayName("servers: an aligned table of every server")
    void serversTable() {
        assertThat(run("servers")).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("NAME");
        assertThat(lines.get(1)).startsWith("web-1").contains("203.0.113.11", "active", "0.00", "web");
        assertThat(lines.get(3)).startsWith("api-1").contains(" - ");
        assertAligned(lines, "NAME", "IP", "MAC", "SAN PORT", "WEIGHT", "STATE", "LOAD", "SESSIONS", "GROUPS");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("--json prints the API's JSON, wherever it appears on the line")
    void json() {
        assertThat(run("--json", "servers")).isZero();
        assertThat(JsonParser.parseString(out.toString())).isEqualTo(api.client().get("/api/v1/servers").json());
        assertThat(run("services", "--json")).isZero();
        assertThat(JsonParser.parseString(out.toString())).isEqualTo(api.client().get("/api/v1/services").json());
    }

    @Test
    @DisplayName("servers drain, weight, load, disable, enable change the server")
    void serverChanges() {
        assertThat(runWithToken("servers", "drain", "web-2")).isZero();
        assertThat(out.toString()).startsWith("server web-2 draining (state draining");
        assertThat(api.service().catalog().server("web-2").state()).isEqualTo(ServerState.DRAINING);
        assertThat(runWithToken("servers", "weight", "web-2", "7")).isZero();
        assertThat(api.service().catalog().server("web-2").weight()).isEqualTo(7);
        assertThat(runWithToken("servers", "load", "web-2", "0.7")).isZero();
        assertThat(api.service().catalog().server("web-2").reportedLoad()).isEqualTo(0.7);
        assertThat(runWithToken("servers", "disable", "web-2")).isZero();
        assertThat(api.service().catalog().server("web-2").state()).isEqualTo(ServerState.DOWN);
        assertThat(runWithToken("servers", "enable", "web-2")).isZero();
        assertThat(api.service().catalog().server("web-2").state()).isEqualTo(ServerState.ACTIVE);
    }

    @Test
    @DisplayName("the token comes from SWITCHBOARD_TOKEN when --token is not given")
    void tokenFromEnvironment() {
        env.put("SWITCHBOARD_TOKEN", ApiFixture.TOKEN);
        assertThat(run("servers", "drain", "web-1")).isZero();
        assertThat(api.service().catalog().server("web-1").state()).isEqualTo(ServerState.DRAINING);
    }

    @Test
    @DisplayName("a refused change: exit 1, one line naming the problem, nothing on stdout")
    void refused() {
        assertThat(run("servers", "drain", "web-2")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("Bearer").contains("--token")
                .contains("unauthorized");
        assertThat(out.toString()).isEmpty();

        assertThat(runWithToken("servers", "drain", "ghost")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: server 'ghost' does not exist [not_found, HTTP 404]");

        assertThat(runWithToken("servers", "weight", "web-1", "0")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("weight: 0 is out of range 1..10000");

        assertThat(runWithToken("sessions", "terminate", "not-a-key")).isEqualTo(1);
        assertThat(err.toString()).contains("not a session key");
    }

    @Test
    @DisplayName("an unreachable controller: exit 3 and one line")
    void unreachable() {
        env.put("SWITCHBOARD_URL", "http://127.0.0.1:1");
        assertThat(run("stats")).isEqualTo(3);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("cannot reach the controller at");
    }

    @Test
    @DisplayName("a bad command line: exit 2 and one line")
    void usage() {
        assertThat(run("servers", "weight", "web-1", "heavy")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("heavy");
        assertThat(run("balancers")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command");
    }

    @Test
    @DisplayName("config set changes a setting live; kebab-case keys work")
    void config() {
        assertThat(runWithToken("config", "set", "strategy", "weighted-round-robin")).isZero();
        assertThat(api.service().settings().strategy()).isEqualTo(SelectionStrategy.WEIGHTED_ROUND_ROBIN);
        assertThat(out.toString()).contains("strategy").contains("weighted-round-robin");
        assertThat(runWithToken("config", "set", "lock-ttl-millis", "500")).isZero();
        assertThat(api.service().settings().lockTtl()).isEqualTo(Duration.ofMillis(500));
        assertThat(runWithToken("config", "set", "idleTimeoutSeconds", "forever")).isEqualTo(1);
        assertThat(err.toString()).contains("idleTimeoutSeconds");
        assertThat(run("config")).isZero();
        assertAligned(lines(), "SETTING", "VALUE");
        assertThat(out.toString()).contains("lockTtlMillis       500");
    }

    @Test
    @DisplayName("services, groups, dispatchers, locks, stats and sessions print their tables")
    void readCommands() {
        assertThat(run("services")).isZero();
        assertAligned(lines(), "NAME", "VIP", "PROTOCOL", "PORT", "GROUP");
        assertThat(out.toString()).contains("dns   198.51.100.10  udp         53  api");
        assertThat(run("groups")).isZero();
        assertThat(out.toString()).contains("web   web-1,web-2  web");
        assertThat(run("dispatchers")).isZero();
        assertAligned(lines(), "ID", "DPID", "SWITCH", "TRUNK", "SESSIONS");
        assertThat(lines()).hasSize(4);
        assertThat(lines().get(1)).contains("0x201", "disconnected", "down");
        assertThat(run("locks")).isZero();
        assertThat(out.toString()).contains("0 of 0 locks");
        assertThat(run("stats")).isZero();
        assertThat(out.toString()).startsWith("active sessions 0, placed 0.0/s")
                .contains("web-2   web    active       3");
        assertThat(run("sessions", "--service", "web", "--limit", "10")).isZero();
        assertThat(out.toString()).contains("0 of 0 sessions (no dispatcher running)");
    }

    @Test
    @DisplayName("services, groups and servers can be added and removed")
    void catalogChanges() {
        assertThat(runWithToken("groups", "add", "spare", "api-1")).isZero();
        assertThat(out.toString().strip()).isEqualTo("group spare added: servers api-1");
        assertThat(runWithToken("servers", "add", "web-3", "--ip", "203.0.113.13", "--san-port", "7",
                "--group", "spare")).isZero();
        assertThat(runWithToken("services", "add", "shop", "--vip", "198.51.100.20", "--port", "443", "--group",
                "spare")).isZero();
        assertThat(out.toString()).contains("198.51.100.20:443/tcp -> group spare");
        assertThat(runWithToken("groups", "remove", "spare")).isEqualTo(1);
        assertThat(err.toString()).contains("still used by service 'shop'");
        assertThat(runWithToken("services", "remove", "shop")).isZero();
        assertThat(runWithToken("groups", "remove-server", "spare", "web-3")).isZero();
        assertThat(runWithToken("servers", "remove", "web-3")).isZero();
        assertThat(runWithToken("groups", "add-server", "spare", "web-1")).isZero();
        assertThat(out.toString()).contains("servers api-1,web-1");
        assertThat(api.service().catalog().server("web-3")).isNull();
    }
}
