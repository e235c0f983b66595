package dev.switchboard.controller.rest;

import com.sun.net.httpserver.Headers;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards writes: {@code Authorization: Bearer <rest.token>}. Without a configured token the API is
 * read-only. The comparison takes the same time however much of a guess is right.
 */
final class BearerAuth {
    private static final String PREFIX = "Bearer ";
    private final byte[] token;

    /** @param token the configured token, or {@code null} for a read-only API */
    BearerAuth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws ApiException 403 when writes are disabled, 401 for a missing or wrong token */
    void check(Headers headers) {
        if (token == null) {
            throw new ApiException(ErrorCode.WRITES_DISABLED, null,
                    "writes are disabled: no rest.token is configured, so the API is read-only");
        }
        String header = headers.getFirst("Authorization");
        if (header == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, null,
                    "this request changes state and needs 'Authorization: Bearer <token>'");
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, null, "the Authorization header is not a bearer token");
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, null, "the bearer token is not valid");
        }
    }
}
