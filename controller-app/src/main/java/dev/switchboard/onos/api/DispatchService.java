package dev.switchboard.onos.api;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.config.SwitchboardTopology;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the Switchboard load balancer: configuration, the distributed dispatch table and the
 * dispatchers. Every read is local (no cluster round trip).
 */
public interface DispatchService {
    /** @return the configured topology, if a valid {@code switchboard} netcfg is present */
    Optional<SwitchboardTopology> topology();

    /** @return the service catalog this node's dispatchers use (empty before configuration) */
    ServiceCatalog catalog();

    /** @return the dispatch settings from component configuration */
    DispatchSettings settings();

    /** @return every session entry in the distributed table */
    List<DispatchSession> sessions();

    /** @return every client lock in the distributed table */
    List<DispatchSession> locks();

    /** @return the session's entry or lock, if any */
    Optional<DispatchSession> session(SessionKey key);

    /** @return every configured dispatcher, ascending by id */
    List<DispatcherStatus> dispatchers();

    /** @return table totals and this node's counters */
    DispatchStatistics statistics();
}
