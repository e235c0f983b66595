package dev.switchboard.onos.rest;

import dev.switchboard.onos.api.OperationRefused;

/**
 * A request the API refuses; {@link ApiErrorMapper} turns it into the JSON error body
 * {@code {"error": {"status", "code", "message", "field"}}}.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    /**
     * @param field the body field, path segment or query parameter at fault, or {@code null}
     */
    public ApiException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** @return the field at fault, or {@code null} */
    public String field() {
        return field;
    }

    static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, null, message);
    }

    static ApiException parameter(String name, String message) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, name, message);
    }

    static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.INVALID_FIELD, field, message);
    }

    /** @return the API error for a change the manager refused */
    public static ApiException of(OperationRefused refused) {
        switch (refused.reason()) {
            case NOT_FOUND:
                return new ApiException(ErrorCode.NOT_FOUND, refused.field(), refused.getMessage());
            case CONFLICT:
                return new ApiException(ErrorCode.CONFLICT, refused.field(), refused.getMessage());
            case UNKNOWN_REFERENCE:
                return new ApiException(ErrorCode.UNKNOWN_REFERENCE, refused.field(), refused.getMessage());
            default:
                return new ApiException(ErrorCode.INVALID_FIELD, refused.field(), refused.getMessage());
        }
    }
}
