package dev.switchboard.controller.rest;

import com.google.gson.JsonElement;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;
import dev.switchboard.controller.json.StrictJson;

import java.io.StringReader;

/** Reads a request body with {@link StrictJson}, reporting problems as {@link ErrorCode#MALFORMED_JSON}. */
final class JsonBody {
    private JsonBody() {
    }

    /**
     * @return the root value
     * @throws ApiException {@link ErrorCode#MALFORMED_JSON} naming the position or the repeated key
     */
    static JsonElement parse(String text) {
        if (text.isBlank()) {
            throw malformed(null, "the request body is empty; expected a JSON object");
        }
        try {
            return StrictJson.parse(new StringReader(text));
        } catch (StrictJson.Malformed e) {
            switch (e.kind()) {
                case REPEATED_KEY:
                    throw malformed(e.path(), e.path() + ": field appears twice");
                case TRAILING_CONTENT:
                    throw malformed(null, "unexpected content after the JSON value");
                default:
                    throw malformed(null, "not valid JSON: " + e.detail());
            }
        }
    }

    private static ApiException malformed(String field, String message) {
        return new ApiException(ErrorCode.MALFORMED_JSON, field, message);
    }
}
