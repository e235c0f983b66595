package dev.switchboard.dispatch;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import org.junit.jupiter.api.Test;

import static dev.switchboard.dispatch.Fixtures.CLIENT;
import static dev.switchboard.dispatch.Fixtures.TCP;
import static dev.switchboard.dispatch.Fixtures.VIP;
import static org.assertj.core.api.Assertions.assertThat;

/** A table at {@code maxSessions} refuses new sessions, keeps serving and mirroring the ones it has. */
class TableLimitTest {
    private static final int SYN = TcpFlags.SYN;
    private static final int ACK = TcpFlags.ACK;

    private static SessionKey web(int port) {
        return SessionKey.of(Protocol.TCP, CLIENT, port, VIP, 80);
    }

    private static SimulatedCluster cluster(int maxSessions) {
        return SimulatedCluster.of(2, DispatchSettings.builder().maxSessions(maxSessions).build(), Fixtures.catalog());
    }

    @Test
    void aFullTableRefusesNewSessionsButServesItsOwn() {
        SimulatedCluster c = cluster(2);
        c.get(1).onPacket(TCP, CLIENT, 41000, VIP, 80, SYN);
        c.get(1).onPacket(TCP, CLIENT, 41001, VIP, 80, SYN);
        c.deliverAll();

        Verdict refused = c.get(1).onPacket(TCP, CLIENT, 41002, VIP, 80, SYN);
        assertThat(refused.dropReason()).isEqualTo(Verdict.DropReason.TABLE_FULL);
        assertThat(c.get(1).counters().get(DispatcherCounters.Counter.TABLE_FULL)).isEqualTo(1);
        assertThat(c.get(1).lookup(web(41002))).isEmpty();
        assertThat(c.get(2).lookup(web(41002))).as("nothing was broadcast").isEmpty();

        assertThat(c.get(2).onPacket(TCP, CLIENT, 41000, VIP, 80, ACK).action())
                .as("established sessions are still forwarded").isEqualTo(Verdict.Action.FORWARD_TO_SERVER);
    }

    @Test
    void aPeersPlacementIsMirroredEvenIntoAFullTable() {
        SimulatedCluster c = cluster(1);
        c.get(1).onPacket(TCP, CLIENT, 41010, VIP, 80, SYN);
        c.get(2).onPacket(TCP, CLIENT, 41011, VIP, 80, SYN); // placed before 1's placement reached 2
        c.deliverAll();
        // Refusing a replicated placement would make the tables disagree; the limit bounds new requests only.
        assertThat(c.get(1).lookup(web(41011))).isPresent();
        assertThat(c.get(2).lookup(web(41010))).isPresent();
    }

    @Test
    void noLimitByDefault() {
        assertThat(DispatchSettings.defaults().maxSessions()).isZero();
    }
}
