package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ErrorCode;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Reads a request body strictly: no comments, no trailing content, no repeated keys. Gson's lenient
 * tree reader would keep the last of two equal keys, letting a typo silently win.
 */
final class JsonBody {
    private static final String LENIENCY_ADVICE =
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

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
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader, "");
            if (!atEnd(reader)) {
                throw malformed(null, "unexpected content after the JSON value");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw malformed(null, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static ApiException malformed(String field, String message) {
        return new ApiException(ErrorCode.MALFORMED_JSON, field, message);
    }

    private static JsonElement read(JsonReader reader, String path) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (object.has(name)) {
                        throw malformed(child, child + ": field appears twice");
                    }
                    object.add(name, read(reader, child));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, path + "[" + array.size() + "]"));
                }
                reader.endArray();
                return array;
            }
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw malformed(null, "not valid JSON: unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    private static boolean atEnd(JsonReader reader) throws IOException {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            // A strict reader refuses to even peek at a second top-level value.
            return false;
        }
    }

    /** Gson's messages span lines and advise relaxing the parser; a client needs the position only. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replace(LENIENCY_ADVICE, "comments, single quotes, unquoted names and the like are not allowed");
    }
}
