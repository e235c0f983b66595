package dev.switchboard.api;

import java.util.function.Function;

/**
 * A request the API refuses; each runtime turns it into the JSON error body
 * {@code {"error": {"status", "code", "message", "field"}}}.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    /**
     * @param code the error code (and so the HTTP status)
     * @param field the body field, path segment or query parameter at fault, or {@code null}
     * @param message one line saying what is wrong
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

    /** @return a {@link ErrorCode#NOT_FOUND} error */
    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, null, message);
    }

    /** @return an {@link ErrorCode#INVALID_PARAMETER} error for the path segment or query parameter {@code name} */
    public static ApiException parameter(String name, String message) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, name, message);
    }

    /** @return an {@link ErrorCode#INVALID_FIELD} error for the body field {@code field} */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.INVALID_FIELD, field, message);
    }

    /**
     * Reads a path segment or query parameter with a parser of the model (such as a session key's), so that the
     * parser's complaint reaches the client as {@code name: complaint}.
     *
     * @param name the parameter, as errors name it
     * @param text its value
     * @param parser throws {@link IllegalArgumentException} saying what is wrong with the text
     * @return what the parser made of the text
     * @throws ApiException {@link ErrorCode#INVALID_PARAMETER} when the parser refuses the text
     */
    public static <T> T parseParameter(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw parameter(name, name + ": " + e.getMessage());
        }
    }
}
