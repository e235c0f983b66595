package dev.switchboard.controller.cli;

import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code switchboard config}: show the dispatch settings; {@code config set KEY VALUE} changes one live. */
@Command(name = "config", description = "Show the dispatch settings; change one live with 'set'.")
final class ConfigCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject config = api().get("/config").getAsJsonObject();
        print(config, () -> table(config));
        return 0;
    }

    private void table(JsonObject config) {
        Table table = new Table("SETTING", "VALUE");
        config.keySet().forEach(k -> table.row(k, config.get(k).getAsString()));
        table.print(out());
    }

    /** Accepts the API's names and their kebab-case forms (lock-ttl-millis). */
    static String apiName(String key) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    @Command(name = "set", description = "Change one setting live: strategy, lockTtlMillis, idleTimeoutSeconds, "
            + "finLingerMillis, fallback.")
    int set(@Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VALUE") String value) {
        JsonObject body = new JsonObject();
        String name = apiName(key);
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
            body.addProperty(name, Integer.parseInt(value));
        } else {
            body.addProperty(name, value.toLowerCase(Locale.ROOT));
        }
        JsonObject config = api().send("PATCH", "/config", body).getAsJsonObject();
        print(config, () -> table(config));
        return 0;
    }
}
