package dev.switchboard.dispatch.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.constraints.IntRange;

/** The open-addressing table behaves like a map, whatever the mix of inserts, overwrites and removals. */
class DispatchTablePropertyTest {
    @Provide
    Arbitrary<List<Tuple3<Integer, Integer, Integer>>> operations() {
        // few distinct keys in a small table: long probe runs, many collisions, many backward shifts
        return Arbitraries.integers().between(0, 2).flatMap(op -> Arbitraries.integers().between(0, 200)
                .flatMap(key -> Arbitraries.integers().between(0, 7).map(server -> Tuple.of(op, key, server))))
                .list().ofMaxSize(2000);
    }

    @Property(tries = 300)
    void behavesLikeAMapWithPerServerCounts(@ForAll("operations") List<Tuple3<Integer, Integer, Integer>> ops,
                                            @ForAll @IntRange(min = 0, max = 150) int expectedSessions) {
        // Any sizing: capacities are not powers of two, so probes wrap at odd places.
        DispatchTable table = new DispatchTable(expectedSessions);
        Map<Integer, Integer> reference = new HashMap<>();
        for (Tuple3<Integer, Integer, Integer> op : ops) {
            long high = op.get2() * 0x10001L;
            long low = op.get2() % 3;
            if (op.get1() < 2) {
                table.put(high, low, RegisterState.ENTRY, op.get2(), op.get3(), 0, 0);
                reference.put(op.get2(), op.get3());
            } else {
                int slot = table.find(high, low);
                assertThat(slot >= 0).isEqualTo(reference.containsKey(op.get2()));
                if (slot >= 0) {
                    table.remove(slot);
                    reference.remove(op.get2());
                }
            }
        }
        assertThat(table.entryCount()).isEqualTo(reference.size());
        for (Map.Entry<Integer, Integer> e : reference.entrySet()) {
            int slot = table.find(e.getKey() * 0x10001L, e.getKey() % 3);
            assertThat(slot).as("key %d", e.getKey()).isNotNegative();
            assertThat(table.server(slot)).isEqualTo(e.getValue());
        }
        for (int server = 0; server < 8; server++) {
            int s = server;
            assertThat(table.activeSessions(server))
                    .isEqualTo((int) reference.values().stream().filter(v -> v == s).count());
        }
    }
}
