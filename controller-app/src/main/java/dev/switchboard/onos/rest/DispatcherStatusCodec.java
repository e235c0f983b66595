package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.onos.api.DispatcherStatus;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Locale;

/** JSON of a dispatcher's status. */
public final class DispatcherStatusCodec extends JsonCodec<DispatcherStatus> {
    @Override
    public ObjectNode encode(DispatcherStatus d, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put("id", d.id())
                .put("deviceId", d.device().toString())
                .put("connected", d.available())
                .put("local", d.local())
                .put("ready", d.ready())
                .put("sessions", d.sessions())
                .put("locks", d.locks());
        if (d.master() != null) {
            node.put("master", d.master());
        } else {
            node.putNull("master");
        }
        ObjectNode counters = node.putObject("counters");
        d.counters().forEach((c, v) -> counters.put(CounterNames.of(c), v));
        return node;
    }

    /** Counter names as the API spells them (lowerCamelCase of the enum constant). */
    static final class CounterNames {
        private CounterNames() {
        }

        static String of(Enum<?> counter) {
            String[] words = counter.name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder name = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return name.toString();
        }
    }
}
