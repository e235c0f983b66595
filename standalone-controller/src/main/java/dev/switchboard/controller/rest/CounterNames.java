package dev.switchboard.controller.rest;

import dev.switchboard.dispatch.DispatcherCounters.Counter;

import java.util.Locale;

/** Counter names as the API spells them: lowerCamelCase of the constant ({@code sessionsPlaced}). */
public final class CounterNames {
    private CounterNames() {
    }

    /** @return {@code SESSIONS_PLACED} as {@code sessionsPlaced} */
    public static String api(Counter counter) {
        String[] words = counter.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    /** @return {@code SESSIONS_PLACED} as {@code sessions.placed}, which Prometheus shows as sessions_placed */
    static String metric(Counter counter) {
        return counter.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
