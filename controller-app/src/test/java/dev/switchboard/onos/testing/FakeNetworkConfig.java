package dev.switchboard.onos.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigRegistryAdapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONOS's distributed network configuration, shared by the nodes: one JSON per config class, validated on apply
 * with the config's own {@code isValid()} as ONOS does, and an event to every node's listeners.
 */
public final class FakeNetworkConfig {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Class<?>, JsonNode> configs = new HashMap<>();
    private final Map<Class<?>, ConfigFactory<?, ?>> factories = new HashMap<>();
    private final List<NetworkConfigListener> listeners = new ArrayList<>();

    /** @return the registry of one node */
    public NetworkConfigRegistry registryFor() {
        return new NetworkConfigRegistryAdapter() {
            @Override
            @SuppressWarnings("rawtypes")
            public void registerConfigFactory(ConfigFactory configFactory) {
                factories.put(configFactory.configClass(), configFactory);
            }

            @Override
            @SuppressWarnings("rawtypes")
            public void unregisterConfigFactory(ConfigFactory configFactory) {
            }

            @Override
            public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
                JsonNode json = configs.get(configClass);
                return json == null ? null : create(subject, configClass, json);
            }

            @Override
            public <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
                return apply(subject, configClass, json);
            }

            @Override
            public void addListener(NetworkConfigListener listener) {
                listeners.add(listener);
            }

            @Override
            public void removeListener(NetworkConfigListener listener) {
                listeners.remove(listener);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <S, C extends Config<S>> C create(S subject, Class<C> configClass, JsonNode json) {
        ConfigFactory<S, C> factory = (ConfigFactory<S, C>) factories.get(configClass);
        if (factory == null) {
            throw new IllegalStateException("no factory registered for " + configClass.getSimpleName());
        }
        C config = factory.createConfig();
        config.init(subject, factory.configKey(), json.deepCopy(), mapper, c -> { });
        return config;
    }

    /**
     * Applies a configuration as {@code onos-netcfg} would: rejected (and not stored) when {@code isValid()}
     * throws or says no.
     */
    public <S, C extends Config<S>> C apply(S subject, Class<C> configClass, JsonNode json) {
        C config = create(subject, configClass, json);
        if (!config.isValid()) {
            throw new IllegalArgumentException("invalid config");
        }
        boolean existed = configs.put(configClass, json.deepCopy()) != null;
        NetworkConfigEvent event = new NetworkConfigEvent(existed ? NetworkConfigEvent.Type.CONFIG_UPDATED
                : NetworkConfigEvent.Type.CONFIG_ADDED, subject, configClass);
        for (NetworkConfigListener l : new ArrayList<>(listeners)) {
            if (l.isRelevant(event)) {
                l.event(event);
            }
        }
        return config;
    }

    /** @return the stored JSON of a config class, or {@code null} */
    public JsonNode json(Class<?> configClass) {
        return configs.get(configClass);
    }
}
