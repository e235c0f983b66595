package dev.switchboard.harness.config;

/** A controller configuration file the harness cannot use; the message names the field path and the value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param path the field, e.g. {@code dispatchers[2].dpid}
     * @param problem what is wrong with it
     */
    public ConfigException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
    }
}
