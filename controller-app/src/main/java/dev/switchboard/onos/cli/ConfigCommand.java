package dev.switchboard.onos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Table;
import dev.switchboard.onos.rest.ConfigApi;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.Iterator;
import java.util.Locale;

/**
 * {@code sb-config}: the dispatch settings; {@code set KEY VALUE} changes one live, through component configuration
 * like {@code cfg set dev.switchboard.onos.DispatchManager}, but checked first as the REST API checks it.
 */
@Service
@Command(scope = "onos", name = "sb-config",
        description = "Shows the Switchboard dispatch settings; 'set KEY VALUE' changes one live")
public class ConfigCommand extends SwitchboardCommand {
    @Argument(index = 0, name = "action", description = "set; omit to show")
    String action;

    @Argument(index = 1, name = "key",
            description = "strategy, lockTtlMillis, idleTimeoutSeconds, finLingerMillis or fallback (or kebab-case)")
    String key;

    @Argument(index = 2, name = "value", description = "The new value")
    String value;

    @Override
    void run() {
        ConfigApi api = new ConfigApi(dispatch());
        if (action == null) {
            show(api.get());
            return;
        }
        if (!action.equals("set")) {
            throw unknownAction(action, "set");
        }
        String name = apiName(require(key, "key", "sb-config set KEY VALUE"));
        String text = require(value, "value", "sb-config set KEY VALUE");
        ObjectNode body = body();
        if (!text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit)) {
            body.put(name, Integer.parseInt(text));
        } else {
            body.put(name, text.toLowerCase(Locale.ROOT));
        }
        show(api.patch(body));
    }

    private void show(ObjectNode config) {
        print(config, () -> {
            Table table = new Table("SETTING", "VALUE");
            Iterator<String> names = config.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                table.row(name, config.get(name).asText());
            }
            print(table);
        });
    }

    /** Accepts the API's names and their kebab-case forms ({@code lock-ttl-millis}). */
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
}
