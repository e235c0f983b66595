package dev.switchboard.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.switchboard.controller.rest.ApiFixture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller process starts its REST API with the OpenFlow server, and refuses to run without it. */
class MainRestTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a REST port that cannot be bound stops the controller with one line and exit code 1")
    void restPortTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            JsonObject config = ApiFixture.configJson();
            config.getAsJsonObject("rest").addProperty("port", taken.getLocalPort());
            Path file = dir.resolve("switchboard.json");
            Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"--config", file.toString()}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
            assertThat(code).isEqualTo(Main.EXIT_INVALID);
            assertThat(err.toString().strip()).doesNotContain("\n")
                    .startsWith("cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    @DisplayName("--check names where the REST API will listen")
    void checkNamesTheApi() throws Exception {
        Path file = dir.resolve("switchboard.json");
        Files.writeString(file, ApiFixture.configJson().toString(), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"--config", file.toString(), "--check"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).contains("REST API on 127.0.0.1:0");
    }
}
