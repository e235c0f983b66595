package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.ClientKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Set-up accounting of single sessions, driven with synthetic events and a synthetic clock. */
class SessionTrackerTest {
    private static final long MS = 1_000_000;
    private static final long TIMEOUT = 100 * MS;

    private final List<Long> ended = new ArrayList<>();

    private SessionTracker tracker(int k) {
        SessionTracker t = new SessionTracker(k, 0, 64, TIMEOUT);
        t.window(0, Long.MAX_VALUE);
        t.listener(new SessionListener() {
            @Override
            public void sessionEnded(long nanos) {
                ended.add(nanos);
            }

            @Override
            public void readComplete() {
            }
        });
        return t;
    }

    private static long key(SessionTracker t, long seq) {
        long client = t.clientOf(seq);
        return ClientKeys.of(ClientSpace.ip(client), ClientSpace.port(client));
    }

    @Test
    void completesOnlyWithThePacketOutAndAllKRules() {
        SessionTracker t = tracker(3);
        long s = t.start(1, 10 * MS);
        long k = key(t, s);
        t.sessionRule(0, k, 11 * MS);
        t.sessionRule(2, k, 12 * MS);
        t.packetOut(1, k, 13 * MS);
        assertThat(t.counts().completed).isZero();
        assertThat(t.inFlight()).isEqualTo(1);

        t.sessionRule(1, k, 15 * MS);
        assertThat(t.counts().completed).isEqualTo(1);
        assertThat(t.inFlight()).isZero();
        assertThat(ended).containsExactly(15 * MS);
        assertThat(t.packetOutLatency().getMaxValue()).isBetween(3 * MS - MS / 100, 3 * MS + MS / 100);
        assertThat(t.replicationLag().getMaxValue()).isBetween(4 * MS - MS / 100, 4 * MS + MS / 100);
        assertThat(t.setupLatency().getMaxValue()).isBetween(5 * MS - MS / 100, 5 * MS + MS / 100);
    }

    @Test
    void theLastRuleMayArriveBeforeThePacketOut() {
        SessionTracker t = tracker(2);
        long k = key(t, t.start(0, 0));
        t.sessionRule(0, k, MS);
        t.sessionRule(1, k, 2 * MS);
        assertThat(t.counts().completed).isZero();
        t.packetOut(0, k, 7 * MS);
        assertThat(t.counts().completed).isEqualTo(1);
        assertThat(t.setupLatency().getMaxValue()).isBetween(7 * MS - MS / 100, 7 * MS + MS / 100);
    }

    @Test
    void aRepeatedRuleAtOneDispatcherDoesNotStandInForAnother() {
        SessionTracker t = tracker(2);
        long k = key(t, t.start(0, 0));
        t.packetOut(0, k, MS);
        t.sessionRule(0, k, MS);
        t.sessionRule(0, k, 2 * MS);
        assertThat(t.counts().completed).isZero();
        assertThat(t.counts().duplicateSessionRules).isEqualTo(1);
    }

    @Test
    void aPacketOutAtAnotherDispatcherIsMisdirected() {
        SessionTracker t = tracker(2);
        long k = key(t, t.start(0, 0));
        t.packetOut(1, k, MS);
        t.sessionRule(0, k, MS);
        t.sessionRule(1, k, MS);
        assertThat(t.counts().completed).isZero();
        assertThat(t.counts().misdirectedPacketOuts).isEqualTo(1);
    }

    @Test
    void messagesForUnknownOrFinishedSessionsAreStray() {
        SessionTracker t = tracker(1);
        long k = key(t, t.start(0, 0));
        t.packetOut(0, k, MS);
        t.sessionRule(0, k, MS);
        assertThat(t.counts().completed).isEqualTo(1);

        t.sessionRule(0, k, 2 * MS); // after completion
        t.packetOut(0, key(t, 5), MS); // never started
        t.packetOut(0, ClientKeys.of(0x0a000001, 80), MS); // not an emulated client
        assertThat(t.counts().unmatchedSessionRules).isEqualTo(1);
        assertThat(t.counts().unmatchedPacketOuts).isEqualTo(2);
    }

    @Test
    void sessionsExpireAfterTheTimeoutAndAreCountedByWhatWasMissing() {
        SessionTracker t = tracker(2);
        long a = key(t, t.start(0, 0));
        long b = key(t, t.start(1, MS));
        t.start(0, 2 * MS);
        t.packetOut(0, a, 3 * MS);
        t.sessionRule(0, a, 3 * MS);
        t.sessionRule(0, b, 3 * MS);

        t.expireOlderThanTimeout(TIMEOUT);
        assertThat(t.counts().incomplete()).isEqualTo(1); // only the session sent at 0 is old enough
        t.expireOlderThanTimeout(TIMEOUT + 2 * MS);
        assertThat(t.counts().incompleteWithoutAllRules).isEqualTo(1);
        assertThat(t.counts().incompleteWithoutPacketOut).isEqualTo(2);
        assertThat(t.counts().incompleteWithSomeRules).isEqualTo(2);
        assertThat(t.inFlight()).isZero();
        assertThat(ended).hasSize(3);

        t.sessionRule(1, a, TIMEOUT + 3 * MS); // too late
        assertThat(t.counts().completed).isZero();
        assertThat(t.counts().unmatchedSessionRules).isEqualTo(1);
    }

    @Test
    void onlySessionsSentInTheWindowAreReported() {
        SessionTracker t = new SessionTracker(1, 0, 64, TIMEOUT);
        t.window(10 * MS, 20 * MS);
        long warm = key(t, t.start(0, 5 * MS));
        long measured = key(t, t.start(0, 12 * MS));
        long late = key(t, t.start(0, 20 * MS));
        for (long k : new long[] {warm, measured, late}) {
            t.packetOut(0, k, 15 * MS);
            t.sessionRule(0, k, 15 * MS);
        }
        assertThat(t.counts().sent).isEqualTo(1);
        assertThat(t.counts().completed).isEqualTo(1);
        assertThat(t.packetOutLatency().getTotalCount()).isEqualTo(1);
        assertThat(t.counts().completedInWindow).isEqualTo(3); // completions at 15 ms, whoever sent them
    }

    @Test
    void setUpCountsEverySessionTheControllerHoldsWarmUpIncluded() {
        SessionTracker t = new SessionTracker(2, 0, 64, TIMEOUT);
        t.window(10 * MS, 20 * MS);
        long warm = key(t, t.start(0, 5 * MS));
        long measured = key(t, t.start(1, 12 * MS));
        long never = key(t, t.start(0, 13 * MS));
        for (long k : new long[] {warm, measured}) {
            t.sessionRule(0, k, k == warm ? 8 * MS : 25 * MS);
            t.sessionRule(1, k, k == warm ? 8 * MS : 25 * MS);
        }
        t.packetOut(0, warm, 8 * MS); // set up before the window opened
        t.packetOut(1, measured, 25 * MS); // set up after it closed
        t.packetOut(0, never, 14 * MS); // no rules: never set up
        t.expireAll(30 * MS);

        assertThat(t.counts().setUp).isEqualTo(2);
        assertThat(t.counts().completed).isEqualTo(1);
        assertThat(t.counts().completedInWindow).isZero();
        assertThat(t.started()).isEqualTo(3);
    }

    @Test
    void aFullRingExpiresItsOldestSessionToMakeRoom() {
        SessionTracker t = new SessionTracker(1, 0, 4, Long.MAX_VALUE);
        t.window(0, Long.MAX_VALUE);
        long first = key(t, t.start(0, 0));
        for (int i = 1; i < 4; i++) {
            t.start(0, i);
        }
        long fifth = key(t, t.start(0, 4));
        assertThat(t.counts().incompleteWithoutPacketOut).isEqualTo(1);
        t.packetOut(0, first, 5);
        assertThat(t.counts().unmatchedPacketOuts).isEqualTo(1);
        t.packetOut(0, fifth, 5);
        t.sessionRule(0, fifth, 5);
        assertThat(t.counts().completed).isEqualTo(1);
        assertThat(t.inFlight()).isEqualTo(3);
    }

    @Test
    void thirtyTwoDispatchersUseEveryBitOfTheMask() {
        SessionTracker t = tracker(32);
        long k = key(t, t.start(31, 0));
        t.packetOut(31, k, MS);
        for (int d = 0; d < 32; d++) {
            assertThat(t.counts().completed).isZero();
            t.sessionRule(d, k, MS);
        }
        assertThat(t.counts().completed).isEqualTo(1);
    }

    @Test
    void startsAtTheFirstClientIndex() {
        SessionTracker t = new SessionTracker(1, 5_000_000, 16, TIMEOUT);
        long seq = t.start(0, 0);
        assertThat(t.clientOf(seq)).isEqualTo(5_000_000);
        long k = key(t, seq);
        t.packetOut(0, k, 1);
        t.sessionRule(0, k, 1);
        assertThat(t.inFlight()).isZero();
    }
}
