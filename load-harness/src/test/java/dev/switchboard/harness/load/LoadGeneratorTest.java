package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.PacketInTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Pacing, round-robin and backpressure of the generator, on embedded channels with a controllable clock. */
class LoadGeneratorTest {
    private static final PacketInTemplate TEMPLATE = new PacketInTemplate(1, OFPacketInReason.NO_MATCH, 0,
            0x025b_0000_0001L, 0xc633640a, 80);

    private static int packetIns(EmbeddedChannel ch) {
        int n = 0;
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            assertThat(buf.readableBytes() % TEMPLATE.length()).isZero();
            n += buf.readableBytes() / TEMPLATE.length();
            buf.release();
        }
        return n;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void closedLoopSkipsAFullConnectionInsteadOfSpinning() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        b.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        SessionTracker tracker = new SessionTracker(2, 0, 64, TimeUnit.SECONDS.toNanos(5));
        LoadPlan plan = new LoadPlan(0, 4, Duration.ZERO, null, 100, Duration.ofSeconds(5), Duration.ofMillis(1));
        LoadGenerator generator = new LoadGenerator(a.eventLoop(), List.of(a, b), List.of(TEMPLATE, TEMPLATE),
                tracker, plan);
        generator.start();
        a.runPendingTasks();
        a.runScheduledPendingTasks();

        assertThat(packetIns(a)).isEqualTo(1);
        assertThat(packetIns(b)).isZero();
        assertThat(generator.skipped()).isEqualTo(1);
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void closedLoopKeepsTheWindowFullOverAllConnections() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        SessionTracker tracker = new SessionTracker(2, 0, 64, TimeUnit.SECONDS.toNanos(5));
        LoadPlan plan = new LoadPlan(0, 6, Duration.ZERO, null, 100, Duration.ofSeconds(5), Duration.ofMillis(1));
        LoadGenerator generator = new LoadGenerator(a.eventLoop(), List.of(a, b), List.of(TEMPLATE, TEMPLATE),
                tracker, plan);
        generator.start();
        a.runPendingTasks();
        a.runScheduledPendingTasks();
        assertThat(packetIns(a)).isEqualTo(3);
        assertThat(packetIns(b)).isEqualTo(3);
        assertThat(tracker.inFlight()).isEqualTo(6);
        assertThat(generator.offered()).isEqualTo(6);
    }
}
