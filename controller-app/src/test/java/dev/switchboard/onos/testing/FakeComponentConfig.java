package dev.switchboard.onos.testing;

import org.onosproject.cfg.ComponentConfigAdapter;
import org.osgi.service.component.ComponentContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ONOS's cluster-wide component configuration: a property set on any node is stored once and handed, with every
 * other property set so far, to the {@code @Modified} method of the component on every node (ONOS does that
 * through ConfigurationAdmin). Synchronous, so a test sees the change at once.
 */
public final class FakeComponentConfig extends ComponentConfigAdapter {
    private final Map<String, Hashtable<String, Object>> values = new HashMap<>();
    private final Map<String, List<Consumer<ComponentContext>>> components = new HashMap<>();
    private final List<String> writes = new ArrayList<>();

    /** Registers one node's instance of a component. */
    public void register(String component, Consumer<ComponentContext> modified) {
        components.computeIfAbsent(component, c -> new ArrayList<>()).add(modified);
    }

    @Override
    public void setProperty(String component, String name, String value) {
        writes.add(component + ":" + name + "=" + value);
        Hashtable<String, Object> properties = values.computeIfAbsent(component, c -> new Hashtable<>());
        properties.put(name, value);
        for (Consumer<ComponentContext> modified : components.getOrDefault(component, List.of())) {
            modified.accept(new TestComponentContext(new Hashtable<>(properties)));
        }
    }

    /** @return the value set for a property, or {@code null} */
    public String value(String component, String name) {
        Object value = values.getOrDefault(component, new Hashtable<>()).get(name);
        return value == null ? null : value.toString();
    }

    /** @return every setProperty call so far, as {@code component:name=value} */
    public List<String> writes() {
        return List.copyOf(writes);
    }
}
