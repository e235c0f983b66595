package dev.switchboard.controller.rest;

import dev.switchboard.api.ApiException;
import dev.switchboard.controller.config.DispatchConfig;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.select.SelectionStrategy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /config}: the dispatch settings, validated and applied live to every dispatcher. Changes live
 * in memory; the configuration file is not rewritten.
 */
final class ConfigResource {
    private static final Map<String, SelectionStrategy> STRATEGIES = new LinkedHashMap<>();
    private static final Map<String, FallbackPolicy> FALLBACKS = new LinkedHashMap<>();

    static {
        for (SelectionStrategy s : SelectionStrategy.values()) {
            STRATEGIES.put(s.configName(), s);
        }
        for (FallbackPolicy p : FallbackPolicy.values()) {
            FALLBACKS.put(p.configName(), p);
        }
    }

    private final SwitchboardService service;

    ConfigResource(SwitchboardService service) {
        this.service = service;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/config", r -> Response.ok(Views.config(service.settings())))
                .add("PATCH", "/api/v1/config", this::patch);
    }

    /** @return the longest lock lifetime: a tombstone must outlive any lock, or a late lock could resurrect */
    static int maxLockTtlMillis(DispatchSettings current) {
        return (int) Math.min(DispatchConfig.MAX_LOCK_TTL_MILLIS, current.tombstoneRetention().toMillis());
    }

    private Response patch(Request r) {
        JsonFields body = r.body("strategy", "lockTtlMillis", "idleTimeoutSeconds", "finLingerMillis", "fallback");
        DispatchSettings current = service.settings();
        DispatchSettings.Builder next = current.toBuilder();
        if (body.has("strategy")) {
            next.strategy(body.choice("strategy", STRATEGIES));
        }
        if (body.has("lockTtlMillis")) {
            next.lockTtl(Duration.ofMillis(body.integer("lockTtlMillis", 1, maxLockTtlMillis(current))));
        }
        if (body.has("idleTimeoutSeconds")) {
            next.idleTimeout(Duration.ofSeconds(body.integer("idleTimeoutSeconds", 1,
                    DispatchConfig.MAX_IDLE_TIMEOUT_SECONDS)));
        }
        if (body.has("finLingerMillis")) {
            next.finLinger(Duration.ofMillis(body.integer("finLingerMillis", 0, DispatchConfig.MAX_FIN_LINGER_MILLIS)));
        }
        if (body.has("fallback")) {
            next.fallback(body.choice("fallback", FALLBACKS));
        }
        DispatchSettings built;
        try {
            built = next.build();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(null, e.getMessage());
        }
        Await.result(service.updateSettings(built));
        return Response.ok(Views.config(built));
    }
}
