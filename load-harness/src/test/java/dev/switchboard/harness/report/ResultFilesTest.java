package dev.switchboard.harness.report;

import dev.switchboard.harness.stats.HeapPerSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFilesTest {
    private static final HeapPerSession HEAP = new HeapPerSession(412L << 20, 644L << 20, 1_000_000, 1_000_000,
            243.1, List.of(new HeapPerSession.ClassDelta("[J", 231L << 20, 12),
                    new HeapPerSession.ClassDelta("dev.switchboard.dispatch.SessionEntry", 640_000, 20_000),
                    new HeapPerSession.ClassDelta("[B", -4096, -3)));

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
                r.switches(), r.controller(), r.heap());
        assertThat(SummaryText.of(late)).contains("60 packet-outs and 180 session rules for no session in flight")
                .contains("fell behind");
        assertThat(SummaryText.micros(850)).isEqualTo("850 us");
        assertThat(SummaryText.micros(1270)).isEqualTo("1.27 ms");
        assertThat(SummaryText.micros(2_300_000)).isEqualTo("2.30 s");
    }

    private static RunResult withHeap(RunResult r, HeapPerSession heap) {
        return new RunResult(r.tool(), r.version(), r.startedAt(), r.label(), r.command(), r.machine(), r.setup(),
                r.sessions(), r.packetInToPacketOut(), r.setupLatency(), r.replicationLag(), r.stray(),
                r.switches(), r.controller(), heap);
    }

    @Test
    void theHeapPerSessionSurvivesTheRoundTrip() throws Exception {
        Path file = dir.resolve("heap.json");
        ResultFiles.write(withHeap(Results.of(1, 50_000, 800, "heap"), HEAP), file);
        assertThat(ResultFiles.read(file).heap()).isEqualTo(HEAP);
    }

    @Test
    void aFileWrittenBeforeTheHeapSectionExistedReadsWithoutIt() throws Exception {
        Path file = dir.resolve("old.json");
        ResultFiles.write(Results.of(3, 98_765, 800, "old"), file);
        assertThat(Files.readString(file)).doesNotContain("\"heap\"");
        RunResult back = ResultFiles.read(file);
        assertThat(back.heap()).isNull();
        assertThat(SummaryText.of(back)).doesNotContain("bytes/session");
    }

    @Test
    void theSummaryShowsTheHeapPerSessionAndItsTopClasses() {
        String text = SummaryText.of(withHeap(Results.of(1, 50_000, 800, "heap"), HEAP));
        assertThat(text).contains("heap             1,000,000 live sessions: 243.1 bytes/session (live heap 412 MiB "
                + "-> 644 MiB, from class histograms); top: [J +231 MiB, dev.switchboard.dispatch.SessionEntry "
                + "+625 KiB, [B -4096 B");
        assertThat(text).doesNotContain("never completed at the harness");

        HeapPerSession partial = new HeapPerSession(1L << 20, 2L << 20, 900, 1000, 1165.1, List.of());
        assertThat(SummaryText.of(withHeap(Results.of(1, 50_000, 800, "heap"), partial)))
                .contains("100 requests never completed at the harness");
        HeapPerSession none = new HeapPerSession(1L << 20, 1L << 20, 0, 0, Double.NaN, List.of());
        assertThat(SummaryText.of(withHeap(Results.of(1, 50_000, 800, "heap"), none)))
                .contains("0 live sessions: n/a (no sessions)");
    }
}
