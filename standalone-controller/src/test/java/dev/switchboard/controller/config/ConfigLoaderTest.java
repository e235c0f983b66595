package dev.switchboard.controller.config;

import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.rules.TrunkMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void readsEveryFieldOfTheBaseConfiguration() throws Exception {
        SwitchboardConfig config = ConfigFixture.base().parse();

        assertThat(config.openflow()).isEqualTo(new OpenFlowConfig("127.0.0.1", 6653));
        assertThat(config.rest()).isEqualTo(new RestConfig("127.0.0.1", 8181, "change-me"));
        assertThat(config.dispatch()).isEqualTo(new DispatchConfig(SelectionStrategy.LEAST_LOAD, 2000, 60, 200,
                FallbackPolicy.DROP, 4096, 3_000_000));
        assertThat(config.router().dpid()).isEqualTo(0x100);
        assertThat(config.router().clientPorts()).containsExactly(1, 2);
        assertThat(config.router().gateway())
                .isEqualTo(new GatewayConfig(Ipv4.parse("192.0.2.1"), MacAddress.parse("02:5b:00:00:00:01")));
        assertThat(config.router().trunk().mode()).isEqualTo(TrunkMode.FLOW_HASH);
        assertThat(config.router().trunk().portOf(2)).isEqualTo(4);
        assertThat(config.router().trunk().portOf(9)).isEqualTo(-1);
        assertThat(config.dispatchers()).containsExactly(
                new DispatcherConfig(1, 0x201, 1, 2, 1),
                new DispatcherConfig(2, 0x202, 1, 2, 2),
                new DispatcherConfig(3, 0x203, 1, 2, 3));
        assertThat(config.san().dpid()).isEqualTo(0x300);
        assertThat(config.servers().get(1))
                .isEqualTo(new ServerConfig("web-2", Ipv4.parse("203.0.113.12"),
                        MacAddress.parse("02:00:00:00:0b:02"), 5, 3));
        assertThat(config.servers().get(2).mac()).as("no mac: learned by ARP").isEqualTo(MacAddress.UNKNOWN);
        assertThat(config.servers().get(2).weight()).isEqualTo(ServerConfig.DEFAULT_WEIGHT);
        assertThat(config.groups().get(0)).isEqualTo(new GroupConfig("web", List.of("web-1", "web-2")));
        assertThat(config.services().get(2))
                .isEqualTo(new ServiceConfig("dns", Ipv4.parse("198.51.100.10"), Protocol.UDP, 80, "api"));
    }

    @Test
    void theDefaultSessionLimitIsWhatHalfTheHeapHoldsAcrossTheTables() {
        DispatchConfig derived = DispatchConfig.defaults();
        long sixGiB = 6L << 30;
        assertThat(derived.maxSessionsFor(3, sixGiB)).isEqualTo((int) (sixGiB / 2 / (3 * 200)));
        assertThat(derived.maxSessionsFor(1, sixGiB)).isEqualTo(3 * derived.maxSessionsFor(3, sixGiB));
        assertThat(derived.maxSessionsFor(8, 1L << 20)).as("never 0, which would mean no limit").isEqualTo(327);
        DispatchConfig unlimited = new DispatchConfig(SelectionStrategy.LEAST_LOAD, 2000, 60, 200,
                FallbackPolicy.DROP, 4096, 0);
        assertThat(unlimited.maxSessionsFor(3, sixGiB)).isZero();
    }

    @Test
    void appliesTheDocumentedDefaults() throws Exception {
        SwitchboardConfig config = ConfigFixture.base()
                .remove("openflow").remove("rest").remove("dispatch").remove("router.trunk.mode")
                .remove("services").remove("groups").remove("servers")
                .parse();

        assertThat(config.openflow()).isEqualTo(OpenFlowConfig.defaults());
        assertThat(config.openflow().port()).isEqualTo(6653);
        assertThat(config.rest()).isEqualTo(RestConfig.defaults());
        assertThat(config.rest().writesEnabled()).isFalse();
        assertThat(config.dispatch()).isEqualTo(DispatchConfig.defaults());
        assertThat(config.dispatch().lockTtlMillis()).isEqualTo(2000);
        assertThat(config.router().trunk().mode()).isEqualTo(TrunkMode.FLOW_HASH);
        assertThat(config.servers()).isEmpty();
        assertThat(config.serviceCatalog().services()).isEmpty();
    }

    @Test
    void acceptsDpidsInHexDecimalAndAsNumbers() throws Exception {
        SwitchboardConfig config = ConfigFixture.base()
                .set("router.dpid", "'256'")
                .set("dispatchers[0].dpid", "1025")
                .set("dispatchers[1].dpid", "'0xFFFFFFFFFFFFFFFF'")
                .parse();
        assertThat(config.router().dpid()).isEqualTo(0x100);
        assertThat(config.dispatchers().get(0).dpid()).isEqualTo(0x401);
        assertThat(config.dispatchers().get(1).dpid()).as("unsigned 64 bits").isEqualTo(-1L);
    }

    @Test
    void buildsTheServiceCatalogWithServerIndexesInFileOrder() throws Exception {
        ServiceCatalog catalog = ConfigFixture.base().parse().serviceCatalog();

        assertThat(catalog.server("web-1").index()).isZero();
        assertThat(catalog.server("api-1").index()).isEqualTo(2);
        assertThat(catalog.server("web-2").weight()).isEqualTo(3);
        assertThat(catalog.group("web").members()).containsExactly(0, 1);
        int vip = Ipv4.parse("198.51.100.10");
        assertThat(catalog.isVip(vip)).isTrue();
        assertThat(catalog.serviceAt(vip, Protocol.TCP.ipNumber(), 8080).name()).isEqualTo("api");
        assertThat(catalog.groupAt(vip, Protocol.UDP.ipNumber(), 80).name()).isEqualTo("api");
        assertThat(catalog.serviceAt(vip, Protocol.TCP.ipNumber(), 443)).isNull();
    }

    @Test
    void knowsTheRoleOfEachDatapath() throws Exception {
        SwitchboardConfig config = ConfigFixture.base().parse();
        assertThat(config.roleOf(0x100)).contains(SwitchRole.ROUTER);
        assertThat(config.roleOf(0x202)).contains(SwitchRole.DISPATCHER);
        assertThat(config.roleOf(0x300)).contains(SwitchRole.SAN);
        assertThat(config.roleOf(0x999)).isEmpty();
        assertThat(config.dispatcherAt(0x203).orElseThrow().id()).isEqualTo(3);
        assertThat(config.dispatcher(2).orElseThrow().dpid()).isEqualTo(0x202);
    }

    @Test
    void theExampleInDocsConfigMdIsValid() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(json.find()).as("docs/config.md has a json example").isTrue();

        SwitchboardConfig config = ConfigLoader.parse(json.group(1));
        assertThat(config.dispatchers()).hasSize(3);
        assertThat(config.serviceCatalog().service("web").group()).isEqualTo("web");
    }

    @Test
    void rejectsSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> ConfigLoader.parse("{ \"openflow\": { \"port\": 6653, } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("(top level): not valid JSON")
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsCommentsAndTrailingContent() {
        assertThatThrownBy(() -> ConfigLoader.parse("// comment\n{}"))
                .hasMessageStartingWith("(top level): not valid JSON")
                .hasMessageNotContaining("setStrictness");
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigFixture.base().json() + " {}"))
                .hasMessageContaining("after the top-level value");
    }

    @Test
    void rejectsARepeatedKeyNamingItsPath() {
        String twice = ConfigFixture.base().json().replace("\"strategy\":\"least-load\"",
                "\"strategy\":\"least-load\",\"strategy\":\"consistent-hash\"");
        assertThatThrownBy(() -> ConfigLoader.parse(twice))
                .isInstanceOf(ConfigException.class)
                .hasMessage("dispatch.strategy: field appears twice");
    }

    @Test
    void loadsFromAFileAndNamesAMissingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        Files.writeString(file, ConfigFixture.base().json(), StandardCharsets.UTF_8);
        assertThat(ConfigLoader.load(file).servers()).hasSize(3);

        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void theLoadedTreeIsImmutable() throws Exception {
        SwitchboardConfig config = ConfigFixture.base().parse();
        assertThatThrownBy(() -> config.servers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.router().clientPorts().add(9))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.groups().get(0).servers().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsAnIpv6ListenAddressAndPortZero() throws Exception {
        SwitchboardConfig config = ConfigFixture.base()
                .set("openflow.listen", "'::1'").set("openflow.port", "0").parse();
        assertThat(config.openflow()).isEqualTo(new OpenFlowConfig("::1", 0));
    }

    @Test
    void configExceptionSeparatesPathAndProblem() throws IOException {
        ConfigException e = new ConfigException("servers[2].ip", "'x' is not an IPv4 address");
        assertThat(e.path()).isEqualTo("servers[2].ip");
        assertThat(e.problem()).isEqualTo("'x' is not an IPv4 address");
        assertThat(e.getMessage()).isEqualTo("servers[2].ip: 'x' is not an IPv4 address");
    }
}
