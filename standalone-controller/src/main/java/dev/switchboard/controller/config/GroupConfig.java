package dev.switchboard.controller.config;

import java.util.List;

/**
 * A server group, the servers of one application ({@code groups[i]}).
 *
 * @param name unique name
 * @param servers member server names
 */
public record GroupConfig(String name, List<String> servers) {
    /** Copies the list so that the record is immutable. */
    public GroupConfig {
        servers = List.copyOf(servers);
    }
}
