package dev.switchboard.controller.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard dispatchers}: status and the main counters of every configured dispatcher. */
@Command(name = "dispatchers", description = "Show every dispatcher: switch, trunk, table, counters.")
final class DispatchersCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject answer = api().get("/dispatchers").getAsJsonObject();
        print(answer, () -> table(answer.getAsJsonArray("dispatchers")).print(out()));
        return 0;
    }

    static Table table(JsonArray dispatchers) {
        Table table = new Table("ID#", "DPID", "SWITCH", "TRUNK", "SESSIONS#", "LOCKS#", "PLACED#", "FORWARDED#",
                "LOCK WAITS#", "FALLBACK DROPS#");
        for (JsonElement e : dispatchers) {
            JsonObject d = e.getAsJsonObject();
            JsonObject c = d.getAsJsonObject("counters");
            String sw = !d.get("connected").getAsBoolean() ? "disconnected"
                    : d.get("ready").getAsBoolean() ? "ready" : "syncing";
            table.row(d.get("id").getAsInt(), text(d, "dpid"), sw, d.get("trunkUp").getAsBoolean() ? "up" : "down",
                    d.get("tableSize").getAsInt(), d.get("locksHeld").getAsInt(), c.get("sessionsPlaced").getAsLong(),
                    c.get("forwardedByEntry").getAsLong(), c.get("lockRedirects").getAsLong(),
                    c.get("fallbackDrops").getAsLong());
        }
        return table;
    }
}
