package dev.switchboard.onos.store;

import com.google.common.collect.ImmutableMap;
import dev.switchboard.onos.api.DispatchStore;
import dev.switchboard.onos.api.DispatchStoreDelegate;
import dev.switchboard.onos.api.DispatchStoreEvent;
import dev.switchboard.onos.api.RegisterKind;
import dev.switchboard.onos.api.TableKey;
import dev.switchboard.onos.api.TableRegister;
import org.onlab.util.KryoNamespace;
import org.onosproject.store.AbstractStore;
import org.onosproject.store.LogicalTimestamp;
import org.onosproject.store.Timestamp;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.EventuallyConsistentMap;
import org.onosproject.store.service.EventuallyConsistentMapEvent;
import org.onosproject.store.service.EventuallyConsistentMapListener;
import org.onosproject.store.service.StorageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The dispatch table in an {@link EventuallyConsistentMap}: local reads (the packet path never waits for the
 * cluster), writes broadcast to every node plus periodic anti-entropy, which is the patent's broadcast of
 * table updates with repair.
 *
 * <p>Client locks live in the same map as entries, in the same register: a lock, the entry that supersedes
 * it and the tombstone that ends it are successive values of one last-writer-wins register ordered by the
 * dispatch-core stamp, so no cross-map ordering is needed (see docs/onos.md for why not a ConsistentMap).
 *
 * <p>The map's timestamp is the register's stamp. Equal stamps replace (a mark adds FIN or idle bits to the
 * entry without a new stamp); dispatchers merge those bits by OR, so replacement order does not matter to
 * them. The map's own tombstones are disabled: removals are TOMBSTONE registers, purged after a retention
 * time with a value-guarded remove, so a late write of an older stamp cannot resurrect a session meanwhile.
 */
@Component(immediate = true, service = DispatchStore.class)
public class DistributedDispatchStore extends AbstractStore<DispatchStoreEvent, DispatchStoreDelegate>
        implements DispatchStore {
    /** The map's name, shared by every node of the cluster. */
    public static final String MAP_NAME = "switchboard-dispatch-table";

    /** What the map's values and timestamps serialize with; public so that tests round-trip through it. */
    public static final KryoNamespace SERIALIZER = KryoNamespace.newBuilder()
            .register(KryoNamespaces.API)
            .nextId(KryoNamespaces.BEGIN_USER_CUSTOM_ID)
            .register(TableKey.class, TableRegister.class, RegisterKind.class, LogicalTimestamp.class)
            .build("switchboard-dispatch-table");

    private static final Timestamp NEVER = new LogicalTimestamp(Long.MIN_VALUE);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final EventuallyConsistentMapListener<TableKey, TableRegister> listener = this::mapEvent;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private EventuallyConsistentMap<TableKey, TableRegister> table;

    @Activate
    protected void activate() {
        table = storageService.<TableKey, TableRegister>eventuallyConsistentMapBuilder()
                .withName(MAP_NAME)
                .withSerializer(SERIALIZER)
                .withTimestampProvider((key, register) -> timestamp(register))
                .withTombstonesDisabled()
                .build();
        table.addListener(listener);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        table.removeListener(listener);
        table.destroy();
        log.info("Stopped");
    }

    /**
     * The register's stamp as the map's timestamp. A remove without a value (which this store never issues)
     * gets the oldest possible timestamp, so it cannot delete anything.
     */
    static Timestamp timestamp(TableRegister register) {
        return register == null ? NEVER : new LogicalTimestamp(register.stamp());
    }

    private void mapEvent(EventuallyConsistentMapEvent<TableKey, TableRegister> event) {
        if (event.type() == EventuallyConsistentMapEvent.Type.PUT) {
            notifyDelegate(new DispatchStoreEvent(DispatchStoreEvent.Type.REGISTER_WRITTEN, event.key(),
                    event.value()));
        } else {
            notifyDelegate(new DispatchStoreEvent(DispatchStoreEvent.Type.REGISTER_PURGED, event.key(), null));
        }
    }

    @Override
    public void put(TableKey key, TableRegister register) {
        table.put(key, register);
    }

    @Override
    public TableRegister get(TableKey key) {
        return table.get(key);
    }

    @Override
    public Map<TableKey, TableRegister> registers() {
        ImmutableMap.Builder<TableKey, TableRegister> copy = ImmutableMap.builder();
        for (Map.Entry<TableKey, TableRegister> e : table.entrySet()) {
            copy.put(e.getKey(), e.getValue());
        }
        return copy.build();
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public void purge(TableKey key, TableRegister register) {
        table.remove(key, register);
    }
}
