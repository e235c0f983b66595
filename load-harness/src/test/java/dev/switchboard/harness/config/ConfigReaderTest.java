package dev.switchboard.harness.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's tolerant reading of the controller configuration (docs/config.md). */
class ConfigReaderTest {
    /** The example of docs/config.md. */
    static final String EXAMPLE = """
            {
              "openflow":   { "listen": "127.0.0.1", "port": 6653 },
              "rest":       { "listen": "127.0.0.1", "port": 8181, "token": "change-me" },
              "dispatch":   { "strategy": "least-load", "lockTtlMillis": 2000, "idleTimeoutSeconds": 60,
                              "finLingerMillis": 200, "fallback": "drop" },
              "router": {
                "dpid": "0x100",
                "clientPorts": [1, 2],
                "gateway": { "ip": "192.0.2.1", "mac": "02:5b:00:00:00:01" },
                "trunk": { "mode": "flow-hash",
                           "links": [ { "dispatcher": 1, "port": 3 }, { "dispatcher": 2, "port": 4 },
                                      { "dispatcher": 3, "port": 5 } ] }
              },
              "dispatchers": [
                { "id": 1, "dpid": "0x201", "trunkPort": 1, "sanPort": 2, "sanSwitchPort": 1 },
                { "id": 2, "dpid": "0x202", "trunkPort": 1, "sanPort": 2, "sanSwitchPort": 2 },
                { "id": 3, "dpid": "0x203", "trunkPort": 1, "sanPort": 2, "sanSwitchPort": 3 }
              ],
              "san": { "dpid": "0x300", "gateway": { "ip": "203.0.113.1", "mac": "02:5b:00:00:00:02" } },
              "servers": [
                { "name": "web-1", "ip": "203.0.113.11", "mac": "02:00:00:00:0b:01", "sanSwitchPort": 4, "weight": 1 }
              ],
              "groups":   [ { "name": "web", "servers": ["web-1"] } ],
              "services": [ { "name": "web", "vip": "198.51.100.10", "protocol": "tcp", "port": 80, "group": "web" } ]
            }
            """;

    @Test
    void readsTheSwitchesPortsAndServicesOfTheDocumentedExample() {
        HarnessConfig c = ConfigReader.parse(EXAMPLE);
        assertThat(c.controllerHost()).isEqualTo("127.0.0.1");
        assertThat(c.controllerPort()).isEqualTo(6653);
        assertThat(c.routerDpid()).isEqualTo(0x100);
        assertThat(c.routerPorts()).containsExactly(1, 2, 3, 4, 5);
        assertThat(c.routerGatewayMac()).isEqualTo(0x025b_0000_0001L);
        assertThat(c.dispatchers()).containsExactly(new DispatcherSpec(1, 0x201, 1, 2, 1),
                new DispatcherSpec(2, 0x202, 1, 2, 2), new DispatcherSpec(3, 0x203, 1, 2, 3));
        assertThat(c.sanDpid()).contains(0x300L);
        assertThat(c.sanPorts()).containsExactly(1, 2, 3, 4);
        assertThat(c.service(null)).isEqualTo(new ServiceSpec("web", 0xc633640a, "tcp", 80));
        assertThat(c.firstDispatchers(2)).extracting(DispatcherSpec::id).containsExactly(1, 2);
    }

    @Test
    void ignoresFieldsItDoesNotNeedAndAppliesDefaults() {
        HarnessConfig c = ConfigReader.parse("""
                {"future": {"x": 1},
                 "router": {"dpid": 256, "newField": true},
                 "dispatchers": [{"id": 1, "dpid": "513", "trunkPort": 1, "sanPort": 2, "extra": "ok"}],
                 "services": [{"name": "dns", "vip": "198.51.100.10", "protocol": "udp", "port": 53},
                              {"name": "web", "vip": "198.51.100.11", "protocol": "tcp", "port": 80}]}
                """);
        assertThat(c.controllerPort()).isEqualTo(HarnessConfig.DEFAULT_PORT);
        assertThat(c.routerDpid()).isEqualTo(256);
        assertThat(c.routerPorts()).isEmpty();
        assertThat(c.dispatchers().get(0).dpid()).isEqualTo(513);
        assertThat(c.sanDpid()).isEqualTo(Optional.empty());
        assertThat(c.service(null).name()).isEqualTo("web"); // the first TCP service
    }

    @Test
    void errorsNameTheFieldAndTheValue() {
        assertThatThrownBy(() -> ConfigReader.parse("{\"dispatchers\": []}")).hasMessage("router: is required");
        assertThatThrownBy(() -> ConfigReader.parse(EXAMPLE.replace("\"0x202\"", "\"0xzz\"")))
                .hasMessage("dispatchers[1].dpid: '0xzz' is not a datapath id (0x hex or decimal)");
        assertThatThrownBy(() -> ConfigReader.parse(EXAMPLE.replace("\"0x203\"", "\"0x201\"")))
                .hasMessage("dispatchers[2].dpid: 0x201 is used by another switch");
        assertThatThrownBy(() -> ConfigReader.parse(EXAMPLE.replace("198.51.100.10", "198.51.100.300")))
                .hasMessage("services[0].vip: '198.51.100.300' is not an IPv4 address");
        assertThatThrownBy(() -> ConfigReader.parse(EXAMPLE.replace("\"port\": 80", "\"port\": 80.5")))
                .hasMessage("services[0].port: 80.5 is not an integer in 1..65535");
        assertThatThrownBy(() -> ConfigReader.parse(EXAMPLE.replace("\"tcp\"", "\"sctp\"")))
                .hasMessage("services[0].protocol: 'sctp' is not one of tcp, udp");
        assertThatThrownBy(() -> ConfigReader.parse("{\"router\": ")).hasMessageStartingWith("not valid JSON");
        HarnessConfig c = ConfigReader.parse(EXAMPLE);
        assertThatThrownBy(() -> c.firstDispatchers(4)).hasMessageContaining("--dispatchers 4")
                .hasMessageContaining("1..3");
        assertThatThrownBy(() -> c.service("api")).hasMessageContaining("no tcp service named 'api'");
    }

    @Test
    void generatedConfigurationsDescribeKDispatchersInTheDocumentedLayout() throws Exception {
        for (int k = 1; k <= 8; k++) {
            HarnessConfig c = ConfigReader.parse(ConfigGenerator.generate(k, 6653));
            assertThat(c.dispatchers()).hasSize(k);
            for (int d = 1; d <= k; d++) {
                assertThat(c.dispatchers().get(d - 1)).isEqualTo(new DispatcherSpec(d, 0x200 + d, 1, 2, d));
            }
            assertThat(c.routerDpid()).isEqualTo(0x100);
            assertThat(c.routerPorts()).hasSize(2 + k).startsWith(1, 2).endsWith(2 + k);
            assertThat(c.sanPorts()).hasSize(k + 5);
            assertThat(c.services()).extracting(ServiceSpec::port).containsExactly(80, 8080);
        }
        assertThatThrownBy(() -> ConfigGenerator.generate(0, 6653)).hasMessageContaining("dispatchers: 0");
        assertThatThrownBy(() -> ConfigGenerator.generate(33, 6653)).hasMessageContaining("1..32");
    }

    @Test
    void readsFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, ConfigGenerator.generate(3, 7000));
        HarnessConfig c = ConfigReader.read(file);
        assertThat(c.controllerPort()).isEqualTo(7000);
        assertThat(c.dispatchers()).extracting(DispatcherSpec::dpid).isEqualTo(List.of(0x201L, 0x202L, 0x203L));
    }
}
