package dev.switchboard.harness.openflow;

/** An emulated switch could not connect to the controller or complete the OpenFlow handshake. */
public final class HandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which switch and what went wrong
     * @param cause the underlying failure, may be {@code null}
     */
    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
