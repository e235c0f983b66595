package dev.switchboard.harness.load;

import dev.switchboard.harness.AnsweringController;
import dev.switchboard.harness.FakeController;
import dev.switchboard.harness.config.ConfigGenerator;
import dev.switchboard.harness.config.ConfigReader;
import dev.switchboard.harness.config.HarnessConfig;
import dev.switchboard.harness.openflow.SwitchCounters;
import dev.switchboard.harness.report.RunResult;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Whole runs against fake controllers over loopback: a session counts as set up only when the ingress dispatcher
 * got the packet-out and all k dispatchers got the session rule.
 */
class SessionAccountingTest {
    private static final List<Long> DISPATCHERS = List.of(0x201L, 0x202L, 0x203L);

    private static RunResult run(FakeController controller, LoadPlan plan) throws InterruptedException {
        HarnessConfig config = ConfigReader.parse(ConfigGenerator.generate(3, controller.address().getPort()));
        RunOptions options = new RunOptions(controller.address(), 3, null, plan, 0, Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), true, true, OFPacketInReason.NO_MATCH, null, false,
                null, "test", "generated");
        return LoadRun.run(config, options);
    }

    private static LoadPlan closedLoop(int outstanding, long sessions) {
        return new LoadPlan(0, outstanding, Duration.ZERO, null, sessions, Duration.ofSeconds(5),
                Duration.ofMillis(1));
    }

    private static LoadPlan openLoop(double rate, long sessions, Duration timeout) {
        return new LoadPlan(rate, 0, Duration.ZERO, null, sessions, timeout, Duration.ofMillis(1));
    }

    @Test
    void closedLoopSetsUpEverySessionThatGetsItsPacketOutAndAllRules() throws Exception {
        AnsweringController answers = AnsweringController.complete(DISPATCHERS);
        try (FakeController controller = new FakeController(answers)) {
            RunResult r = run(controller, closedLoop(16, 300));

            assertThat(answers.packetIns()).isEqualTo(300);
            assertThat(r.sessions().sent()).isEqualTo(300);
            assertThat(r.sessions().completed()).isEqualTo(300);
            assertThat(r.sessions().incomplete()).isZero();
            assertThat(r.packetInToPacketOut().count()).isEqualTo(300);
            assertThat(r.replicationLag().count()).isEqualTo(300);
            assertThat(r.setupLatency().count()).isEqualTo(300);
            assertThat(r.setupLatency().p50Micros()).isGreaterThanOrEqualTo(r.packetInToPacketOut().p50Micros());
            assertThat(r.stray().unmatchedPacketOuts() + r.stray().unmatchedSessionRules()
                    + r.stray().misdirectedPacketOuts()).isZero();
            assertThat(r.sessions().setupRatePerSecond()).isPositive();
            // Every dispatcher got every rule; the base rule after the handshake is no session rule.
            List<SwitchCounters.Snapshot> dispatchers = r.switches().stream()
                    .filter(s -> s.switchName().startsWith("dispatcher")).toList();
            assertThat(dispatchers).hasSize(3).allSatisfy(s -> {
                assertThat(s.sessionRules()).isEqualTo(300);
                assertThat(s.flowModAdd()).isEqualTo(301);
            });
            assertThat(r.switches()).extracting(SwitchCounters.Snapshot::switchName)
                    .contains("router 0x100", "san 0x300");
            assertThat(dispatchers.stream().mapToLong(SwitchCounters.Snapshot::packetOut).sum()).isEqualTo(300);
        }
    }

    @Test
    void openLoopSpreadsRequestsRoundRobinOverTheDispatchers() throws Exception {
        AnsweringController answers = AnsweringController.complete(DISPATCHERS);
        try (FakeController controller = new FakeController(answers)) {
            RunResult r = run(controller, openLoop(3000, 300, Duration.ofSeconds(5)));

            assertThat(r.sessions().completed()).isEqualTo(300);
            assertThat(r.sessions().incomplete()).isZero();
            assertThat(r.switches().stream().filter(s -> s.switchName().startsWith("dispatcher")))
                    .allSatisfy(s -> assertThat(s.packetOut()).isEqualTo(100));
        }
    }

    @Test
    void aSessionWhoseRuleMissesOneDispatcherNeverCompletes() throws Exception {
        AnsweringController answers = new AnsweringController(DISPATCHERS, 0x202L, false);
        try (FakeController controller = new FakeController(answers)) {
            RunResult r = run(controller, openLoop(2000, 100, Duration.ofMillis(300)));

            assertThat(answers.packetIns()).isEqualTo(100);
            assertThat(r.sessions().sent()).isEqualTo(100);
            assertThat(r.sessions().completed()).isZero();
            assertThat(r.sessions().incomplete()).isEqualTo(100);
            assertThat(r.sessions().incompleteWithoutAllRules()).isEqualTo(100);
            assertThat(r.sessions().incompleteWithSomeRules()).isEqualTo(100);
            assertThat(r.sessions().setupRatePerSecond()).isZero();
            // The packet-outs did arrive and are measured; no session had all k rules, so there is no lag.
            assertThat(r.packetInToPacketOut().count()).isEqualTo(100);
            assertThat(r.replicationLag().count()).isZero();
            assertThat(r.setupLatency().count()).isZero();
        }
    }

    @Test
    void aPacketOutAtAnotherDispatcherThanTheIngressDoesNotCount() throws Exception {
        AnsweringController answers = new AnsweringController(DISPATCHERS, -1, true);
        try (FakeController controller = new FakeController(answers)) {
            RunResult r = run(controller, openLoop(2000, 90, Duration.ofMillis(300)));

            assertThat(r.sessions().completed()).isZero();
            assertThat(r.sessions().incompleteWithoutPacketOut()).isEqualTo(90);
            assertThat(r.stray().misdirectedPacketOuts()).isEqualTo(90);
            assertThat(r.replicationLag().count()).isEqualTo(90);
        }
    }

    @Test
    void warmUpSessionsAreSetUpButNotReported() throws Exception {
        AnsweringController answers = AnsweringController.complete(DISPATCHERS);
        try (FakeController controller = new FakeController(answers)) {
            LoadPlan plan = new LoadPlan(1000, 0, Duration.ofMillis(200), null, 400, Duration.ofSeconds(5),
                    Duration.ofMillis(1));
            RunResult r = run(controller, plan);

            long measured = r.sessions().sent();
            assertThat(answers.packetIns()).isEqualTo(400);
            assertThat(measured).isBetween(1L, 399L);
            assertThat(r.sessions().completed()).isEqualTo(measured);
            assertThat(r.packetInToPacketOut().count()).isEqualTo(measured);
            assertThat(r.sessions().incomplete()).isZero();
        }
    }

    @Test
    void aTimedRunReportsTheRateOfTheMeasurementWindow() throws Exception {
        AnsweringController answers = AnsweringController.complete(DISPATCHERS);
        try (FakeController controller = new FakeController(answers)) {
            LoadPlan plan = new LoadPlan(500, 0, Duration.ofMillis(300), Duration.ofSeconds(1), Long.MAX_VALUE,
                    Duration.ofSeconds(2), Duration.ofMillis(1));
            RunResult r = run(controller, plan);

            assertThat(r.sessions().measuredSeconds()).isCloseTo(1.0, within(0.1));
            assertThat(r.sessions().sent()).isBetween(400L, 600L);
            assertThat(r.sessions().completed()).isEqualTo(r.sessions().sent());
            assertThat(r.sessions().setupRatePerSecond()).isBetween(350.0, 650.0);
            assertThat(r.setup().durationSeconds()).isEqualTo(1.0);
            assertThat(r.setup().warmupSeconds()).isEqualTo(0.3);
        }
    }
}
