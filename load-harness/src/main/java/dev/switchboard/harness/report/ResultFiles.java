package dev.switchboard.harness.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads result JSON files. */
public final class ResultFiles {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private ResultFiles() {
    }

    /** @return the result as pretty-printed JSON */
    public static String toJson(RunResult result) {
        return GSON.toJson(result);
    }

    /**
     * @param result what to write
     * @param file where (parent directories are created)
     */
    public static void write(RunResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * @param file a result file written by {@code run --json}
     * @return its content
     * @throws IOException when it cannot be read or is not a result file (the message names the file)
     */
    public static RunResult read(Path file) throws IOException {
        RunResult result;
        try {
            result = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunResult.class);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not a harness result file: " + e.getMessage(), e);
        }
        if (result == null || result.setup() == null || result.sessions() == null) {
            throw new IOException(file + ": not a harness result file (no setup or sessions section)");
        }
        return result;
    }
}
