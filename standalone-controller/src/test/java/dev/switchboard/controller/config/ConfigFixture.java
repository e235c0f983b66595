package dev.switchboard.controller.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The valid base configuration of the tests, and edits of it addressed by the paths errors use. */
final class ConfigFixture {
    private final JsonObject root;
    private final String rawText;

    private ConfigFixture(JsonObject root, String rawText) {
        this.root = root;
        this.rawText = rawText;
    }

    /** A fixture of literal text, for input that is not an object at all. */
    static ConfigFixture raw(String text) {
        return new ConfigFixture(null, text);
    }

    static ConfigFixture base() {
        try (InputStream in = ConfigFixture.class.getResourceAsStream("/config/base.json")) {
            return new ConfigFixture(JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a path such as {@code servers[0].ip}; {@code json} is JSON text. */
    ConfigFixture set(String path, String json) {
        JsonElement value = JsonParser.parseString(json);
        String last = lastSegment(path);
        JsonElement parent = navigate(parentPath(path));
        if (last.startsWith("[")) {
            JsonArray array = parent.getAsJsonArray();
            int index = Integer.parseInt(last.substring(1, last.length() - 1));
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            parent.getAsJsonObject().add(last, value);
        }
        return this;
    }

    /** Removes the field or array element at a path. */
    ConfigFixture remove(String path) {
        String last = lastSegment(path);
        JsonElement parent = navigate(parentPath(path));
        if (last.startsWith("[")) {
            parent.getAsJsonArray().remove(Integer.parseInt(last.substring(1, last.length() - 1)));
        } else {
            parent.getAsJsonObject().remove(last);
        }
        return this;
    }

    String json() {
        return rawText != null ? rawText : root.toString();
    }

    SwitchboardConfig parse() throws ConfigException {
        return ConfigLoader.parse(json());
    }

    private JsonElement navigate(String path) {
        JsonElement node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String segment : path.replace("[", ".[").split("\\.")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("[")) {
                node = node.getAsJsonArray().get(Integer.parseInt(segment.substring(1, segment.length() - 1)));
            } else {
                node = node.getAsJsonObject().get(segment);
            }
        }
        return node;
    }

    private static String lastSegment(String path) {
        int bracket = path.lastIndexOf('[');
        int dot = path.lastIndexOf('.');
        if (bracket > dot) {
            return path.substring(bracket);
        }
        return path.substring(dot + 1);
    }

    private static String parentPath(String path) {
        int bracket = path.lastIndexOf('[');
        int dot = path.lastIndexOf('.');
        return path.substring(0, Math.max(Math.max(bracket, dot), 0));
    }
}
