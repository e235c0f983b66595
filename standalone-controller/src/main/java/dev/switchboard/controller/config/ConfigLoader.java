package dev.switchboard.controller.config;

import com.google.gson.JsonElement;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the configuration file of docs/config.md: gson reads the JSON into a raw tree, then the tree is
 * validated by hand so that every error names its field path and value. Nothing is returned until the
 * whole file is valid, including the {@link dev.switchboard.dispatch.model.ServiceCatalog} it describes.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param file a JSON configuration file
     * @return the validated configuration
     * @throws ConfigException naming the field (or the file, when it cannot be read or is not JSON)
     */
    public static SwitchboardConfig load(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * @param json the text of a configuration file
     * @return the validated configuration
     * @throws ConfigException naming the field
     */
    public static SwitchboardConfig parse(String json) throws ConfigException {
        return parse(new StringReader(json));
    }

    private static SwitchboardConfig parse(Reader reader) throws ConfigException {
        JsonElement tree = JsonTree.parse(reader);
        SwitchboardConfig config = ConfigParser.parse(tree);
        try {
            config.serviceCatalog();
        } catch (IllegalArgumentException e) {
            // The parser checks everything the catalog checks; reaching this means the two disagree.
            throw new ConfigException("services", "rejected by the dispatch model: " + e.getMessage());
        }
        return config;
    }
}
