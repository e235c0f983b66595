package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The current service catalog. Readers (every packet-in) take the volatile snapshot without locking;
 * writers (operators, rarely) are serialized and tell listeners about the new snapshot.
 */
public final class CatalogHolder implements Supplier<ServiceCatalog> {
    private volatile ServiceCatalog current;
    private final List<Consumer<ServiceCatalog>> listeners = new CopyOnWriteArrayList<>();

    public CatalogHolder(ServiceCatalog initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public ServiceCatalog get() {
        return current;
    }

    /**
     * Applies a change; if it throws, nothing changes.
     *
     * @return the new catalog
     */
    public synchronized ServiceCatalog update(UnaryOperator<ServiceCatalog> change) {
        ServiceCatalog next = Objects.requireNonNull(change.apply(current), "change returned null");
        current = next;
        for (Consumer<ServiceCatalog> listener : listeners) {
            listener.accept(next);
        }
        return next;
    }

    /** Registers a listener called (on the writer's thread) after every change. */
    public void onChange(Consumer<ServiceCatalog> listener) {
        listeners.add(listener);
    }
}
