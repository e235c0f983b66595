package dev.switchboard.controller.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;

/**
 * Reads JSON text into a gson tree, strictly: no comments, no trailing content and no repeated keys.
 * Gson's own tree reader is lenient and keeps the last of two equal keys, which would let a typo in a
 * copied block silently win; here the second key is an error naming its path.
 */
final class JsonTree {
    private static final String LENIENCY_ADVICE =
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

    private JsonTree() {
    }

    /**
     * @param source JSON text
     * @return the root value
     * @throws ConfigException naming the line and column of a syntax error, or the path of a repeated key
     */
    static JsonElement parse(Reader source) throws ConfigException {
        try (JsonReader reader = new JsonReader(source)) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader, "");
            if (!atEnd(reader)) {
                throw new ConfigException(ConfigNode.ROOT_NAME, "unexpected content after the top-level value");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new ConfigException(ConfigNode.ROOT_NAME, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static JsonElement read(JsonReader reader, String path) throws IOException, ConfigException {
        switch (reader.peek()) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    String childPath = ConfigNode.child(path, name);
                    if (object.has(name)) {
                        throw new ConfigException(childPath, "field appears twice");
                    }
                    object.add(name, read(reader, childPath));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, ConfigNode.element(path, array.size())));
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
                throw new ConfigException(path.isEmpty() ? ConfigNode.ROOT_NAME : path,
                        "not valid JSON: unexpected " + reader.peek() + " at " + reader.getPath());
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

    /** Gson's messages span lines and advise relaxing the parser; an operator needs the position only. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replace(LENIENCY_ADVICE, "comments, single quotes, unquoted names and the like are not allowed");
    }
}
