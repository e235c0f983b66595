package dev.switchboard.controller.config;

import com.google.gson.JsonElement;

import dev.switchboard.controller.json.StrictJson;

import java.io.Reader;

/** Reads the configuration file with {@link StrictJson}, reporting problems as configuration errors. */
final class JsonTree {
    private JsonTree() {
    }

    /**
     * @param source JSON text
     * @return the root value
     * @throws ConfigException naming the line and column of a syntax error, or the path of a repeated key
     */
    static JsonElement parse(Reader source) throws ConfigException {
        try {
            return StrictJson.parse(source);
        } catch (StrictJson.Malformed e) {
            switch (e.kind()) {
                case REPEATED_KEY:
                    throw new ConfigException(e.path(), "field appears twice");
                case TRAILING_CONTENT:
                    throw new ConfigException(ConfigNode.ROOT_NAME, "unexpected content after the top-level value");
                default:
                    throw new ConfigException(e.path().isEmpty() ? ConfigNode.ROOT_NAME : e.path(),
                            "not valid JSON: " + e.detail());
            }
        }
    }
}
