package dev.switchboard.onos;

import org.onosproject.net.PortNumber;

import java.util.Optional;

/**
 * An IPv4 TCP or UDP packet-in at a dispatcher switch, reduced to what the dispatcher decides on, plus the frame
 * for the packet-out.
 */
final class DispatchPacket {
    final int ipProtocol;
    final int srcAddress;
    final int srcPort;
    final int dstAddress;
    final int dstPort;
    final int tcpFlags;
    final PortNumber inPort;
    final byte[] frame;
    final Optional<Long> cookie;

    DispatchPacket(int ipProtocol, int srcAddress, int srcPort, int dstAddress, int dstPort, int tcpFlags,
                   PortNumber inPort, byte[] frame, Optional<Long> cookie) {
        this.ipProtocol = ipProtocol;
        this.srcAddress = srcAddress;
        this.srcPort = srcPort;
        this.dstAddress = dstAddress;
        this.dstPort = dstPort;
        this.tcpFlags = tcpFlags;
        this.inPort = inPort;
        this.frame = frame;
        this.cookie = cookie;
    }
}
