package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code switchboard locks}: clients whose server is being selected right now. */
@Command(name = "locks", description = "List client locks.")
final class LocksCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--limit", paramLabel = "N", description = "at most this many (default 100)")
    Integer limit;

    @Override
    public Integer call() {
        JsonObject answer = api().get("/locks" + (limit == null ? "" : "?limit=" + limit)).getAsJsonObject();
        print(answer, () -> {
            Table table = new Table("KEY", "SERVICE", "LOCKED BY#");
            for (JsonElement e : answer.getAsJsonArray("locks")) {
                JsonObject l = e.getAsJsonObject();
                table.row(text(l, "key"), text(l, "service"), l.get("lockedBy").getAsInt());
            }
            table.print(out());
            out().println(table.size() + " of " + answer.get("total").getAsInt() + " locks");
        });
        return 0;
    }
}
