package dev.switchboard.controller.dispatch;

/**
 * An operator's request that {@link SwitchboardService} refused, with the reason and the field of the
 * request it concerns. Thrown before anything changed: a refused operation is never half-applied.
 */
public final class OperationRefused extends RuntimeException {
    /** Why the operation was refused; the northbound API maps each reason to one status. */
    public enum Reason {
        /** The thing the operation addresses does not exist. */
        NOT_FOUND,
        /** The operation contradicts the current state: a name or address taken, something still in use. */
        CONFLICT,
        /** A field names something that does not exist (a service's group, a group's server). */
        UNKNOWN_REFERENCE,
        /** A field's value is not acceptable on its own. */
        INVALID
    }

    private final Reason reason;
    private final String field;

    /**
     * @param field the request field at fault, such as {@code vip} or {@code servers[1]}; {@code null} when
     *              the operation as a whole is refused
     */
    public OperationRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    static OperationRefused notFound(String message) {
        return new OperationRefused(Reason.NOT_FOUND, null, message);
    }

    static OperationRefused conflict(String field, String message) {
        return new OperationRefused(Reason.CONFLICT, field, message);
    }

    static OperationRefused unknownReference(String field, String message) {
        return new OperationRefused(Reason.UNKNOWN_REFERENCE, field, message);
    }

    static OperationRefused invalid(String field, String message) {
        return new OperationRefused(Reason.INVALID, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** @return the request field at fault, or {@code null} */
    public String field() {
        return field;
    }
}
