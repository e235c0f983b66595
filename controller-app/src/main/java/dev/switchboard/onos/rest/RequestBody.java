package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request's body as the API reads it: at most 1 MiB, labelled {@code application/json} when there is one,
 * parsed strictly by {@link JsonBody}.
 */
final class RequestBody {
    /** The largest body the API reads. */
    static final int MAX_BYTES = 1 << 20;

    private final String text;

    private RequestBody(String text) {
        this.text = text;
    }

    /**
     * @param in the entity stream (may be {@code null})
     * @param contentType the Content-Type header, or {@code null}
     * @throws ApiException 413 for a body over 1 MiB, 415 for a body that is not labelled application/json
     */
    static RequestBody read(InputStream in, String contentType) {
        byte[] bytes = readAtMost(in, MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, null, "the body is larger than " + MAX_BYTES
                    + " bytes (1 MiB)");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (bytes.length > 0 && !mediaType.equals("application/json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json, was "
                    + (contentType == null ? "not labelled" : "'" + contentType + "'"));
        }
        return new RequestBody(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * @return the JSON value of a body the request must have
     * @throws ApiException {@link ErrorCode#MALFORMED_JSON} for an empty or malformed body
     */
    JsonNode required() {
        return JsonBody.parse(text);
    }

    /** @return the JSON value of the body, or {@code null} when the request has none */
    JsonNode optional() {
        return text.isEmpty() ? null : JsonBody.parse(text);
    }

    private static byte[] readAtMost(InputStream in, int limit) {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, null, "the body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
