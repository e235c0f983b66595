package dev.switchboard.controller.json;

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
import java.util.Locale;

/**
 * Reads JSON text into a gson tree, strictly: no comments, no trailing content and no repeated keys.
 * Gson's own tree reader is lenient and keeps the last of two equal keys, which would let a typo in a
 * copied block silently win; here the second key is an error naming its path. Numbers stay exact
 * ({@link BigDecimal}) so that range checks see what was written.
 */
public final class StrictJson {
    private static final String LENIENCY_ADVICE =
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

    /** Why a text was refused; callers turn it into their own error (config error, API error). */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        /** What is wrong with the text. */
        public enum Kind {
            /** Not JSON at all, or a token out of place; {@link #detail()} says where. */
            SYNTAX,
            /** Something follows the top-level value. */
            TRAILING_CONTENT,
            /** An object names one field twice; {@link #path()} is the second one's path. */
            REPEATED_KEY
        }

        private final Kind kind;
        private final String path;
        private final String detail;

        Malformed(Kind kind, String path, String detail) {
            super(kind + " at '" + path + "': " + detail);
            this.kind = kind;
            this.path = path;
            this.detail = detail;
        }

        public Kind kind() {
            return kind;
        }

        /** @return the path of the offending value ({@code a.b[2]}), or "" for the document as a whole */
        public String path() {
            return path;
        }

        /** @return a one-line description for {@link Kind#SYNTAX}, else "" */
        public String detail() {
            return detail;
        }
    }

    private StrictJson() {
    }

    /** @return the path of a field of an object at {@code parent} */
    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** @return the path of an element of an array at {@code parent} */
    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** @return a value as an error message shows it: {@code 'text'}, a number, {@code an object}, ... */
    public static String describe(JsonElement value) {
        if (value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isString()) {
            return "'" + primitive.getAsString() + "'";
        }
        if (primitive.isNumber()) {
            return primitive.getAsBigDecimal().toString().toLowerCase(Locale.ROOT);
        }
        return primitive.toString();
    }

    /**
     * @param source JSON text
     * @return the root value
     * @throws Malformed naming the kind of problem and where it is
     */
    public static JsonElement parse(Reader source) throws Malformed {
        try (JsonReader reader = new JsonReader(source)) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader, "");
            if (!atEnd(reader)) {
                throw new Malformed(Malformed.Kind.TRAILING_CONTENT, "", "");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new Malformed(Malformed.Kind.SYNTAX, "", firstLine(e.getMessage()));
        }
    }

    private static JsonElement read(JsonReader reader, String path) throws IOException, Malformed {
        switch (reader.peek()) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    String childPath = child(path, name);
                    if (object.has(name)) {
                        throw new Malformed(Malformed.Kind.REPEATED_KEY, childPath, "");
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
                    array.add(read(reader, element(path, array.size())));
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
                throw new Malformed(Malformed.Kind.SYNTAX, path,
                        "unexpected " + reader.peek() + " at " + reader.getPath());
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

    /** Gson's messages span lines and advise relaxing the parser; a reader of the error needs the position. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replace(LENIENCY_ADVICE, "comments, single quotes, unquoted names and the like are not allowed");
    }
}
