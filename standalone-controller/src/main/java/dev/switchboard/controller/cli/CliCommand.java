package dev.switchboard.controller.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What every command shares: the root's client, output and --json. */
abstract class CliCommand {
    @Spec
    CommandSpec spec;

    SwitchboardCli root() {
        return (SwitchboardCli) spec.root().userObject();
    }

    CliClient api() {
        return root().client();
    }

    PrintWriter out() {
        return root().out();
    }

    boolean json() {
        return root().json();
    }

    /** Prints the JSON with --json, otherwise the human form. */
    void print(JsonElement answer, Runnable human) {
        if (json()) {
            root().printJson(answer);
        } else {
            human.run();
        }
    }

    static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static String list(JsonObject o, String field) {
        StringBuilder b = new StringBuilder();
        o.getAsJsonArray(field).forEach(e -> b.append(b.length() == 0 ? "" : ",").append(e.getAsString()));
        return b.length() == 0 ? "-" : b.toString();
    }
}
