package dev.switchboard.controller.config;

/**
 * A configuration file that cannot be used. The message always starts with the path of the offending
 * field ({@code servers[2].ip: '10.0.0.300' is not an IPv4 address}) so that an operator can find it
 * without reading code; {@link #path()} exposes the path alone for tests and tooling.
 */
public final class ConfigException extends Exception {
    private final String path;
    private final String problem;

    /**
     * @param path the field path, such as {@code servers[2].ip}, or the file name for file-level problems
     * @param problem what is wrong, quoting the offending value
     */
    public ConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** @return the path of the offending field */
    public String path() {
        return path;
    }

    /** @return the problem without the path */
    public String problem() {
        return problem;
    }
}
