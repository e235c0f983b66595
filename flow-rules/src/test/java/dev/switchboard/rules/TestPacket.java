package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;

import java.util.Objects;

/**
 * The header fields of a packet, as far as Switchboard's rules look at them. Immutable; actions produce
 * modified copies. Fields a packet does not have (ports of an ARP frame) are 0.
 */
public final class TestPacket {
    private final long ethSrc;
    private final long ethDst;
    private final int ethType;
    private final int ipProto;
    private final int ipv4Src;
    private final int ipv4Dst;
    private final int l4Src;
    private final int l4Dst;
    private final int tcpFlags;

    private TestPacket(long ethSrc, long ethDst, int ethType, int ipProto, int ipv4Src, int ipv4Dst, int l4Src,
                       int l4Dst, int tcpFlags) {
        this.ethSrc = ethSrc;
        this.ethDst = ethDst;
        this.ethType = ethType;
        this.ipProto = ipProto;
        this.ipv4Src = ipv4Src;
        this.ipv4Dst = ipv4Dst;
        this.l4Src = l4Src;
        this.l4Dst = l4Dst;
        this.tcpFlags = tcpFlags;
    }

    /** @return a TCP segment */
    public static TestPacket tcp(long ethSrc, long ethDst, int ipSrc, int portSrc, int ipDst, int portDst, int flags) {
        return new TestPacket(ethSrc, ethDst, Match.ETH_TYPE_IPV4, Protocol.TCP.ipNumber(), ipSrc, ipDst, portSrc,
                portDst, flags);
    }

    /** @return a UDP datagram */
    public static TestPacket udp(long ethSrc, long ethDst, int ipSrc, int portSrc, int ipDst, int portDst) {
        return new TestPacket(ethSrc, ethDst, Match.ETH_TYPE_IPV4, Protocol.UDP.ipNumber(), ipSrc, ipDst, portSrc,
                portDst, 0);
    }

    /** @return an ICMP packet (no ports) */
    public static TestPacket icmp(long ethSrc, long ethDst, int ipSrc, int ipDst) {
        return new TestPacket(ethSrc, ethDst, Match.ETH_TYPE_IPV4, 1, ipSrc, ipDst, 0, 0, 0);
    }

    /** @return an ARP request (broadcast) */
    public static TestPacket arp(long ethSrc) {
        return new TestPacket(ethSrc, 0xffff_ffff_ffffL, Match.ETH_TYPE_ARP, 0, 0, 0, 0, 0, 0);
    }

    /** @return the value this packet has for a match field */
    public long field(Match.Field field) {
        switch (field) {
            case ETH_TYPE:
                return ethType;
            case ETH_DST:
                return ethDst;
            case IP_PROTO:
                return ethType == Match.ETH_TYPE_IPV4 ? ipProto : -1;
            case IPV4_SRC:
                return ethType == Match.ETH_TYPE_IPV4 ? ipv4Src & 0xffff_ffffL : -1;
            case IPV4_DST:
                return ethType == Match.ETH_TYPE_IPV4 ? ipv4Dst & 0xffff_ffffL : -1;
            case TCP_SRC:
                return isTcp() ? l4Src : -1;
            case TCP_DST:
                return isTcp() ? l4Dst : -1;
            case UDP_SRC:
                return isUdp() ? l4Src : -1;
            case UDP_DST:
                return isUdp() ? l4Dst : -1;
            case TCP_FLAGS:
                return isTcp() ? tcpFlags : -1;
            default:
                throw new IllegalArgumentException(field + " is not a packet header field");
        }
    }

    /** @return the packet after one set-field action */
    public TestPacket apply(Action action) {
        switch (action.type()) {
            case SET_ETH_SRC:
                return new TestPacket(action.mac(), ethDst, ethType, ipProto, ipv4Src, ipv4Dst, l4Src, l4Dst, tcpFlags);
            case SET_ETH_DST:
                return new TestPacket(ethSrc, action.mac(), ethType, ipProto, ipv4Src, ipv4Dst, l4Src, l4Dst, tcpFlags);
            case SET_IPV4_SRC:
                return new TestPacket(ethSrc, ethDst, ethType, ipProto, action.ipv4(), ipv4Dst, l4Src, l4Dst, tcpFlags);
            case SET_IPV4_DST:
                return new TestPacket(ethSrc, ethDst, ethType, ipProto, ipv4Src, action.ipv4(), l4Src, l4Dst, tcpFlags);
            default:
                throw new IllegalArgumentException(action + " does not modify the packet");
        }
    }

    /** @return the same packet with other TCP flags */
    public TestPacket withFlags(int flags) {
        return new TestPacket(ethSrc, ethDst, ethType, ipProto, ipv4Src, ipv4Dst, l4Src, l4Dst, flags);
    }

    /** @return the same packet with another source port */
    public TestPacket withSrcPort(int port) {
        return new TestPacket(ethSrc, ethDst, ethType, ipProto, ipv4Src, ipv4Dst, port, l4Dst, tcpFlags);
    }

    /** @return the same packet with another destination port */
    public TestPacket withDstPort(int port) {
        return new TestPacket(ethSrc, ethDst, ethType, ipProto, ipv4Src, ipv4Dst, l4Src, port, tcpFlags);
    }

    /** @return a flow hash over addresses, protocol and ports, as a switch's SELECT group uses */
    public int flowHash() {
        return Objects.hash(ipv4Src, ipv4Dst, ipProto, l4Src, l4Dst) * 0x9e3779b1;
    }

    public long ethSrc() {
        return ethSrc;
    }

    public long ethDst() {
        return ethDst;
    }

    public int ethType() {
        return ethType;
    }

    public int ipv4Src() {
        return ipv4Src;
    }

    public int ipv4Dst() {
        return ipv4Dst;
    }

    public int l4Src() {
        return l4Src;
    }

    public int l4Dst() {
        return l4Dst;
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    private boolean isTcp() {
        return ethType == Match.ETH_TYPE_IPV4 && ipProto == Protocol.TCP.ipNumber();
    }

    private boolean isUdp() {
        return ethType == Match.ETH_TYPE_IPV4 && ipProto == Protocol.UDP.ipNumber();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TestPacket)) {
            return false;
        }
        TestPacket p = (TestPacket) o;
        return ethSrc == p.ethSrc && ethDst == p.ethDst && ethType == p.ethType && ipProto == p.ipProto
                && ipv4Src == p.ipv4Src && ipv4Dst == p.ipv4Dst && l4Src == p.l4Src && l4Dst == p.l4Dst
                && tcpFlags == p.tcpFlags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ethSrc, ethDst, ethType, ipProto, ipv4Src, ipv4Dst, l4Src, l4Dst, tcpFlags);
    }

    @Override
    public String toString() {
        if (ethType == Match.ETH_TYPE_ARP) {
            return "arp from " + MacAddress.format(ethSrc);
        }
        return String.format("%s>%s proto %d %s:%d>%s:%d flags 0x%03x", MacAddress.format(ethSrc),
                MacAddress.format(ethDst), ipProto, Ipv4.format(ipv4Src), l4Src, Ipv4.format(ipv4Dst), l4Dst,
                tcpFlags);
    }
}
