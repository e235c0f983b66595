package dev.switchboard.dispatch.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SelectorTest {
    /** Servers s0 (weight 1), s1 (weight 2), s2 (weight 3) in one group. */
    private static ServiceCatalog weighted() {
        return ServiceCatalog.empty()
                .withNewServer("s0", Ipv4.parse("203.0.113.10"), MacAddress.UNKNOWN, 1)
                .withNewServer("s1", Ipv4.parse("203.0.113.11"), MacAddress.UNKNOWN, 2)
                .withNewServer("s2", Ipv4.parse("203.0.113.12"), MacAddress.UNKNOWN, 3)
                .withGroup(ServerGroup.of("g", List.of(0, 1, 2)));
    }

    private static Map<String, Integer> pick(ServerSelector selector, ServiceCatalog catalog, int n, boolean keep) {
        Map<String, Integer> counts = new HashMap<>();
        int[] live = new int[3];
        for (int i = 0; i < n; i++) {
            Server s = selector.select(catalog.group("g"), catalog, index -> live[index], i * 7919L, i);
            counts.merge(s.name(), 1, Integer::sum);
            if (keep) {
                live[s.index()]++;
            }
        }
        return counts;
    }

    @Test
    @DisplayName("least-load keeps live sessions proportional to weight")
    void leastLoadFollowsWeights() {
        Map<String, Integer> counts = pick(new LeastLoadSelector(), weighted(), 600, true);
        assertThat(counts).containsEntry("s0", 100).containsEntry("s1", 200).containsEntry("s2", 300);
    }

    @Test
    @DisplayName("least-load with no live sessions still rotates instead of piling onto one server")
    void leastLoadRotatesTies() {
        ServiceCatalog equal = ServiceCatalog.empty()
                .withNewServer("a", 1, MacAddress.UNKNOWN, 1).withNewServer("b", 2, MacAddress.UNKNOWN, 1)
                .withNewServer("c", 3, MacAddress.UNKNOWN, 1).withGroup(ServerGroup.of("g", List.of(0, 1, 2)));
        Map<String, Integer> counts = new HashMap<>();
        LeastLoadSelector selector = new LeastLoadSelector();
        for (int i = 0; i < 300; i++) {
            counts.merge(selector.select(equal.group("g"), equal, index -> 0, i, i).name(), 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isEqualTo(100));
    }

    @Test
    @DisplayName("smooth weighted round-robin gives 1:2:3 and interleaves")
    void weightedRoundRobinFollowsWeights() {
        Map<String, Integer> counts = pick(new WeightedRoundRobinSelector(), weighted(), 600, false);
        assertThat(counts).containsEntry("s0", 100).containsEntry("s1", 200).containsEntry("s2", 300);
    }

    @Test
    @DisplayName("maglev maps a key to the same server in every instance and follows weights")
    void maglevIsConsistentAndWeighted() {
        ServiceCatalog catalog = weighted();
        MaglevSelector a = new MaglevSelector(false);
        MaglevSelector b = new MaglevSelector(false);
        Map<String, Integer> counts = new HashMap<>();
        for (long key = 0; key < 60_000; key++) {
            Server sa = a.select(catalog.group("g"), catalog, i -> 0, key * 0x9E3779B97F4A7C15L, key);
            Server sb = b.select(catalog.group("g"), catalog, i -> 0, key * 0x9E3779B97F4A7C15L, key);
            assertThat(sa).isEqualTo(sb);
            counts.merge(sa.name(), 1, Integer::sum);
        }
        assertThat(counts.get("s0")).isBetween(9_000, 11_000);
        assertThat(counts.get("s2")).isBetween(27_000, 33_000);
    }

    @Test
    @DisplayName("maglev moves few keys when a server leaves: only that server's keys and a small share more")
    void maglevDisruptsLittleOnMembershipChange() {
        ServiceCatalog five = ServiceCatalog.empty();
        for (int i = 0; i < 5; i++) {
            five = five.withNewServer("m" + i, Ipv4.parse("203.0.113." + (20 + i)), MacAddress.UNKNOWN, 1);
        }
        five = five.withGroup(ServerGroup.of("g", List.of(0, 1, 2, 3, 4)));
        ServiceCatalog four = five.withUpdatedServer(five.server("m4").withState(ServerState.DOWN));
        MaglevSelector before = new MaglevSelector(false);
        MaglevSelector after = new MaglevSelector(false);
        int moved = 0;
        int keys = 50_000;
        for (long key = 0; key < keys; key++) {
            Server x = before.select(five.group("g"), five, i -> 0, key * 31, key);
            Server y = after.select(four.group("g"), four, i -> 0, key * 31, key);
            assertThat(y.name()).isNotEqualTo("m4");
            if (!x.name().equals("m4") && !x.equals(y)) {
                moved++;
            }
        }
        assertThat(moved).as("keys of surviving servers that moved").isLessThan(keys / 20);
    }

    @Test
    @DisplayName("no strategy selects a draining or down server; an empty choice is null")
    void drainingAndDownServersAreNeverSelected() {
        ServiceCatalog c = weighted();
        c = c.withUpdatedServer(c.server("s0").withState(ServerState.DRAINING))
                .withUpdatedServer(c.server("s1").withState(ServerState.DOWN));
        for (SelectionStrategy strategy : SelectionStrategy.values()) {
            ServerSelector selector = strategy.newSelector();
            for (int i = 0; i < 50; i++) {
                assertThat(selector.select(c.group("g"), c, x -> 0, i, i).name()).as(strategy.name()).isEqualTo("s2");
            }
        }
        ServiceCatalog none = c.withUpdatedServer(c.server("s2").withState(ServerState.DOWN));
        for (SelectionStrategy strategy : SelectionStrategy.values()) {
            assertThat(strategy.newSelector().select(none.group("g"), none, x -> 0, 1, 1)).isNull();
        }
    }

    @Test
    @DisplayName("strategy names parse from configuration and unknown names are rejected with the valid list")
    void strategyNamesParse() {
        assertThat(SelectionStrategy.fromConfigName("least-load")).isEqualTo(SelectionStrategy.LEAST_LOAD);
        assertThat(SelectionStrategy.fromConfigName("CONSISTENT-HASH")).isEqualTo(SelectionStrategy.CONSISTENT_HASH);
        assertThatThrownBy(() -> SelectionStrategy.fromConfigName("random"))
                .hasMessageContaining("'random'").hasMessageContaining("least-load");
    }
}
