package dev.switchboard.onos.store;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.Stamp;
import dev.switchboard.onos.api.DispatchStoreEvent;
import dev.switchboard.onos.api.RegisterKind;
import dev.switchboard.onos.api.TableKey;
import dev.switchboard.onos.api.TableRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onosproject.store.LogicalTimestamp;
import org.onosproject.store.Timestamp;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.TestStorageService;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistributedDispatchStoreTest {
    private static final TableKey KEY = TableKey.of(SessionKey.of(Protocol.TCP, Ipv4.parse("192.0.2.11"), 40000,
            Ipv4.parse("198.51.100.10"), 80));

    private DistributedDispatchStore store;
    private final List<DispatchStoreEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new DistributedDispatchStore();
        store.storageService = new TestStorageService();
        store.activate();
        store.setDelegate(events::add);
    }

    @AfterEach
    void tearDown() {
        store.deactivate();
    }

    @Test
    void writesAreReadBackAndReportedToTheDelegate() {
        TableRegister entry = TableRegister.entry(Stamp.of(5, 1), "web-1", 0, 0, 1, "A", 1000);
        store.put(KEY, entry);

        assertThat(store.get(KEY)).isEqualTo(entry);
        assertThat(store.registers()).containsOnlyKeys(KEY);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo(DispatchStoreEvent.Type.REGISTER_WRITTEN);
        assertThat(events.get(0).subject()).isEqualTo(KEY);
        assertThat(events.get(0).register()).isEqualTo(entry);
    }

    @Test
    void purgeRemovesTheTombstoneAndReportsIt() {
        TableRegister tombstone = TableRegister.tombstone(Stamp.of(9, 2), 2, "B", 2000);
        store.put(KEY, tombstone);
        store.purge(KEY, tombstone);

        assertThat(store.get(KEY)).isNull();
        assertThat(events).extracting(DispatchStoreEvent::type)
                .containsExactly(DispatchStoreEvent.Type.REGISTER_WRITTEN, DispatchStoreEvent.Type.REGISTER_PURGED);
    }

    @Test
    void registersSurviveKryoRoundTripsThroughTheStoresSerializer() {
        Serializer kryo = Serializer.using(DistributedDispatchStore.SERIALIZER);
        List<Object> values = List.of(KEY,
                TableRegister.lock(Stamp.of(3, 7), 7, "node-1", 11),
                TableRegister.entry(Stamp.of(4, 7), "web-2", 3, (1L << 7) | (1L << 63), 2, "node-2", 12),
                TableRegister.tombstone(Stamp.of(5, 1), 1, "node-3", 13),
                new LogicalTimestamp(Stamp.of(4, 7)),
                RegisterKind.ENTRY);
        for (Object value : values) {
            byte[] bytes = kryo.encode(value);
            Object decoded = kryo.decode(bytes);
            assertThat(decoded).isEqualTo(value);
        }
    }

    @Test
    void timestampsOrderLikeStampsAndAValuelessRemoveCannotWin() {
        Timestamp older = DistributedDispatchStore.timestamp(TableRegister.lock(Stamp.of(5, 9), 9, "A", 0));
        Timestamp newer = DistributedDispatchStore.timestamp(TableRegister.entry(Stamp.of(6, 1), "w", 0, 0, 1, "A", 0));
        Timestamp sameCounterHigherId = DistributedDispatchStore.timestamp(
                TableRegister.entry(Stamp.of(6, 2), "w", 0, 0, 2, "B", 0));

        assertThat(newer.isNewerThan(older)).isTrue();
        assertThat(sameCounterHigherId.isNewerThan(newer)).isTrue();
        assertThat(DistributedDispatchStore.timestamp(null).isOlderThan(older)).isTrue();
    }
}
