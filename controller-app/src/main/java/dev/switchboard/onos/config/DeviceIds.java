package dev.switchboard.onos.config;

import org.onosproject.net.DeviceId;

import java.util.Locale;

/**
 * The mapping between ONOS device ids of OpenFlow switches ({@code of:0000000000000100}) and the datapath
 * ids the controller-neutral rule model uses. The topology is OpenFlow by construction (two tables, SELECT
 * groups), so every Switchboard device must be an {@code of:} device.
 */
public final class DeviceIds {
    /** Highest OpenFlow port number of a physical port (OFPP_MAX). */
    public static final long MAX_PORT = 0xffffff00L;

    private static final String SCHEME = "of:";

    private DeviceIds() {
    }

    /**
     * @param device an ONOS device id
     * @return its datapath id
     * @throws IllegalArgumentException when it is not {@code of:} followed by 16 hex digits
     */
    public static long dpid(DeviceId device) {
        String text = device.toString();
        if (!text.startsWith(SCHEME) || text.length() != SCHEME.length() + 16) {
            throw new IllegalArgumentException("'" + text + "' is not an OpenFlow device id (want of: and 16 hex"
                    + " digits, such as of:0000000000000100)");
        }
        try {
            return Long.parseUnsignedLong(text.substring(SCHEME.length()), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an OpenFlow device id (bad hex digits)", e);
        }
    }

    /** @return the ONOS device id of a datapath id */
    public static DeviceId deviceId(long dpid) {
        return DeviceId.deviceId(SCHEME + String.format(Locale.ROOT, "%016x", dpid));
    }
}
