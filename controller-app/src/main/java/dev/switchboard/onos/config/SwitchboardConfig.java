package dev.switchboard.onos.config;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.InvalidFieldException;

/**
 * The {@value #KEY} network configuration of the Switchboard app (subject: the app id): router, dispatchers,
 * SAN switch, servers, server groups and services. See docs/onos.md for an example.
 *
 * <p>{@link #isValid()} throws an {@link InvalidFieldException} naming the field path of the first mistake
 * ({@code router.trunk.links[1].dispatcher}), which ONOS's netcfg REST API reports to the operator.
 */
public class SwitchboardConfig extends Config<ApplicationId> {
    /** The config key under {@code apps/<app id>} in netcfg JSON. */
    public static final String KEY = "switchboard";

    @Override
    public boolean isValid() {
        topology();
        return true;
    }

    /**
     * @return the validated topology
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public SwitchboardTopology topology() {
        return TopologyCodec.decode(node);
    }

    /**
     * Replaces the whole configuration (the admin API writes through netcfg so that every node sees it).
     *
     * @param topology the new topology
     * @return this config
     */
    public SwitchboardConfig topology(SwitchboardTopology topology) {
        object.removeAll();
        object.setAll(TopologyCodec.encode(topology, mapper));
        return this;
    }
}
