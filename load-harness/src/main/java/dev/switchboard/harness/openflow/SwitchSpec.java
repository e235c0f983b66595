package dev.switchboard.harness.openflow;

import java.util.List;

/**
 * One switch to emulate.
 *
 * @param role what it stands for
 * @param index 0-based dispatcher index (the bit of the session-rule mask) for dispatchers, -1 otherwise
 * @param dpid datapath id sent in the FEATURES_REPLY
 * @param ports port numbers listed in the PORT_DESC reply
 */
public record SwitchSpec(SwitchRole role, int index, long dpid, List<Integer> ports) {
    public SwitchSpec {
        ports = List.copyOf(ports);
        if ((role == SwitchRole.DISPATCHER) != (index >= 0)) {
            throw new IllegalArgumentException("index " + index + " does not fit role " + role);
        }
    }

    @Override
    public String toString() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + (index >= 0 ? "[" + index + "]" : "")
                + " 0x" + Long.toHexString(dpid);
    }
}
