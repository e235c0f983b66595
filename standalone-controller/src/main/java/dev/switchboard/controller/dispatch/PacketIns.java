package dev.switchboard.controller.dispatch;

import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;

/** Reads the version-dependent fields of a packet-in. */
final class PacketIns {
    private PacketIns() {
    }

    /** @return the port the packet arrived on, or -1 when the message does not say */
    static long inPort(OFPacketIn packetIn) {
        OFPort port;
        if (packetIn.getVersion().compareTo(OFVersion.OF_12) >= 0) {
            port = packetIn.getMatch().get(MatchField.IN_PORT);
        } else {
            port = packetIn.getInPort();
        }
        return port == null ? -1 : port.getPortNumber() & 0xffffffffL;
    }

    /** @return the cookie of the rule that sent the packet (OpenFlow 1.3+), or 0 */
    static long cookie(OFPacketIn packetIn) {
        return packetIn.getVersion().compareTo(OFVersion.OF_13) >= 0 ? packetIn.getCookie().getValue() : 0;
    }
}
