package dev.switchboard.controller.rest;

/**
 * A request the API refuses; becomes the JSON error body
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
}
