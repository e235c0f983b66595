package dev.switchboard.controller.config;

/** How the router spreads client traffic over the trunk links to the dispatchers ({@code router.trunk.mode}). */
public enum TrunkMode implements ConfigEnum {
    /** One SELECT group; all packets of a flow take the same link. */
    FLOW_HASH("flow-hash"),
    /** Packets of one connection are spread over the links. */
    SPRAY("spray");

    private final String configName;

    TrunkMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
