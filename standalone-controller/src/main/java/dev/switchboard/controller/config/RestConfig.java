package dev.switchboard.controller.config;

/**
 * The northbound API ({@code rest}).
 *
 * @param listen IP address literal to listen on
 * @param port TCP port; 0 picks a free port (tests)
 * @param token bearer token that write requests must carry, or {@code null}: then nothing may write
 */
public record RestConfig(String listen, int port, String token) {
    /** Loopback only. */
    public static final String DEFAULT_LISTEN = "127.0.0.1";
    /** Default API port. */
    public static final int DEFAULT_PORT = 8181;

    /** @return {@value #DEFAULT_LISTEN}:{@value #DEFAULT_PORT} without a token (read-only API) */
    public static RestConfig defaults() {
        return new RestConfig(DEFAULT_LISTEN, DEFAULT_PORT, null);
    }

    /** @return whether write requests are possible at all */
    public boolean writesEnabled() {
        return token != null;
    }
}
