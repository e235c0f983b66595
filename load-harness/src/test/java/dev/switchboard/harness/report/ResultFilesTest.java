package dev.switchboard.harness.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFilesTest {
    @TempDir
    Path dir;

    @Test
    void aResultSurvivesTheRoundTripThroughJson() throws Exception {
        RunResult r = Results.of(3, 98_765, 800, "k=3 rate=50000");
        Path file = dir.resolve("sub/run.json");
        ResultFiles.write(r, file);
        RunResult back = ResultFiles.read(file);
        assertThat(back.setup()).isEqualTo(r.setup());
        assertThat(back.sessions()).isEqualTo(r.sessions());
        assertThat(back.packetInToPacketOut().p99Micros()).isEqualTo(r.packetInToPacketOut().p99Micros());
        assertThat(back.packetInToPacketOut().cdf()).hasSameSizeAs(r.packetInToPacketOut().cdf());
        assertThat(back.packetInToPacketOut().cdf().get(10)).containsExactly(r.packetInToPacketOut().cdf().get(10));
        assertThat(back.switches()).isEqualTo(r.switches());
        assertThat(back.controller()).isNull();
        assertThat(Files.readString(file)).contains("\"setupRatePerSecond\": 98765.0");
    }

    @Test
    void aFileThatIsNoResultIsRejectedByName() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"name\": \"x\"}");
        assertThatThrownBy(() -> ResultFiles.read(file)).hasMessageContaining("other.json")
                .hasMessageContaining("not a harness result");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> ResultFiles.read(file)).hasMessageContaining("other.json");
    }

    @Test
    void theSummaryNamesTheHeadlineFigures() {
        String text = SummaryText.of(Results.of(3, 98_765, 800, "k=3 rate=50000"));
        assertThat(text).contains("98,765 sessions/s").contains("p99").contains("replication lag")
                .contains("k=3 rate=50000");
        assertThat(text).doesNotContain("fell behind");
        RunResult r = Results.of(3, 10, 800, "late");
        RunResult late = new RunResult(r.tool(), r.version(), r.startedAt(), r.label(), r.command(), r.machine(),
                r.setup(), new RunResult.Sessions(100, 0, 100, 40, 40, 60, 60, 0, 0, 1, 40, 100),
                r.packetInToPacketOut(), r.setupLatency(), r.replicationLag(), new RunResult.Stray(60, 0, 0, 180, 0),
                r.switches(), r.controller());
        assertThat(SummaryText.of(late)).contains("60 packet-outs and 180 session rules for no session in flight")
                .contains("fell behind");
        assertThat(SummaryText.micros(850)).isEqualTo("850 us");
        assertThat(SummaryText.micros(1270)).isEqualTo("1.27 ms");
        assertThat(SummaryText.micros(2_300_000)).isEqualTo("2.30 s");
    }
}
