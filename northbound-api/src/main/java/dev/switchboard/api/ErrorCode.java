package dev.switchboard.api;

import java.util.Locale;

/**
 * The error codes of the northbound API (docs/api.md, "Errors"), each with the one HTTP status it comes with.
 * The standalone controller and the ONOS app answer the same codes.
 */
public enum ErrorCode {
    /** The body is not JSON, not an object, is empty, has trailing content or a repeated key. */
    MALFORMED_JSON(400),
    /** The body has a field the resource does not know. */
    UNKNOWN_FIELD(400),
    /** A required body field is absent (or null). */
    MISSING_FIELD(400),
    /** A body field has the wrong type or an unacceptable value. */
    INVALID_FIELD(400),
    /** A path segment or query parameter is malformed, unknown or repeated. */
    INVALID_PARAMETER(400),
    /** A field or parameter names something that does not exist. */
    UNKNOWN_REFERENCE(400),
    /**
     * A write without credentials: in the standalone controller without the bearer token or with a wrong one;
     * ONOS answers this itself, before the app sees the request.
     */
    UNAUTHORIZED(401),
    /**
     * A write the caller may not make: in the standalone controller, any write while no token is configured (the
     * API is read-only); in ONOS, a write by a user with the viewer role only.
     */
    WRITES_DISABLED(403),
    /** No such resource (or no such path). */
    NOT_FOUND(404),
    /** The path exists but not with this method. */
    METHOD_NOT_ALLOWED(405),
    /** The request contradicts the current state: a name or address taken, something still in use. */
    CONFLICT(409),
    /** The body is larger than the API accepts. */
    BODY_TOO_LARGE(413),
    /** A body that is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** A bug: the message says what failed. */
    INTERNAL(500),
    /** The dispatchers (or the ONOS app) did not answer in time. */
    UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** @return the HTTP status that comes with this code */
    public int status() {
        return status;
    }

    /** @return the code as the API spells it, such as {@code invalid_field} */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
