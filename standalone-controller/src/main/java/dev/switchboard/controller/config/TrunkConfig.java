package dev.switchboard.controller.config;

import dev.switchboard.rules.TrunkMode;

import java.util.List;

/**
 * The router's links to the dispatchers ({@code router.trunk}).
 *
 * @param mode how traffic is spread over the links
 * @param links one link per dispatcher, in configuration order
 */
public record TrunkConfig(TrunkMode mode, List<TrunkLinkConfig> links) {
    /** Default spreading mode. */
    public static final TrunkMode DEFAULT_MODE = TrunkMode.FLOW_HASH;

    /** Copies the list so that the record is immutable. */
    public TrunkConfig {
        links = List.copyOf(links);
    }

    /** @return the router port leading to a dispatcher, or -1 when none does */
    public int portOf(int dispatcherId) {
        for (TrunkLinkConfig link : links) {
            if (link.dispatcher() == dispatcherId) {
                return link.port();
            }
        }
        return -1;
    }
}
