package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard stats}: the whole picture in three parts. */
@Command(name = "stats", description = "Sessions, placement rate, dispatchers and servers.")
final class StatsCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        JsonObject s = api().get("/stats").getAsJsonObject();
        print(s, () -> {
            JsonObject totals = s.getAsJsonObject("totals");
            out().printf("active sessions %d, placed %.1f/s, locks held %d, lock waits %d, fallback drops %d%n",
                    s.get("activeSessions").getAsInt(), s.get("sessionsPlacedPerSecond").getAsDouble(),
                    s.get("locksHeld").getAsInt(), totals.get("lockRedirects").getAsLong(),
                    totals.get("fallbackDrops").getAsLong());
            out().println();
            DispatchersCommand.table(s.getAsJsonArray("dispatchers")).print(out());
            out().println();
            Table servers = new Table("SERVER", "GROUP", "STATE", "WEIGHT#", "LOAD#", "SESSIONS#");
            for (JsonElement e : s.getAsJsonArray("servers")) {
                JsonObject v = e.getAsJsonObject();
                servers.row(text(v, "name"), text(v, "group"), text(v, "state"), v.get("weight").getAsInt(),
                        String.format("%.2f", v.get("load").getAsDouble()), v.get("activeSessions").getAsInt());
            }
            servers.print(out());
        });
        return 0;
    }
}
