package dev.switchboard.controller.openflow;

/** Fails a pending request whose connection closed before the reply came. */
public final class SwitchDisconnectedException extends RuntimeException {
    public SwitchDisconnectedException(String message) {
        super(message);
    }
}
