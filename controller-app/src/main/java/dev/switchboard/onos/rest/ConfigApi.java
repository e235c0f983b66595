package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiException;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.SettingsLimits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /config}: the dispatch settings, which in ONOS are the component configuration of
 * {@code dev.switchboard.onos.DispatchManager}. A patch is checked as a whole before anything is set.
 */
public final class ConfigApi {
    static final Map<String, SelectionStrategy> STRATEGIES = new LinkedHashMap<>();
    static final Map<String, FallbackPolicy> FALLBACKS = new LinkedHashMap<>();

    static {
        for (SelectionStrategy s : SelectionStrategy.values()) {
            STRATEGIES.put(s.configName(), s);
        }
        for (FallbackPolicy p : FallbackPolicy.values()) {
            FALLBACKS.put(p.configName(), p);
        }
    }

    private final DispatchAdminService dispatch;

    public ConfigApi(DispatchAdminService dispatch) {
        this.dispatch = dispatch;
    }

    /** @return {@code Config} */
    public ObjectNode get() {
        return ApiViews.config(dispatch.settings());
    }

    /**
     * @param body any subset of {@code strategy, lockTtlMillis, idleTimeoutSeconds, finLingerMillis, fallback}
     * @return the settings now in force on this node
     */
    public ObjectNode patch(JsonNode body) {
        JsonFields fields = JsonFields.of(body, "strategy", "lockTtlMillis", "idleTimeoutSeconds", "finLingerMillis",
                "fallback");
        DispatchSettings current = dispatch.settings();
        DispatchSettings.Builder next = current.toBuilder();
        if (fields.has("strategy")) {
            next.strategy(fields.choice("strategy", STRATEGIES));
        }
        if (fields.has("lockTtlMillis")) {
            next.lockTtl(Duration.ofMillis(fields.integer("lockTtlMillis", 1,
                    SettingsLimits.maxLockTtlMillis(current))));
        }
        if (fields.has("idleTimeoutSeconds")) {
            next.idleTimeout(Duration.ofSeconds(fields.integer("idleTimeoutSeconds", 1,
                    SettingsLimits.MAX_IDLE_TIMEOUT_SECONDS)));
        }
        if (fields.has("finLingerMillis")) {
            next.finLinger(Duration.ofMillis(fields.integer("finLingerMillis", 0,
                    SettingsLimits.MAX_FIN_LINGER_MILLIS)));
        }
        if (fields.has("fallback")) {
            next.fallback(fields.choice("fallback", FALLBACKS));
        }
        DispatchSettings built;
        try {
            built = next.build();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(null, e.getMessage());
        }
        dispatch.updateSettings(built);
        return get();
    }
}
