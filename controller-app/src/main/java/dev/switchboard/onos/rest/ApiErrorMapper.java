package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.onos.api.OperationRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.ForbiddenException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns every failure of a request into the API's error body, {@code {"error": {"status", "code", "message",
 * "field"}}}: the API's own refusals, the manager's, JAX-RS's 404 and 405 (with {@code Allow}), ONOS's 403 for a
 * read-only user, and anything unexpected as a 500 that says what failed. One mapper for {@link Throwable}, so
 * that none of ONOS's mappers (which answer {@code {"code", "message"}}) can be chosen instead.
 */
public class ApiErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorMapper.class);

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable failure) {
        Set<String> allow = null;
        ApiException error;
        if (failure instanceof ApiException) {
            error = (ApiException) failure;
        } else if (failure instanceof OperationRefused) {
            error = RefusalErrors.of((OperationRefused) failure);
        } else if (failure instanceof NotAllowedException) {
            allow = new TreeSet<>(((NotAllowedException) failure).getResponse().getAllowedMethods());
            error = new ApiException(ErrorCode.METHOD_NOT_ALLOWED, null, method() + " is not allowed on " + path()
                    + " (allowed: " + String.join(", ", allow) + ")");
        } else if (failure instanceof NotFoundException) {
            error = ApiException.notFound("no such path: " + path());
        } else if (failure instanceof NotSupportedException) {
            error = new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json");
        } else if (failure instanceof ForbiddenException) {
            error = new ApiException(ErrorCode.WRITES_DISABLED, null, method() + " " + path()
                    + ": this ONOS user may only read (writes need the admin role)");
        } else if (failure instanceof NotAuthorizedException) {
            error = new ApiException(ErrorCode.UNAUTHORIZED, null, "authentication required (ONOS user)");
        } else if (failure instanceof WebApplicationException) {
            error = fromStatus(((WebApplicationException) failure).getResponse().getStatus(), failure);
        } else if (failure instanceof IllegalStateException) {
            // The manager's waits: netcfg or component configuration did not take effect in time.
            error = new ApiException(ErrorCode.UNAVAILABLE, null, message(failure));
        } else {
            log.error("{} {} failed", method(), path(), failure);
            error = new ApiException(ErrorCode.INTERNAL, null, "internal error: " + failure.getClass().getSimpleName()
                    + ": " + message(failure));
        }
        Response.ResponseBuilder response = Response.status(error.code().status())
                .entity(body(error)).type(MediaType.APPLICATION_JSON_TYPE);
        if (allow != null) {
            response.allow(allow);
        }
        return response.build();
    }

    /** @return the error body of an API error */
    public static ObjectNode body(ApiException error) {
        ObjectNode root = ApiViews.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error").put("status", error.code().status()).put("code", error.code().apiName())
                .put("message", error.getMessage());
        if (error.field() != null) {
            e.put("field", error.field());
        }
        return root;
    }

    private static ApiException fromStatus(int status, Throwable failure) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.status() == status && code != ErrorCode.MALFORMED_JSON) {
                return new ApiException(code, null, message(failure));
            }
        }
        return new ApiException(status < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL, null,
                message(failure));
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private String method() {
        return request == null ? "?" : request.getMethod();
    }

    private String path() {
        return uriInfo == null ? "?" : "/" + uriInfo.getPath();
    }
}
