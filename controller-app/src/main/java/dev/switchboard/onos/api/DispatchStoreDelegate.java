package dev.switchboard.onos.api;

import org.onosproject.store.StoreDelegate;

/** Receives the dispatch store's events (the manager, which hands them to its dispatchers). */
public interface DispatchStoreDelegate extends StoreDelegate<DispatchStoreEvent> {
}
