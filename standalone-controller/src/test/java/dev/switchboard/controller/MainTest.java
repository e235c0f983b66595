package dev.switchboard.controller;

import dev.switchboard.controller.config.ConfigLoader;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.openflow.SwitchListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("switchboard.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static String base() throws IOException {
        try (InputStream in = MainTest.class.getResourceAsStream("/config/base.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void checkAcceptsAValidFile() throws Exception {
        Path file = write(base());
        assertThat(run("--config", file.toString(), "--check")).isZero();
        assertThat(out.toString()).contains("is valid").contains("3 dispatchers, 3 servers");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void checkRejectsABadFileWithOneLineNamingTheField() throws Exception {
        Path file = write(base().replace("203.0.113.21", "10.0.0.300"));
        assertThat(run("--config", file.toString(), "--check")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("servers[2].ip: '10.0.0.300' is not an IPv4 address");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadFileStopsTheControllerBeforeAnythingStarts() throws Exception {
        Path file = write(base().replace("\"least-load\"", "\"fastest\""));
        // Without --check a valid file would start the server and block; a bad one returns at once.
        assertThat(run("--config", file.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("dispatch.strategy: 'fastest'");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThat(run("--config", missing.toString(), "--check")).isEqualTo(1);
        assertThat(err.toString()).contains(missing + ": no such file");
    }

    @Test
    void theConfigOptionIsRequired() {
        assertThat(run("--check")).isEqualTo(2);
        assertThat(err.toString()).contains("--config");
    }

    @Test
    void theRuntimeServesSwitchesThroughTheGivenListener() throws Exception {
        SwitchboardConfig config = ConfigLoader.parse(base().replace("\"port\": 6653", "\"port\": 0"));
        BlockingQueue<SwitchConnection> connected = new LinkedBlockingQueue<>();
        try (ControllerRuntime runtime = new ControllerRuntime(config)) {
            assertThat(runtime.catalog().servers()).hasSize(3);
            InetSocketAddress address = runtime.start(new SwitchListener() {
                @Override
                public void switchDisconnected(SwitchConnection connection) {
                    connected.add(connection);
                }
            });
            assertThat(address.getPort()).isPositive();
            assertThat(runtime.openFlowAddress()).isEqualTo(address);
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.setSoTimeout(5000);
                // Garbage gets the connection closed: proof that the OpenFlow pipeline serves this port.
                socket.getOutputStream().write("hello?".getBytes(StandardCharsets.US_ASCII));
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(runtime.registry().size()).isZero();
        }
        assertThat(connected.poll(100, TimeUnit.MILLISECONDS)).as("never READY, never reported").isNull();
    }
}
