package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.switchboard.controller.ControllerRuntime;
import dev.switchboard.controller.cli.SwitchboardCli;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.rest.ApiClient;
import dev.switchboard.controller.rest.ApiFixture;
import dev.switchboard.controller.rest.RestServer;
import dev.switchboard.dispatch.TcpFlags;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleKind;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * The REST API of a controller whose switches are connected (emulated over real TCP): sessions placed
 * by real dispatchers are listed, filtered, paged and terminated through HTTP, drains and config
 * changes reach the dispatchers, and servers and services added through the API reach the switches.
 */
class RestOverSwitchesTest {
    private static final String VIP = "198.51.100.10";
    private static final long VIP_MISS = Cookies.of(RuleKind.VIP_MISS, Ipv4.parse(VIP));
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private ControllerRuntime runtime;
    private SwitchboardService service;
    private RestServer rest;
    private ApiClient client;
    private PeerSwitch router;
    private PeerSwitch san;
    private final List<PeerSwitch> dispatchers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SwitchboardConfig config = ApiFixture.config(null);
        runtime = new ControllerRuntime(config);
        Switchboard switchboard = new Switchboard(config, new CatalogHolder(runtime.catalog()));
        InetSocketAddress address = runtime.start(switchboard);
        service = new SwitchboardService(switchboard);
        rest = RestServer.start(config.rest(), service);
        client = new ApiClient("http://127.0.0.1:" + rest.address().getPort(), ApiFixture.TOKEN);
        router = new PeerSwitch(address, 0x100, 1, 2, 3, 4, 5);
        san = new PeerSwitch(address, 0x300, 1, 2, 3, 4, 5, 6, 7);
        for (int d = 1; d <= 3; d++) {
            PeerSwitch s = new PeerSwitch(address, 0x200 + d, 1, 2);
            dispatchers.add(s);
            s.await("its VIP-miss rule", OFFlowAdd.class, f -> f.getCookie().getValue() == VIP_MISS);
        }
        poll("every dispatcher connected, ready and with its trunk up", () -> {
            JsonArray list = client.get("/api/v1/dispatchers").json().getAsJsonObject().getAsJsonArray("dispatchers");
            for (JsonElement d : list) {
                JsonObject o = d.getAsJsonObject();
                if (!o.get("connected").getAsBoolean() || !o.get("ready").getAsBoolean()
                        || !o.get("trunkUp").getAsBoolean()) {
                    return false;
                }
            }
            return list.size() == 3;
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (PeerSwitch s : dispatchers) {
            s.close();
        }
        router.close();
        san.close();
        rest.close();
        service.close();
        runtime.close();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void poll(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never: " + what);
    }

    private static OFPacketIn packetIn(byte[] frame) {
        return PeerSwitch.OF.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                .setReason(OFPacketInReason.NO_MATCH).setTableId(TableId.of(1)).setCookie(U64.of(VIP_MISS))
                .setMatch(PeerSwitch.OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(frame).build();
    }

    /** Sends a SYN to one dispatcher and returns the server address its packet-out rewrites to. */
    private String openSession(int dispatcher, String client, int clientPort) throws Exception {
        PeerSwitch d = dispatchers.get(dispatcher);
        d.send(packetIn(Frames.tcp(client, clientPort, VIP, 80, TcpFlags.SYN)));
        OFPacketOut out = d.await("the SYN's packet-out", OFPacketOut.class, p -> p.getData().length == 54
                && IPv4Address.of(Arrays.copyOfRange(p.getData(), 26, 30)).equals(IPv4Address.of(client))
                && ((p.getData()[34] & 0xff) << 8 | (p.getData()[35] & 0xff)) == clientPort);
        return ((OFActionSetField) out.getActions().get(1)).getField().getValue().toString();
    }

    private static Predicate<OFFlowMod> sessionRule(String client, int clientPort) {
        return f -> f.getPriority() == RuleConstants.PRIORITY_DISPATCHER_SESSION
                && IPv4Address.of(client).equals(f.getMatch().get(MatchField.IPV4_SRC))
                && TransportPort.of(clientPort).equals(f.getMatch().get(MatchField.TCP_SRC));
    }

    private JsonObject json(String path) {
        ApiClient.Reply reply = client.get(path);
        assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
        return reply.json().getAsJsonObject();
    }

    private static List<String> keys(JsonObject page) {
        List<String> keys = new ArrayList<>();
        page.getAsJsonArray("sessions").forEach(s -> keys.add(s.getAsJsonObject().get("key").getAsString()));
        return keys;
    }

    @Test
    @DisplayName("sessions placed by two dispatchers are listed, filtered, paged and terminated everywhere")
    void sessions() throws Exception {
        for (int i = 0; i < 6; i++) {
            openSession(0, "192.0.2.11", 41000 + i);
            openSession(1, "192.0.2.12", 41000 + i);
        }
        poll("12 sessions in the source table", () -> json("/api/v1/sessions").get("total").getAsInt() == 12);
        JsonObject all = json("/api/v1/sessions");
        assertThat(all.get("source").getAsInt()).isEqualTo(1);
        assertThat(all.get("nextCursor").isJsonNull()).isTrue();
        List<String> allKeys = keys(all);
        assertThat(allKeys).hasSize(12).startsWith("tcp-192.0.2.11-41000-198.51.100.10-80")
                .endsWith("tcp-192.0.2.12-41005-198.51.100.10-80");

        assertThat(json("/api/v1/sessions?client=192.0.2.12").get("total").getAsInt()).isEqualTo(6);
        JsonObject byTwo = json("/api/v1/sessions?dispatcher=2");
        assertThat(byTwo.get("total").getAsInt()).isEqualTo(6);
        byTwo.getAsJsonArray("sessions").forEach(s -> assertThat(s.getAsJsonObject().get("placedBy").getAsInt())
                .isEqualTo(2));
        assertThat(json("/api/v1/sessions?service=web").get("total").getAsInt()).isEqualTo(12);
        assertThat(json("/api/v1/sessions?service=api").get("total").getAsInt()).isZero();
        assertThat(json("/api/v1/sessions?server=web-1").get("total").getAsInt()
                + json("/api/v1/sessions?server=web-2").get("total").getAsInt()).isEqualTo(12);

        List<String> walked = new ArrayList<>();
        JsonObject page = json("/api/v1/sessions?limit=5");
        walked.addAll(keys(page));
        assertThat(json("/api/v1/sessions?limit=5&offset=5").getAsJsonArray("sessions"))
                .isEqualTo(json("/api/v1/sessions?limit=5&cursor=" + page.get("nextCursor").getAsString())
                        .getAsJsonArray("sessions"));
        while (!page.get("nextCursor").isJsonNull()) {
            page = json("/api/v1/sessions?limit=5&cursor=" + page.get("nextCursor").getAsString());
            walked.addAll(keys(page));
        }
        assertThat(walked).isEqualTo(allKeys);

        String key = "tcp-192.0.2.12-41003-198.51.100.10-80";
        JsonObject one = json("/api/v1/sessions/" + key);
        assertThat(one.get("service").getAsString()).isEqualTo("web");
        assertThat(one.get("server").getAsString()).isIn("web-1", "web-2");
        assertThat(one.get("placedBy").getAsInt()).isEqualTo(2);
        assertThat(one.get("clientFin").getAsBoolean()).isFalse();

        assertThat(client.write("DELETE", "/api/v1/sessions/" + key, null).status()).isEqualTo(204);
        for (PeerSwitch d : dispatchers) {
            d.await("the terminated session's rule delete", OFFlowDeleteStrict.class,
                    f -> sessionRule("192.0.2.12", 41003).test(f));
        }
        assertThat(client.get("/api/v1/sessions/" + key).status()).isEqualTo(404);
        assertThat(client.write("DELETE", "/api/v1/sessions/" + key, null).status()).isEqualTo(404);
        poll("every table lost the session", () -> {
            for (JsonElement d : json("/api/v1/dispatchers").getAsJsonArray("dispatchers")) {
                if (d.getAsJsonObject().get("tableSize").getAsInt() != 11) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @DisplayName("dispatchers, stats and metrics count what the dispatchers did")
    void statsAndMetrics() throws Exception {
        for (int i = 0; i < 4; i++) {
            openSession(i % 3, "192.0.2.11", 42000 + i);
        }
        poll("4 sessions everywhere", () -> json("/api/v1/stats").get("activeSessions").getAsInt() == 4);
        poll("a placement rate", () -> json("/api/v1/stats").get("sessionsPlacedPerSecond").getAsDouble() > 0);
        JsonObject stats = json("/api/v1/stats");
        JsonArray ds = stats.getAsJsonArray("dispatchers");
        assertThat(ds).hasSize(3);
        long placed = 0;
        for (JsonElement d : ds) {
            JsonObject o = d.getAsJsonObject();
            assertThat(o.get("connected").getAsBoolean()).isTrue();
            assertThat(o.get("trunkUp").getAsBoolean()).isTrue();
            assertThat(o.get("tableSize").getAsInt()).isEqualTo(4);
            assertThat(o.get("locksHeld").getAsInt()).isZero();
            JsonObject counters = o.getAsJsonObject("counters");
            assertThat(counters.keySet()).contains("sessionsPlaced", "locksPlaced", "lockRedirects", "forwardedByEntry",
                    "fallbackDrops");
            placed += counters.get("sessionsPlaced").getAsLong();
        }
        assertThat(placed).isEqualTo(4);
        assertThat(stats.getAsJsonObject("totals").get("sessionsPlaced").getAsLong()).isEqualTo(4);
        int onServers = 0;
        for (JsonElement s : stats.getAsJsonArray("servers")) {
            onServers += s.getAsJsonObject().get("activeSessions").getAsInt();
        }
        assertThat(onServers).isEqualTo(4);
        assertThat(json("/api/v1/servers/web-1").get("activeSessions").getAsInt()
                + json("/api/v1/servers/web-2").get("activeSessions").getAsInt()).isEqualTo(4);

        String metrics = client.get("/metrics").body();
        assertThat(metrics).contains("switchboard_sessions_active 4.0")
                .contains("switchboard_dispatcher_connected{dispatcher=\"3\"} 1.0")
                .contains("switchboard_dispatcher_table_size{dispatcher=\"2\"} 4.0");
        long placedInMetrics = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("switchboard_dispatcher_sessions_placed_total{")) {
                placedInMetrics += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(placedInMetrics).isEqualTo(4);
    }

    @Test
    @DisplayName("a drained server keeps its sessions while new ones go elsewhere")
    void drain() throws Exception {
        Set<String> used = new HashSet<>();
        int opened = 0;
        while (!used.contains("203.0.113.11") && opened < 10) {
            used.add(openSession(0, "192.0.2.11", 43000 + opened++));
        }
        assertThat(used).as("least-load puts a session on web-1 within 10").contains("203.0.113.11");
        int total = opened;
        poll("every session in the table", () -> json("/api/v1/sessions").get("total").getAsInt() == total);
        int onWeb1 = json("/api/v1/sessions?server=web-1").get("total").getAsInt();
        assertThat(onWeb1).isPositive();

        JsonObject drained = client.write("POST", "/api/v1/servers/web-1/drain", null).json().getAsJsonObject();
        assertThat(drained.get("state").getAsString()).isEqualTo("draining");
        assertThat(drained.get("activeSessions").getAsInt()).isEqualTo(onWeb1);
        for (int i = 0; i < 6; i++) {
            assertThat(openSession(i % 3, "192.0.2.11", 43100 + i)).isEqualTo("203.0.113.12");
        }
        assertThat(json("/api/v1/sessions?server=web-1").get("total").getAsInt()).as("its sessions stay")
                .isEqualTo(onWeb1);

        client.write("POST", "/api/v1/servers/web-1/enable", null);
        client.write("POST", "/api/v1/servers/web-2/disable", null);
        assertThat(openSession(2, "192.0.2.11", 43200)).isEqualTo("203.0.113.11");
    }

    private int cli(StringWriter out, String... args) {
        return SwitchboardCli.run(args, Map.of("SWITCHBOARD_URL", client.base(), "SWITCHBOARD_TOKEN",
                ApiFixture.TOKEN), new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    }

    @Test
    @DisplayName("through the CLI: list sessions, drain their server, new sessions go elsewhere, old ones stay")
    void drainThroughTheCli() throws Exception {
        String first = openSession(0, "192.0.2.11", 46000);
        String name = first.equals("203.0.113.11") ? "web-1" : "web-2";
        String other = first.equals("203.0.113.11") ? "203.0.113.12" : "203.0.113.11";
        poll("the session in the table", () -> json("/api/v1/sessions").get("total").getAsInt() == 1);

        StringWriter out = new StringWriter();
        assertThat(cli(out, "sessions")).isZero();
        assertThat(out.toString())
                .contains("tcp-192.0.2.11-46000-198.51.100.10-80  web      " + name + "           1  open")
                .contains("1 of 1 sessions (table of dispatcher 1)");

        out = new StringWriter();
        assertThat(cli(out, "servers", "drain", name)).isZero();
        assertThat(out.toString()).contains("server " + name + " draining").contains("1 active sessions");
        for (int i = 1; i <= 3; i++) {
            assertThat(openSession(i % 3, "192.0.2.11", 46000 + i)).isEqualTo(other);
        }
        out = new StringWriter();
        assertThat(cli(out, "sessions", "--server", name)).isZero();
        assertThat(out.toString()).contains("tcp-192.0.2.11-46000-198.51.100.10-80").contains("1 of 1 sessions");
    }

    @Test
    @DisplayName("a config change reaches every dispatcher: the next session rules carry the new idle timeout")
    void configAppliesLive() throws Exception {
        ApiClient.Reply reply = client.write("PATCH", "/api/v1/config", "{\"idleTimeoutSeconds\": 17, "
                + "\"strategy\": \"weighted-round-robin\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        openSession(1, "192.0.2.11", 44000);
        for (PeerSwitch d : dispatchers) {
            OFFlowAdd rule = d.await("the session rule", OFFlowAdd.class,
                    f -> sessionRule("192.0.2.11", 44000).test(f));
            assertThat(rule.getIdleTimeout()).isEqualTo(17);
        }
        // Weighted round-robin over web-1 (weight 1) and web-2 (weight 3): three of every four go to web-2.
        int toWeb2 = 0;
        for (int i = 0; i < 8; i++) {
            if (openSession(1, "192.0.2.11", 44100 + i).equals("203.0.113.12")) {
                toWeb2++;
            }
        }
        assertThat(toWeb2).isEqualTo(6);
    }

    @Test
    @DisplayName("a server added through the API gets its SAN rule and takes sessions; a new VIP gets trunk rules")
    void addedServerAndServiceReachTheSwitches() throws Exception {
        ApiClient.Reply added = client.write("POST", "/api/v1/servers",
                "{\"name\": \"web-3\", \"ip\": \"203.0.113.13\", \"mac\": \"02:00:00:00:0b:03\", "
                        + "\"sanSwitchPort\": 7, \"group\": \"web\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        OFFlowAdd delivery = san.await("delivery to web-3", OFFlowAdd.class,
                f -> MacAddress.of("02:00:00:00:0b:03").equals(f.getMatch().get(MatchField.ETH_DST)));
        assertThat(delivery.getInstructions()).hasSize(1);
        assertThat(((OFInstructionApplyActions) delivery.getInstructions().get(0)).getActions())
                .containsExactly(PeerSwitch.OF.actions().output(OFPort.of(7), 0));
        client.write("POST", "/api/v1/servers/web-1/drain", null);
        client.write("POST", "/api/v1/servers/web-2/drain", null);
        assertThat(openSession(0, "192.0.2.11", 45000)).isEqualTo("203.0.113.13");

        ApiClient.Reply service = client.write("POST", "/api/v1/services", "{\"name\": \"shop\", "
                + "\"vip\": \"198.51.100.20\", \"protocol\": \"tcp\", \"port\": 443, \"group\": \"web\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        router.await("trunk rules for the new VIP", OFFlowAdd.class,
                f -> IPv4Address.of("198.51.100.20").equals(f.getMatch().get(MatchField.IPV4_DST)));
    }
}
