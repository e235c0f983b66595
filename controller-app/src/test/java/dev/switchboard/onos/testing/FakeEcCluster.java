package dev.switchboard.onos.testing;

import org.onlab.util.KryoNamespace;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.Timestamp;
import org.onosproject.store.service.EventuallyConsistentMap;
import org.onosproject.store.service.EventuallyConsistentMapAdapter;
import org.onosproject.store.service.EventuallyConsistentMapBuilder;
import org.onosproject.store.service.EventuallyConsistentMapEvent;
import org.onosproject.store.service.EventuallyConsistentMapListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.StorageServiceAdapter;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Several ONOS nodes' EventuallyConsistentMaps with the real map's semantics where Switchboard depends on them:
 * a write is accepted unless the current value's timestamp is newer (equal timestamps replace), local listeners
 * hear accepted writes at once, and peers receive them only when the test calls {@link #deliverAll()} (the
 * network). Everything on the wire goes through the map's Kryo serializer, so values and timestamps must be
 * registered exactly as in ONOS.
 */
public final class FakeEcCluster {
    private final Map<String, Map<String, Node<?, ?>>> maps = new HashMap<>();
    private final Queue<Runnable> wire = new ArrayDeque<>();

    /** @return the StorageService of one node */
    public StorageService storageFor(String node) {
        return new StorageServiceAdapter() {
            @Override
            public <K, V> EventuallyConsistentMapBuilder<K, V> eventuallyConsistentMapBuilder() {
                return new Builder<>(node);
            }
        };
    }

    /** Delivers every message in flight, including those the deliveries cause. */
    public void deliverAll() {
        Runnable next;
        while ((next = wire.poll()) != null) {
            next.run();
        }
    }

    /**
     * One round of anti-entropy: every node advertises every value it holds to every peer, which takes those
     * newer than its own. This is how a node that joins late learns the table.
     */
    public void antiEntropy() {
        for (Map<String, Node<?, ?>> nodeMaps : new ArrayList<>(maps.values())) {
            for (Node<?, ?> map : nodeMaps.values()) {
                map.advertise();
            }
        }
        deliverAll();
    }

    /** @return the number of messages in flight */
    public int inFlight() {
        return wire.size();
    }

    private void broadcast(String from, String mapName, byte[] key, byte[] value, byte[] timestamp, boolean put) {
        for (Map.Entry<String, Map<String, Node<?, ?>>> e : maps.entrySet()) {
            if (e.getKey().equals(from)) {
                continue;
            }
            Node<?, ?> peer = e.getValue().get(mapName);
            if (peer != null) {
                wire.add(() -> peer.receive(key, value, timestamp, put));
            }
        }
    }

    private final class Builder<K, V> implements EventuallyConsistentMapBuilder<K, V> {
        private final String node;
        private String name;
        private KryoNamespace serializer;
        private BiFunction<K, V, Timestamp> timestamps;

        Builder(String node) {
            this.node = node;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withName(String value) {
            name = value;
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withSerializer(KryoNamespace.Builder value) {
            serializer = value.build();
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withSerializer(KryoNamespace value) {
            serializer = value;
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withTimestampProvider(BiFunction<K, V, Timestamp> provider) {
            timestamps = provider;
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withEventExecutor(ExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withCommunicationExecutor(ExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withBackgroundExecutor(ScheduledExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withPeerUpdateFunction(
                BiFunction<K, V, Collection<NodeId>> function) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withTombstonesDisabled() {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withAntiEntropyPeriod(long period, TimeUnit unit) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withFasterConvergence() {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withPersistence() {
            return this;
        }

        @Override
        public EventuallyConsistentMap<K, V> build() {
            if (name == null || serializer == null || timestamps == null) {
                throw new IllegalStateException("name, serializer and timestamp provider are required");
            }
            Node<K, V> map = new Node<>(node, name, Serializer.using(serializer), timestamps);
            maps.computeIfAbsent(node, n -> new HashMap<>()).put(name, map);
            return map;
        }
    }

    private final class Node<K, V> extends EventuallyConsistentMapAdapter<K, V> {
        private final String node;
        private final String name;
        private final Serializer serializer;
        private final BiFunction<K, V, Timestamp> timestamps;
        private final Map<K, V> values = new LinkedHashMap<>();
        private final Map<K, Timestamp> stamps = new HashMap<>();
        private final List<EventuallyConsistentMapListener<K, V>> listeners = new ArrayList<>();

        Node(String node, String name, Serializer serializer, BiFunction<K, V, Timestamp> timestamps) {
            this.node = node;
            this.name = name;
            this.serializer = serializer;
            this.timestamps = timestamps;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public boolean isEmpty() {
            return values.isEmpty();
        }

        @Override
        public boolean containsKey(K key) {
            return values.containsKey(key);
        }

        @Override
        public V get(K key) {
            return values.get(key);
        }

        @Override
        public void put(K key, V value) {
            Timestamp t = timestamps.apply(key, value);
            if (accept(key, value, t, true)) {
                broadcast(node, name, serializer.encode(key), serializer.encode(value), serializer.encode(t), true);
            }
        }

        @Override
        public V remove(K key) {
            V old = values.get(key);
            remove(key, old);
            return old;
        }

        @Override
        public void remove(K key, V value) {
            Timestamp t = timestamps.apply(key, value);
            if (accept(key, null, t, false)) {
                broadcast(node, name, serializer.encode(key), null, serializer.encode(t), false);
            }
        }

        private boolean accept(K key, V value, Timestamp t, boolean put) {
            Timestamp current = stamps.get(key);
            if (current != null && current.isNewerThan(t)) {
                return false;
            }
            if (!put && !values.containsKey(key)) {
                return false;
            }
            if (put) {
                values.put(key, value);
                stamps.put(key, t);
            } else {
                values.remove(key);
                stamps.remove(key);
            }
            EventuallyConsistentMapEvent<K, V> event = new EventuallyConsistentMapEvent<>(name,
                    put ? EventuallyConsistentMapEvent.Type.PUT : EventuallyConsistentMapEvent.Type.REMOVE, key,
                    put ? value : null);
            new ArrayList<>(listeners).forEach(l -> l.event(event));
            return true;
        }

        void receive(byte[] key, byte[] value, byte[] timestamp, boolean put) {
            K k = serializer.decode(key);
            V v = value == null ? null : serializer.decode(value);
            Timestamp t = serializer.decode(timestamp);
            accept(k, v, t, put);
        }

        void advertise() {
            for (Map.Entry<K, V> e : new ArrayList<>(values.entrySet())) {
                broadcast(node, name, serializer.encode(e.getKey()), serializer.encode(e.getValue()),
                        serializer.encode(stamps.get(e.getKey())), true);
            }
        }

        @Override
        public Set<K> keySet() {
            return new HashSet<>(values.keySet());
        }

        @Override
        public Collection<V> values() {
            return new ArrayList<>(values.values());
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return values.entrySet().stream().map(e -> new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()))
                    .collect(Collectors.toSet());
        }

        @Override
        public void addListener(EventuallyConsistentMapListener<K, V> listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(EventuallyConsistentMapListener<K, V> listener) {
            listeners.remove(listener);
        }

        @Override
        public CompletableFuture<Void> destroy() {
            maps.getOrDefault(node, new HashMap<>()).remove(name);
            return CompletableFuture.completedFuture(null);
        }
    }
}
