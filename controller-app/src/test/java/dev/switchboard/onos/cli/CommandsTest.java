package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.onos.Fixtures;
import dev.switchboard.onos.TestCluster;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.config.SwitchboardConfig;
import dev.switchboard.onos.rest.SessionsApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.junit.TestUtils;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sb-*} commands, run through doExecute() against a real manager and store: node A runs dispatcher 1,
 * node B dispatcher 2.
 */
class CommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private TestCluster cluster;
    private TestCluster.Node node;

    @BeforeEach
    void setUp() {
        cluster = new TestCluster();
        node = cluster.node("A");
        for (DeviceId device : new DeviceId[] {Fixtures.ROUTER, Fixtures.SAN, Fixtures.D1}) {
            cluster.mastership.setMaster(device, "A");
        }
        cluster.mastership.setMaster(Fixtures.D2, "B");
        cluster.configure();
        for (int port : new int[] {40000, 40001}) {
            node.packets.packetIn(new ConnectPoint(Fixtures.D1, PortNumber.portNumber(Fixtures.TRUNK_PORT)),
                    Fixtures.clientTcp(Fixtures.CLIENT, port, (short) 0x02), Optional.empty());
        }
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String run(SwitchboardCommand command) {
        command.dispatch = node.manager;
        out.reset();
        err.reset();
        command.doExecute();
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static <C extends SwitchboardCommand> C json(C command) {
        TestUtils.setField(command, "json", true);
        return command;
    }

    private static ServersCommand servers(String action, String name, String value) {
        ServersCommand command = new ServersCommand();
        command.action = action;
        command.name = name;
        command.value = value;
        return command;
    }

    private static GroupsCommand groups(String action, String... names) {
        GroupsCommand command = new GroupsCommand();
        command.action = action;
        command.names = List.of(names);
        return command;
    }

    @Test
    void sessionsListsTheStoreInATableAndFilters() {
        List<DispatchSession> sessions = node.manager.sessions();
        String text = run(new SessionsCommand());

        assertThat(text.lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .matches("KEY\\s+SERVICE\\s+SERVER\\s+PLACED BY\\s+STATE"));
        for (DispatchSession s : sessions) {
            assertThat(text).containsPattern(s.key().toKeyString() + "\\s+web\\s+" + s.server()
                    + "\\s+1\\s+open");
        }
        assertThat(text).contains("2 of 2 sessions");

        SessionsCommand filtered = new SessionsCommand();
        filtered.client = "192.0.2.99";
        assertThat(run(filtered)).contains("0 of 0 sessions");

        SessionsCommand paged = new SessionsCommand();
        paged.limit = "1";
        assertThat(run(paged)).contains("1 of 2 sessions").contains("next page: --cursor "
                + sessions.get(0).key().toKeyString());
        paged.all = true;
        assertThat(run(paged)).contains("2 of 2 sessions").doesNotContain("next page");
    }

    @Test
    void sessionsJsonIsTheRestApisAnswer() throws Exception {
        JsonNode page = MAPPER.readTree(run(json(new SessionsCommand())));

        assertThat(page).isEqualTo(new SessionsApi(node.manager).list(Map.of()));
        assertThat(page.get("sessions").get(0).get("key").asText())
                .isEqualTo(node.manager.sessions().get(0).key().toKeyString());
    }

    @Test
    void sessionsShowAndTerminateOne() {
        String key = node.manager.sessions().get(0).key().toKeyString();
        SessionsCommand show = new SessionsCommand();
        show.action = "show";
        show.key = key;
        assertThat(run(show)).containsPattern("key\\s+" + key).containsPattern("placedBy\\s+1");

        SessionsCommand terminate = new SessionsCommand();
        terminate.action = "terminate";
        terminate.key = key;
        assertThat(run(terminate)).contains("session " + key + " terminated");
        assertThat(node.manager.sessions()).hasSize(1);

        run(terminate);
        assertThat(errors()).isEqualTo("error: session '" + key + "' does not exist [not_found]"
                + System.lineSeparator());
        terminate.key = "tcp-1.2.3.4-80";
        run(terminate);
        assertThat(errors()).contains("is not a session key").contains("[invalid_parameter]");
    }

    @Test
    void serversAreListedAndDrainedDisabledWeighedAndLoaded() {
        String drained = run(servers("drain", "web-2", null));
        int onWeb2 = (int) node.manager.sessions().stream().filter(s -> s.server().equals("web-2")).count();
        assertThat(drained).isEqualTo("server web-2 draining (state draining, weight 2, load 0.0, " + onWeb2
                + " active sessions)" + System.lineSeparator());
        assertThat(node.manager.catalog().server("web-2").state()).isEqualTo(ServerState.DRAINING);

        String table = run(new ServersCommand());
        assertThat(table).containsPattern("NAME\\s+IP\\s+MAC\\s+SAN PORT\\s+WEIGHT\\s+STATE\\s+LOAD\\s+SESSIONS"
                + "\\s+GROUPS");
        assertThat(table).containsPattern("web-1\\s+203\\.0\\.113\\.11\\s+02:00:00:00:0b:01\\s+3\\s+1\\s+active\\s+"
                + "0\\.00\\s+" + (2 - onWeb2) + "\\s+web");
        assertThat(table).containsPattern("web-2\\s+203\\.0\\.113\\.12\\s+02:00:00:00:0b:02\\s+4\\s+2\\s+draining");

        run(servers("disable", "web-2", null));
        assertThat(node.manager.catalog().server("web-2").state()).isEqualTo(ServerState.DOWN);
        run(servers("enable", "web-2", null));
        assertThat(node.manager.catalog().server("web-2").state()).isEqualTo(ServerState.ACTIVE);
        run(servers("weight", "web-1", "9"));
        assertThat(node.manager.catalog().server("web-1").weight()).isEqualTo(9);
        run(servers("load", "web-1", "0.5"));
        assertThat(node.manager.catalog().server("web-1").reportedLoad()).isEqualTo(0.5);
    }

    @Test
    void serverChangesAreRefusedLikeTheRestApiRefusesThem() {
        JsonNode before = cluster.netcfg.json(SwitchboardConfig.class).deepCopy();

        run(servers("weight", "web-1", "heavy"));
        assertThat(errors()).contains("error: weight: expected an integer, got 'heavy' [invalid_field]");
        run(servers("drain", "ghost", null));
        assertThat(errors()).contains("error: server 'ghost' does not exist [not_found]");
        run(servers("remove", "web-1", null));
        assertThat(errors()).contains("still in group 'web'").contains("[conflict]");
        run(servers("weight", "web-1", null));
        assertThat(errors()).contains("weight: required argument is missing");
        run(servers("explode", "web-1", null));
        assertThat(errors()).contains("'explode' is not one of");

        assertThat(cluster.netcfg.json(SwitchboardConfig.class)).isEqualTo(before);
    }

    @Test
    void serversAreAddedToAGroupAndRemoved() {
        ServersCommand add = servers("add", "web-3", null);
        add.ip = "203.0.113.13";
        add.sanPort = "5";
        add.mac = "02:00:00:00:0b:03";
        add.group = "web";
        assertThat(run(add)).contains("server web-3 added (state active, weight 1");
        assertThat(node.manager.catalog().group("web").members()).hasSize(3);

        assertThat(run(groups("remove-server", "web", "web-3"))).contains("group web changed: servers web-1,web-2");
        assertThat(run(servers("remove", "web-3", null))).contains("server web-3 removed");
        assertThat(node.manager.catalog().server("web-3")).isNull();
    }

    @Test
    void groupsAndServicesAreManaged() {
        assertThat(run(groups("add", "spare", "web-1"))).contains("group spare added: servers web-1");
        assertThat(run(groups("add-server", "spare", "web-2"))).contains("group spare changed: servers web-1,web-2");
        assertThat(run(new GroupsCommand())).containsPattern("spare\\s+web-1,web-2\\s+-");

        ServicesCommand add = new ServicesCommand();
        add.action = "add";
        add.name = "dns";
        add.vip = "198.51.100.10";
        add.port = "53";
        add.protocol = "udp";
        add.group = "spare";
        assertThat(run(add)).contains("service dns added: 198.51.100.10:53/udp -> group spare");
        assertThat(run(new ServicesCommand())).containsPattern("dns\\s+198\\.51\\.100\\.10\\s+udp\\s+53\\s+spare");

        run(groups("remove", "spare"));
        assertThat(errors()).contains("group 'spare' is still used by service 'dns' [conflict]");
        ServicesCommand remove = new ServicesCommand();
        remove.action = "remove";
        remove.name = "dns";
        assertThat(run(remove)).contains("service dns removed");
        assertThat(run(groups("remove", "spare"))).contains("group spare removed");
        assertThat(node.manager.catalog().group("spare")).isNull();
    }

    @Test
    void dispatchersStatsAndLocksDescribeTheNode() {
        String dispatchers = run(new DispatchersCommand());
        assertThat(dispatchers).containsPattern("1\\s+0x201\\s+ready\\s+up\\s+2\\s+0\\s+2\\s+\\d+\\s+0\\s+0\\s+A");
        assertThat(dispatchers).containsPattern("2\\s+0x202\\s+elsewhere\\s+up\\s+-\\s+-\\s+-\\s+-\\s+-\\s+-\\s+B");

        String stats = run(new StatsCommand());
        assertThat(stats).contains("active sessions 2, placed 0.0/s, locks held 0, lock waits 0, fallback drops 0");
        assertThat(stats).containsPattern("web-1\\s+web\\s+active\\s+1\\s+0\\.00");
        assertThat(run(new LocksCommand())).contains("0 of 0 locks");
    }

    @Test
    void configIsShownAndSetLive() {
        assertThat(run(new ConfigCommand())).containsPattern("strategy\\s+least-load")
                .containsPattern("idleTimeoutSeconds\\s+60");

        ConfigCommand set = new ConfigCommand();
        set.action = "set";
        set.key = "strategy";
        set.value = "consistent-hash";
        assertThat(run(set)).containsPattern("strategy\\s+consistent-hash");
        assertThat(node.manager.settings().strategy()).isEqualTo(SelectionStrategy.CONSISTENT_HASH);

        set.key = "lock-ttl-millis";
        set.value = "0";
        run(set);
        assertThat(errors()).contains("lockTtlMillis: 0 is out of range 1..30000 [invalid_field]");
        assertThat(node.manager.settings().lockTtl().toMillis()).isEqualTo(2000);
    }

    @Test
    void jsonErrorsAreTheApisErrorBody() throws Exception {
        run(json(servers("drain", "ghost", null)));
        JsonNode error = MAPPER.readTree(errors()).get("error");
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(error.get("code").asText()).isEqualTo("not_found");
    }
}
