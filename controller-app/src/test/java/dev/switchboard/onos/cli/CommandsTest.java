package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.onos.Fixtures;
import dev.switchboard.onos.TestCluster;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.rest.SessionIds;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Karaf commands, run through doExecute() against a real manager and store. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
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
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
    }

    private String run(SwitchboardCommand command) throws Exception {
        command.dispatch = node.manager;
        out.reset();
        command.doExecute();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sessionsListsEverySessionOfTheStore() throws Exception {
        List<DispatchSession> sessions = node.manager.sessions();
        String text = run(new SessionsCommand());

        for (DispatchSession s : sessions) {
            assertThat(text).contains(SessionIds.format(s.key())).contains(s.server());
        }
        assertThat(text).contains("2 session(s)");

        SessionsCommand filtered = new SessionsCommand();
        filtered.client = "192.0.2.99";
        assertThat(run(filtered)).contains("0 session(s)");
    }

    @Test
    void sessionsJsonMatchesTheRestRepresentation() throws Exception {
        SessionsCommand json = new SessionsCommand();
        TestUtils.setField(json, "json", true);
        JsonNode array = new ObjectMapper().readTree(run(json));

        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("id").asText()).isEqualTo(SessionIds.format(node.manager.sessions().get(0).key()));
        assertThat(array.get(0).get("server").asText()).isEqualTo(node.manager.sessions().get(0).server());
    }

    @Test
    void terminateEndsTheSession() throws Exception {
        String id = SessionIds.format(node.manager.sessions().get(0).key());
        TerminateSessionCommand terminate = new TerminateSessionCommand();
        terminate.session = id;

        assertThat(run(terminate)).contains("terminated " + id);
        assertThat(node.manager.sessions()).hasSize(1);
        assertThat(run(new SessionsCommand())).doesNotContain(id);
    }

    @Test
    void serversShowStateAndSessionsAndStateCanBeChanged() throws Exception {
        ServerStateCommand drain = new ServerStateCommand();
        drain.server = "web-2";
        drain.state = "draining";
        run(drain);

        assertThat(node.manager.catalog().server("web-2").state()).isEqualTo(ServerState.DRAINING);
        String text = run(new ServersCommand());
        long onWeb1 = node.manager.sessions().stream().filter(s -> s.server().equals("web-1")).count();
        assertThat(text).containsPattern("web-1\\s+203\\.0\\.113\\.11\\s+1\\s+active\\s+" + onWeb1);
        assertThat(text).containsPattern("web-2\\s+203\\.0\\.113\\.12\\s+2\\s+draining");

        ServerWeightCommand weight = new ServerWeightCommand();
        weight.server = "web-1";
        weight.weight = 9;
        run(weight);
        assertThat(node.manager.catalog().server("web-1").weight()).isEqualTo(9);
    }

    @Test
    void dispatchersServicesStatsAndLocksDescribeTheNode() throws Exception {
        String dispatchers = run(new DispatchersCommand());
        assertThat(dispatchers).containsPattern("1\\s+of:0000000000000201\\s+up\\s+A\\s+ready\\s+2\\s+0");
        assertThat(dispatchers).containsPattern("2\\s+of:0000000000000202\\s+up\\s+B\\s+no\\s+-\\s+-");

        assertThat(run(new ServicesCommand())).containsPattern("web\\s+198\\.51\\.100\\.10:80/tcp\\s+web");
        assertThat(run(new StatsCommand())).contains("active sessions: 2");
        assertThat(run(new LocksCommand())).contains("0 lock(s)");
    }
}
