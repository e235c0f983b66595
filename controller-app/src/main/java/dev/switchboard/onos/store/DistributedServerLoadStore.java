package dev.switchboard.onos.store;

import com.google.common.collect.ImmutableMap;
import dev.switchboard.onos.api.ServerLoadStore;
import org.onlab.util.KryoNamespace;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.EventuallyConsistentMap;
import org.onosproject.store.service.EventuallyConsistentMapEvent;
import org.onosproject.store.service.EventuallyConsistentMapListener;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.WallClockTimestamp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.Map;

/**
 * Server load reports in an {@link EventuallyConsistentMap} keyed by server name. A report is a fresh reading
 * that replaces the previous one, so wall-clock last-writer-wins is the right merge, and a report may travel by
 * broadcast and anti-entropy without blocking the caller on the cluster.
 */
@Component(immediate = true, service = ServerLoadStore.class)
public class DistributedServerLoadStore implements ServerLoadStore {
    /** The map's name, shared by every node of the cluster. */
    public static final String MAP_NAME = "switchboard-server-load";

    static final KryoNamespace SERIALIZER = KryoNamespace.newBuilder()
            .register(KryoNamespaces.API)
            .nextId(KryoNamespaces.BEGIN_USER_CUSTOM_ID)
            .register(WallClockTimestamp.class)
            .build("switchboard-server-load");

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private final EventuallyConsistentMapListener<String, Double> mapListener = this::mapEvent;
    private EventuallyConsistentMap<String, Double> loads;
    private volatile Runnable listener;

    @Activate
    protected void activate() {
        loads = storageService.<String, Double>eventuallyConsistentMapBuilder()
                .withName(MAP_NAME)
                .withSerializer(SERIALIZER)
                .withTimestampProvider((server, load) -> new WallClockTimestamp())
                .build();
        loads.addListener(mapListener);
    }

    @Deactivate
    protected void deactivate() {
        loads.removeListener(mapListener);
        loads.destroy();
    }

    private void mapEvent(EventuallyConsistentMapEvent<String, Double> event) {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    @Override
    public void report(String server, double load) {
        loads.put(server, load);
    }

    @Override
    public void remove(String server) {
        loads.remove(server);
    }

    @Override
    public Map<String, Double> loads() {
        ImmutableMap.Builder<String, Double> copy = ImmutableMap.builder();
        for (Map.Entry<String, Double> e : loads.entrySet()) {
            copy.put(e.getKey(), e.getValue());
        }
        return copy.build();
    }

    @Override
    public void setListener(Runnable listener) {
        this.listener = listener;
    }
}
