package dev.switchboard.controller.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * A JSON object whose field names were already checked; reads fields by name with their full path.
 * A field that is absent or JSON {@code null} counts as not given, so its default applies.
 */
final class ConfigObject {
    private final String path;
    private final JsonObject object;

    ConfigObject(String path, JsonObject object) {
        this.path = path;
        this.object = object;
    }

    boolean has(String name) {
        JsonElement value = object.get(name);
        return value != null && !value.isJsonNull();
    }

    /** @throws ConfigException naming the field when it is not given */
    ConfigNode required(String name) throws ConfigException {
        if (!has(name)) {
            throw new ConfigException(ConfigNode.child(path, name), "required field is missing");
        }
        return node(name);
    }

    /** @return the field, or {@code null} when it is not given */
    ConfigNode optional(String name) {
        return has(name) ? node(name) : null;
    }

    /** @return the elements of an array field, or an empty list when the field is not given */
    List<ConfigNode> optionalArray(String name) throws ConfigException {
        return has(name) ? node(name).array() : List.of();
    }

    int integer(String name, int defaultValue, int min, int max) throws ConfigException {
        return has(name) ? node(name).integer(min, max) : defaultValue;
    }

    <E extends Enum<E>> E choice(String name, E[] constants, java.util.function.Function<E, String> spelling,
                                 E defaultValue) throws ConfigException {
        return has(name) ? node(name).choice(constants, spelling) : defaultValue;
    }

    String ipLiteral(String name, String defaultValue) throws ConfigException {
        return has(name) ? node(name).ipLiteral() : defaultValue;
    }

    private ConfigNode node(String name) {
        return new ConfigNode(ConfigNode.child(path, name), object.get(name));
    }
}
