package dev.switchboard.harness.stats;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live heap per session from two class histograms. */
class HeapPerSessionTest {
    private static ClassHistogram histogram(Object... nameInstancesBytes) {
        Map<String, ClassHistogram.Row> classes = new LinkedHashMap<>();
        long instances = 0;
        long bytes = 0;
        for (int i = 0; i < nameInstancesBytes.length; i += 3) {
            ClassHistogram.Row r = new ClassHistogram.Row((Long) nameInstancesBytes[i + 1],
                    (Long) nameInstancesBytes[i + 2]);
            classes.put((String) nameInstancesBytes[i], r);
            instances += r.instances();
            bytes += r.bytes();
        }
        return new ClassHistogram(classes, instances, bytes);
    }

    @Test
    void theGrowthOfTheLiveHeapIsSharedByTheSessionsAndTheTopClassesExplainIt() {
        ClassHistogram before = histogram("[B", 100L, 40_000L, "[J", 10L, 1_000L, "java.lang.String", 50L, 1_200L);
        ClassHistogram after = histogram("[J", 12L, 8_001_000L, "[B", 90L, 36_000L, "java.lang.String", 50L, 1_200L,
                "dev.switchboard.dispatch.SessionEntry", 100_000L, 2_400_000L);
        HeapPerSession h = HeapPerSession.of(before, after, 100_000, 100_100);

        assertThat(h.idleBytes()).isEqualTo(42_200);
        assertThat(h.loadedBytes()).isEqualTo(10_438_200);
        assertThat(h.sessions()).isEqualTo(100_000);
        assertThat(h.sessionsSent()).isEqualTo(100_100);
        assertThat(h.bytesPerSession()).isEqualTo((10_438_200 - 42_200) / 100_000.0);
        assertThat(h.top()).containsExactly(
                new HeapPerSession.ClassDelta("[J", 8_000_000, 2),
                new HeapPerSession.ClassDelta("dev.switchboard.dispatch.SessionEntry", 2_400_000, 100_000),
                new HeapPerSession.ClassDelta("java.lang.String", 0, 0),
                new HeapPerSession.ClassDelta("[B", -4_000, -10));
    }

    @Test
    void aClassThatVanishedCountsAsShrunkAndOnlyTheTopTenAreKept() {
        Object[] many = new Object[3 * 15];
        for (int i = 0; i < 15; i++) {
            many[3 * i] = "C" + i;
            many[3 * i + 1] = 1L;
            many[3 * i + 2] = 16L * (i + 1);
        }
        ClassHistogram before = histogram("Gone", 5L, 500L);
        HeapPerSession h = HeapPerSession.of(before, histogram(many), 0, 0);

        assertThat(h.top()).hasSize(HeapPerSession.TOP);
        assertThat(h.top().get(0)).isEqualTo(new HeapPerSession.ClassDelta("C14", 240, 1));
        assertThat(h.top()).extracting(HeapPerSession.ClassDelta::className).doesNotContain("Gone", "C0");
        assertThat(h.bytesPerSession()).isNaN();

        HeapPerSession reversed = HeapPerSession.of(histogram(many), before, 10, 10);
        assertThat(reversed.top().get(0)).isEqualTo(new HeapPerSession.ClassDelta("Gone", 500, 5));
        assertThat(reversed.top().get(1)).isEqualTo(new HeapPerSession.ClassDelta("C0", -16, -1));
    }
}
