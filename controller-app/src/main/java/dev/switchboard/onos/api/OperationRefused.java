package dev.switchboard.onos.api;

/**
 * An admin change refused because of its arguments or the current configuration. Nothing was changed. The
 * reason and the field tell the northbound API which error to answer; the message is one line that quotes the
 * value.
 */
public final class OperationRefused extends IllegalArgumentException {
    /** Why the change was refused. */
    public enum Reason {
        /** The thing to change does not exist. */
        NOT_FOUND,
        /** A name, address, MAC or port is taken, something is still in use, or nothing is configured yet. */
        CONFLICT,
        /** An argument names something that does not exist. */
        UNKNOWN_REFERENCE,
        /** An argument is out of range or listed twice. */
        INVALID
    }

    private final Reason reason;
    private final String field;

    /**
     * @param reason why
     * @param field the argument at fault ({@code servers[1]}), or {@code null} when no single one is
     * @param message one line quoting the value
     */
    public OperationRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** @return the argument at fault, or {@code null} */
    public String field() {
        return field;
    }

    public static OperationRefused notFound(String message) {
        return new OperationRefused(Reason.NOT_FOUND, null, message);
    }

    public static OperationRefused conflict(String field, String message) {
        return new OperationRefused(Reason.CONFLICT, field, message);
    }

    public static OperationRefused unknownReference(String field, String message) {
        return new OperationRefused(Reason.UNKNOWN_REFERENCE, field, message);
    }

    public static OperationRefused invalid(String field, String message) {
        return new OperationRefused(Reason.INVALID, field, message);
    }

    /** @return a refusal for a missing thing, such as {@code server 'web-9' does not exist} */
    public static OperationRefused missing(String what, String name) {
        return notFound(what + " '" + name + "' does not exist");
    }
}
