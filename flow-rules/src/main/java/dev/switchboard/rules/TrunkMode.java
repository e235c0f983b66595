package dev.switchboard.rules;

import java.util.Locale;

/** How the router spreads packets to a VIP over the trunk links to the dispatchers. */
public enum TrunkMode {
    /** One SELECT group: the switch's flow hash keeps every packet of a connection on one link. */
    FLOW_HASH("flow-hash"),
    /**
     * Packets of one TCP connection are spread over links by their TCP flags, so that dispatchers must
     * share session state (the patent's situation). See {@link TcpFlagClass}.
     */
    SPRAY("spray");

    private final String configName;

    TrunkMode(String configName) {
        this.configName = configName;
    }

    /** @return the name used in the configuration file ({@code router.trunk.mode}) */
    public String configName() {
        return configName;
    }

    /**
     * @param text {@code flow-hash} or {@code spray}
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static TrunkMode parse(String text) {
        for (TrunkMode mode : values()) {
            if (mode.configName.equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a trunk mode (want flow-hash or spray)");
    }
}
