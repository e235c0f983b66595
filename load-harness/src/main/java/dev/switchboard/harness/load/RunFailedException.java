package dev.switchboard.harness.load;

/** A run could not produce figures: a connection closed during the load, or the run overran. */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened
     * @param cause the underlying failure
     */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
