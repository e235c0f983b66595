package dev.switchboard.controller.rest;

import dev.switchboard.controller.dispatch.DispatcherStatus;
import dev.switchboard.controller.dispatch.SwitchboardStats;
import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.Server;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus view of {@code GET /stats}: every figure of one stats snapshot becomes a gauge or a
 * counter. Dispatchers and servers come and go, so each scrape registers the meters the snapshot has
 * and removes those it no longer has; the meters read the values this scrape stored.
 *
 * <p>Threading: scrapes are serialized.
 */
final class SwitchboardMetrics {
    /** Prometheus text exposition format, as the registry writes it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** HELP texts by meter name; dispatcher counters are described in docs/api.md. */
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("switchboard.sessions.active", "session entries (tables mirror each other)"),
            Map.entry("switchboard.sessions.placed.per.second", "placements by all dispatchers, last 10 s"),
            Map.entry("switchboard.locks.held", "client locks"),
            Map.entry("switchboard.dispatcher.connected", "1 when the dispatcher's switch is connected"),
            Map.entry("switchboard.dispatcher.ready", "1 when the dispatcher finished bulk sync"),
            Map.entry("switchboard.dispatcher.trunk.up", "1 when the dispatcher can carry traffic"),
            Map.entry("switchboard.dispatcher.table.size", "session entries in the dispatcher's table"),
            Map.entry("switchboard.dispatcher.locks.held", "client locks in the dispatcher's table"),
            Map.entry("switchboard.server.sessions.active", "live sessions on the server"),
            Map.entry("switchboard.server.weight", "the server's weight"),
            Map.entry("switchboard.server.load", "the server's reported load, 0 to 1"),
            Map.entry("switchboard.server.state", "1 for the server's administrative state"),
            counterHelp(Counter.FORWARDED_BY_ENTRY, "packets forwarded by an existing entry"),
            counterHelp(Counter.SESSIONS_PLACED, "sessions the dispatcher placed"),
            counterHelp(Counter.SESSIONS_ADOPTED, "sessions adopted by the consistent-hash fallback"),
            counterHelp(Counter.LOCKS_PLACED, "client locks the dispatcher placed"),
            counterHelp(Counter.LOCK_REDIRECTS, "packets sent on to the dispatcher holding the client's lock"),
            counterHelp(Counter.LOCKS_EXPIRED, "locks that expired before their entry arrived"),
            counterHelp(Counter.FALLBACK_DROPS, "non-request packets with no entry or lock, dropped"),
            counterHelp(Counter.NOT_A_SERVICE, "packets to a VIP port no service listens on"),
            counterHelp(Counter.NO_SERVER, "requests for a group with no eligible server"),
            counterHelp(Counter.NOT_READY, "packets refused during bulk sync"),
            counterHelp(Counter.UPDATES_APPLIED, "peer updates merged into the table"),
            counterHelp(Counter.UPDATES_STALE, "peer updates older than the register"),
            counterHelp(Counter.CONFLICTS_RESOLVED, "concurrent placements resolved by stamp"),
            counterHelp(Counter.SESSIONS_REMOVED, "entries the dispatcher removed"),
            counterHelp(Counter.SESSIONS_REFRESHED, "entries refreshed after an idle report"),
            counterHelp(Counter.TERMINATIONS_UNMATCHED, "FIN/RST or idle reports for a key with no entry"),
            counterHelp(Counter.TERMINATIONS_APPLIED_LATE, "FIN/RST applied when the placement arrived after them"),
            counterHelp(Counter.TABLE_FULL, "connection requests refused: the table held maxSessions registers"));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Key, Holder> meters = new HashMap<>();

    /** A meter's identity: name, kind and tags. */
    private record Key(String name, boolean counter, List<Tag> tags) {
    }

    /** The value a meter reports, set by the scrape that registered or last saw it. */
    private static final class Holder {
        volatile double value;
        Meter meter;
    }

    /** @return the Prometheus text of this snapshot */
    synchronized String scrape(SwitchboardStats stats) {
        Map<Key, Double> values = values(stats);
        values.forEach((key, value) -> meters.computeIfAbsent(key, this::register).value = value);
        meters.entrySet().removeIf(e -> {
            if (values.containsKey(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().meter);
            return true;
        });
        return registry.scrape();
    }

    private static Map.Entry<String, String> counterHelp(Counter counter, String help) {
        return Map.entry("switchboard.dispatcher." + CounterNames.metric(counter), help);
    }

    private Holder register(Key key) {
        Holder holder = new Holder();
        String help = HELP.getOrDefault(key.name(), "see docs/api.md");
        holder.meter = key.counter()
                ? FunctionCounter.builder(key.name(), holder, h -> h.value).description(help).tags(key.tags())
                        .register(registry)
                : Gauge.builder(key.name(), holder, h -> h.value).description(help).tags(key.tags())
                        .register(registry);
        return holder;
    }

    private static Map<Key, Double> values(SwitchboardStats s) {
        Map<Key, Double> v = new LinkedHashMap<>();
        gauge(v, "switchboard.sessions.active", s.activeSessions());
        gauge(v, "switchboard.sessions.placed.per.second", s.sessionsPlacedPerSecond());
        gauge(v, "switchboard.locks.held", s.locksHeld());
        for (DispatcherStatus d : s.dispatchers()) {
            Tag tag = Tag.of("dispatcher", Integer.toString(d.id()));
            gauge(v, "switchboard.dispatcher.connected", d.connected() ? 1 : 0, tag);
            gauge(v, "switchboard.dispatcher.ready", d.ready() ? 1 : 0, tag);
            gauge(v, "switchboard.dispatcher.trunk.up", d.trunkUp() ? 1 : 0, tag);
            gauge(v, "switchboard.dispatcher.table.size", d.tableSize(), tag);
            gauge(v, "switchboard.dispatcher.locks.held", d.locksHeld(), tag);
            for (Counter c : Counter.values()) {
                v.put(new Key("switchboard.dispatcher." + CounterNames.metric(c), true, List.of(tag)),
                        (double) d.counters().getOrDefault(c, 0L));
            }
        }
        for (Server server : s.catalog().servers()) {
            Tag tag = Tag.of("server", server.name());
            gauge(v, "switchboard.server.sessions.active", s.activeSessions(server.index()), tag);
            gauge(v, "switchboard.server.weight", server.weight(), tag);
            gauge(v, "switchboard.server.load", server.reportedLoad(), tag);
            gauge(v, "switchboard.server.state", 1, tag, Tag.of("state", Views.state(server.state())));
        }
        return v;
    }

    private static void gauge(Map<Key, Double> v, String name, double value, Tag... tags) {
        v.put(new Key(name, false, List.of(tags)), value);
    }
}
