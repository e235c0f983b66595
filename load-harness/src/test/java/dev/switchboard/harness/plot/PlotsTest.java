package dev.switchboard.harness.plot;

import dev.switchboard.harness.report.Results;
import dev.switchboard.harness.report.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The PNG charts: decodable, of the requested size, with something drawn where the data is. */
class PlotsTest {
    @TempDir
    Path dir;

    private static List<RunResult> runs() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 8; k++) {
            for (int run = 0; run < 3; run++) {
                runs.add(Results.of(k, 150_000 - k * 8_000 + run * 1_000, 300 + 100 * k, "k=" + k));
            }
        }
        return runs;
    }

    private static BufferedImage writeAndDecode(BufferedImage image, Path file) throws Exception {
        Png.write(image, file);
        BufferedImage decoded = ImageIO.read(file.toFile());
        assertThat(decoded).as("decodable PNG").isNotNull();
        return decoded;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void everyChartIsADecodablePngOfTheRequestedSize() throws Exception {
        List<RunResult> runs = runs();
        BufferedImage rate = writeAndDecode(Plots.setupRateVsK(runs, 100_000, 900, 500), dir.resolve("rate.png"));
        BufferedImage latency = writeAndDecode(Plots.latencyCdf(runs, 2000, true, 640, 480), dir.resolve("l.png"));
        BufferedImage lag = writeAndDecode(Plots.replicationLagCdf(runs, 5000, false, 1600, 1000),
                dir.resolve("sub/lag.png"));
        assertThat(rate.getWidth()).isEqualTo(900);
        assertThat(rate.getHeight()).isEqualTo(500);
        assertThat(latency.getWidth()).isEqualTo(640);
        assertThat(latency.getHeight()).isEqualTo(480);
        assertThat(lag.getWidth()).isEqualTo(1600);
        assertThat(lag.getHeight()).isEqualTo(1000);
        for (BufferedImage image : List.of(rate, latency, lag)) {
            assertThat(colours(image)).as("text, axes and curves, not a blank canvas").isGreaterThan(20);
        }
    }

    @Test
    void barsStandAtTheMedianRateOfEachK() throws Exception {
        List<RunResult> runs = List.of(Results.of(1, 100_000, 500, "a"), Results.of(1, 10_000, 500, "a"),
                Results.of(1, 60_000, 500, "a"), Results.of(2, 30_000, 500, "b"));
        BufferedImage image = writeAndDecode(Plots.setupRateVsK(runs, 0, 800, 600), dir.resolve("bars.png"));
        // The first bar's colour runs from the x axis up to the median (60k), not to the best run (100k).
        int barColour = ChartFrame.PALETTE[0].getRGB();
        int x = barCentre(image, 0, 2);
        int top = image.getHeight();
        int bottom = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if (image.getRGB(x, y) == barColour) {
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
            }
        }
        int x2 = barCentre(image, 1, 2);
        int top2 = image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            if (image.getRGB(x2, y) == barColour) {
                top2 = Math.min(top2, y);
            }
        }
        double heightFirst = bottom - top;
        double heightSecond = bottom - top2;
        assertThat(heightSecond / heightFirst).isCloseTo(30_000.0 / 60_000, within(0.03));
    }

    /** x of the middle of bar {@code i} of {@code n}, found from the bar colour along a row near the axis. */
    private static int barCentre(BufferedImage image, int i, int n) {
        int barColour = ChartFrame.PALETTE[0].getRGB();
        int row = image.getHeight() * 3 / 4;
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean bar = image.getRGB(x, row) == barColour;
            if (bar && start < 0) {
                start = x;
            } else if (!bar && start >= 0) {
                runs.add(new int[] {start, x - 1});
                start = -1;
            }
        }
        assertThat(runs).hasSize(n);
        return (runs.get(i)[0] + runs.get(i)[1]) / 2;
    }

    @Test
    void repeatedRunsOfOneLabelAreDrawnOnceByTheirMedianRun() {
        List<RunResult> runs = List.of(Results.of(3, 1, 100, "k=3"), Results.of(3, 1, 900, "k=3"),
                Results.of(3, 1, 400, "k=3"), Results.of(5, 1, 200, "k=5"));
        List<Series> series = Plots.series(runs, RunResult::packetInToPacketOut);
        assertThat(series).hasSize(2);
        assertThat(series.get(0).label()).startsWith("k=3").contains("median of 3");
        assertThat(series.get(0).points()).isEqualTo(runs.get(2).packetInToPacketOut().cdf());
        assertThat(series.get(1).label()).startsWith("k=5");
    }

    @Test
    void chartsWithoutDataStillRender() throws Exception {
        BufferedImage empty = writeAndDecode(Plots.latencyCdf(List.of(), 0, true, 400, 300), dir.resolve("e.png"));
        assertThat(empty.getWidth()).isEqualTo(400);
        BufferedImage noRates = writeAndDecode(Plots.setupRateVsK(List.of(), 0, 400, 300), dir.resolve("r.png"));
        assertThat(noRates.getHeight()).isEqualTo(300);
        assertThatThrownBy(() -> Plots.setupRateVsK(List.of(), 0, 50, 300)).hasMessageContaining("50x300");
    }

    @Test
    void axesPlaceTicksAtNiceValues() {
        assertThat(LinearAxis.niceStep(0.7)).isEqualTo(1);
        assertThat(LinearAxis.niceStep(13)).isEqualTo(20);
        assertThat(LinearAxis.niceStep(31_000)).isEqualTo(50_000);
        assertThat(LinearAxis.niceStep(20_500)).isEqualTo(25_000);
        LinearAxis linear = new LinearAxis(0, 123_000, 500, 100, Formats::count);
        assertThat(linear.max()).isEqualTo(125_000);
        assertThat(linear.ticks()).extracting(Axis.Tick::label).containsExactly("0", "25k", "50k", "75k", "100k",
                "125k");
        assertThat(linear.toPixel(0)).isEqualTo(500);
        assertThat(linear.toPixel(125_000)).isEqualTo(100);

        LogAxis log = new LogAxis(35, 2_500, 0, 300, Formats::micros);
        assertThat(log.ticks()).extracting(Axis.Tick::label).containsExactly("10 us", "100 us", "1 ms", "10 ms");
        assertThat(log.toPixel(100)).isCloseTo(100, within(1e-9));
        assertThat(log.minorTicks()).hasSize(24);

        TailAxis tail = new TailAxis(400, 0);
        assertThat(tail.toPixel(0)).isEqualTo(400);
        assertThat(tail.toPixel(0.99)).isCloseTo(400 - 2 * 80, within(1e-6));
        assertThat(tail.toPixel(1)).isEqualTo(0);
        assertThat(Formats.count(1_500_000)).isEqualTo("1.5M");
        assertThat(Formats.count3(351_610)).isEqualTo("352k");
        assertThat(Formats.count3(58_830)).isEqualTo("58.8k");
        assertThat(Formats.count3(1_234_567)).isEqualTo("1.23M");
        assertThat(Formats.count3(950)).isEqualTo("950");
        assertThat(Formats.micros(2500)).isEqualTo("2.5 ms");
    }
}
