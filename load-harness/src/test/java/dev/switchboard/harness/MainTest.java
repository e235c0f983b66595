package dev.switchboard.harness;

import dev.switchboard.harness.config.ConfigReader;
import dev.switchboard.harness.report.ResultFiles;
import dev.switchboard.harness.report.Results;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: generate-config, run against a fake controller, plot, and usage errors. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generateConfigWritesAFileTheRunCanRead() throws Exception {
        Path file = dir.resolve("k5.json");
        assertThat(Main.execute("generate-config", "--dispatchers", "5", "--openflow-port", "6700", "--out",
                file.toString())).isZero();
        assertThat(ConfigReader.read(file).dispatchers()).hasSize(5);
        assertThat(ConfigReader.read(file).controllerPort()).isEqualTo(6700);
    }

    @Test
    void runMeasuresAgainstAControllerAndWritesTheResult() throws Exception {
        Path config = dir.resolve("k2.json");
        Path json = dir.resolve("out/result.json");
        AnsweringController answers = AnsweringController.complete(List.of(0x201L, 0x202L));
        try (FakeController controller = new FakeController(answers)) {
            Main.execute("generate-config", "-k", "2", "--openflow-port",
                    Integer.toString(controller.address().getPort()), "-o", config.toString());
            int code = Main.execute("run", "--config", config.toString(), "--outstanding", "8", "--sessions", "200",
                    "--settle", "100", "--label", "cli test", "--json", json.toString());
            assertThat(code).as(err()).isZero();
        }
        var result = ResultFiles.read(json);
        assertThat(result.label()).isEqualTo("cli test");
        assertThat(result.setup().mode()).isEqualTo("closed-loop");
        assertThat(result.setup().dispatchers()).isEqualTo(2);
        assertThat(result.sessions().completed()).isEqualTo(200);
        assertThat(result.command()).contains("--outstanding 8");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("setup rate").contains("result written to");
    }

    @Test
    void heapHistogramMeasuresTheLiveHeapPerSessionOfTheControllerProcess() throws Exception {
        Path config = dir.resolve("k2.json");
        Path json = dir.resolve("heap.json");
        AnsweringController answers = AnsweringController.complete(List.of(0x201L, 0x202L));
        // The fake controller runs in this JVM, so this JVM is the process whose heap the histograms measure.
        String pid = Long.toString(ProcessHandle.current().pid());
        try (FakeController controller = new FakeController(answers)) {
            Main.execute("generate-config", "-k", "2", "--openflow-port",
                    Integer.toString(controller.address().getPort()), "-o", config.toString());
            int code = Main.execute("run", "--config", config.toString(), "--outstanding", "8", "--sessions", "300",
                    "--warmup", "0", "--settle", "100", "--controller-pid", pid, "--heap-histogram",
                    "--json", json.toString());
            assertThat(code).as(err()).isZero();
        }
        var heap = ResultFiles.read(json).heap();
        assertThat(heap).as(err()).isNotNull();
        assertThat(heap.sessions()).isEqualTo(300);
        assertThat(heap.sessionsSent()).isEqualTo(300);
        assertThat(heap.idleBytes()).isPositive();
        assertThat(heap.loadedBytes()).isPositive();
        assertThat(heap.bytesPerSession()).isEqualTo((heap.loadedBytes() - heap.idleBytes()) / 300.0);
        assertThat(heap.top()).hasSize(10);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("300 live sessions:").contains("bytes/session");
    }

    @Test
    void plotWritesTheThreeCharts() throws Exception {
        Path results = dir.resolve("results");
        for (int k = 1; k <= 3; k++) {
            ResultFiles.write(Results.of(k, 100_000 / k, 200 * k, "k=" + k), results.resolve("k" + k + ".json"));
        }
        Path pngs = dir.resolve("png");
        assertThat(Main.execute("plot", "--out-dir", pngs.toString(), "--width", "800", "--height", "450",
                results.toString())).as(err()).isZero();
        for (String name : List.of("setup-rate-vs-k.png", "latency-cdf.png", "replication-lag-cdf.png")) {
            var image = ImageIO.read(pngs.resolve(name).toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(450);
        }
    }

    @Test
    void usageErrorsSayWhatIsWrong() throws Exception {
        Path config = dir.resolve("c.json");
        Main.execute("generate-config", "-k", "1", "-o", config.toString());
        assertThat(Main.execute("run", "--config", config.toString(), "--duration", "1")).isEqualTo(2);
        assertThat(err()).contains("give exactly one of --rate (open loop) and --outstanding (closed loop)");
        assertThat(Main.execute("run", "--config", config.toString(), "--rate", "10")).isEqualTo(2);
        assertThat(err()).contains("give --duration or --sessions");
        assertThat(Main.execute("run", "--config", config.toString(), "--rate", "10", "--duration", "1",
                "--controller", "localhost")).isEqualTo(2);
        assertThat(err()).contains("--controller: 'localhost' is not HOST:PORT");
        assertThat(Main.execute("run", "--config", config.toString(), "--rate", "10", "--duration", "1",
                "--heap-histogram")).isEqualTo(2);
        assertThat(err()).contains("--heap-histogram needs --controller-pid");
        assertThat(Main.execute("plot", "--kind", "pie", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--kind: 'pie'");
        assertThat(Main.execute("run", "--config", dir.resolve("missing.json").toString(), "--rate", "1",
                "--duration", "1")).isEqualTo(1);
        assertThat(err()).contains("missing.json");
        assertThat(Main.execute()).isEqualTo(2);
    }

    @Test
    void aControllerThatIsNotThereFailsTheRunWithTheAddress() throws Exception {
        Path config = dir.resolve("c.json");
        Main.execute("generate-config", "-k", "1", "--openflow-port", "1", "-o", config.toString());
        assertThat(Main.execute("run", "--config", config.toString(), "--rate", "10", "--duration", "1",
                "--connect-timeout", "2")).isEqualTo(1);
        assertThat(err()).contains("cannot connect to the controller at").contains(":1");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1); // the configuration; no result file for a failed run
        }
    }
}
