package dev.switchboard.harness.stats;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing {@code jcmd PID GC.class_histogram}, on a histogram captured from the idle controller on JDK 17. */
class ClassHistogramTest {
    private static final String SMALL = """
            4711:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:        100000       80000000  [J (java.base@17.0.15)
               2:          5000         120000  dev.switchboard.dispatch.SessionEntry
               3:            10            240  dev.switchboard.dispatch.SessionEntry
               4:             2             64  io.netty.Foo$$Lambda$23/0x00007fb9b8018c90 (some.module)
            Total        105012       80120304
            """;

    private static String captured() throws IOException {
        try (InputStream in = ClassHistogramTest.class.getResourceAsStream("class-histogram-jdk17.txt")) {
            assertThat(in).as("test resource class-histogram-jdk17.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCapturedJdk17HistogramParsesToItsTotalLine() throws IOException {
        ClassHistogram h = ClassHistogram.parse(captured());
        // The figures of the sample's own "Total" line and of its rows, as jcmd printed them.
        assertThat(h.totalInstances()).isEqualTo(76_128);
        assertThat(h.totalBytes()).isEqualTo(7_500_920);
        assertThat(h.classes().get("[B")).isEqualTo(new ClassHistogram.Row(17_255, 4_537_440));
        assertThat(h.classes().get("io.netty.buffer.PoolSubpage")).isEqualTo(new ClassHistogram.Row(312, 22_464));
        assertThat(h.classes().keySet()).first().isEqualTo("[B");
        assertThat(h.classes().keySet()).allMatch(name -> !name.contains(" ") && !name.contains("("));
    }

    @Test
    void rowsWithAndWithoutModuleParseAndOneNameFromSeveralLoadersIsSummed() {
        ClassHistogram h = ClassHistogram.parse(SMALL);
        assertThat(h.classes()).containsOnlyKeys("[J", "dev.switchboard.dispatch.SessionEntry",
                "io.netty.Foo$$Lambda$23/0x00007fb9b8018c90");
        assertThat(h.classes().get("dev.switchboard.dispatch.SessionEntry"))
                .isEqualTo(new ClassHistogram.Row(5010, 120_240));
        assertThat(h.totalBytes()).isEqualTo(80_120_304);
        assertThat(ClassHistogram.parse(SMALL.replace("\n", "\r\n")).classes()).isEqualTo(h.classes());
    }

    @Test
    void truncatedOutputIsRejected() throws IOException {
        String text = captured();
        String withoutTotal = text.substring(0, text.indexOf("Total"));
        assertThatThrownBy(() -> ClassHistogram.parse(withoutTotal)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Total line");
        String missingRow = SMALL.replace("   2:          5000         120000  dev.switchboard.dispatch.SessionEntry\n",
                "");
        assertThatThrownBy(() -> ClassHistogram.parse(missingRow)).hasMessageContaining("add up to 100012 instances")
                .hasMessageContaining("105012");
    }

    @Test
    void somethingElseThanAHistogramIsRejectedNamingTheLine() {
        String attachFailure = "4711:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file\n";
        assertThatThrownBy(() -> ClassHistogram.parse(attachFailure))
                .hasMessageContaining("line 2").hasMessageContaining("AttachNotSupportedException");
        assertThatThrownBy(() -> ClassHistogram.parse("")).hasMessageContaining("no Total line");
        assertThatThrownBy(() -> ClassHistogram.parse("Total 0 0\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> ClassHistogram.parse(SMALL + "   5:   1   16  late.Row\n"))
                .hasMessageContaining("follows the Total line");
        assertThatThrownBy(() -> ClassHistogram.parse(SMALL.replace("80000000", "8e7")))
                .hasMessageContaining("line 4");
    }
}
