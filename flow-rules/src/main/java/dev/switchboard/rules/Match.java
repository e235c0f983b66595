package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The packet fields a rule matches. Every field is exact except {@link Field#TCP_FLAGS}, which has a mask
 * (OVS {@code tcp_flags=+fin} is value {@code FIN}, mask {@code FIN}). Immutable; built by {@link Builder},
 * which enforces OpenFlow prerequisites (IPv4 fields need {@code eth_type=0x0800}, TCP ports and flags need
 * {@code ip_proto=6}, UDP ports {@code ip_proto=17}) because a switch rejects a match that violates them.
 */
public final class Match {
    /** The fields Switchboard matches on, named as in OpenFlow (OXM names). */
    public enum Field {
        IN_PORT("in_port"),
        ETH_TYPE("eth_type"),
        ETH_DST("eth_dst"),
        IP_PROTO("ip_proto"),
        IPV4_SRC("ipv4_src"),
        IPV4_DST("ipv4_dst"),
        TCP_SRC("tcp_src"),
        TCP_DST("tcp_dst"),
        UDP_SRC("udp_src"),
        UDP_DST("udp_dst"),
        TCP_FLAGS("tcp_flags");

        private final String oxmName;

        Field(String oxmName) {
            this.oxmName = oxmName;
        }

        /** @return the OpenFlow name, used in error messages and {@link Match#toString()} */
        public String oxmName() {
            return oxmName;
        }
    }

    /** Ethernet type of IPv4. */
    public static final int ETH_TYPE_IPV4 = 0x0800;
    /** Ethernet type of ARP. */
    public static final int ETH_TYPE_ARP = 0x0806;
    /** TCP flag bits as in the TCP header (and in OpenFlow's tcp_flags field). */
    public static final int TCP_FIN = 0x001;
    /** TCP SYN flag. */
    public static final int TCP_SYN = 0x002;
    /** TCP RST flag. */
    public static final int TCP_RST = 0x004;
    /** TCP PSH flag. */
    public static final int TCP_PSH = 0x008;
    /** TCP ACK flag. */
    public static final int TCP_ACK = 0x010;
    /** All twelve bits OpenFlow's tcp_flags field carries. */
    public static final int TCP_FLAGS_ALL = 0xfff;

    private static final Field[] FIELDS = Field.values();

    /** Matches every packet (a table-miss rule). */
    public static final Match ANY = builder().build();

    private final long[] values;
    private final int present;
    private final int tcpFlagsMask;

    private Match(long[] values, int present, int tcpFlagsMask) {
        this.values = values;
        this.present = present;
        this.tcpFlagsMask = tcpFlagsMask;
    }

    /** @return a builder with no field set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the match constrains this field */
    public boolean has(Field field) {
        return (present & bit(field)) != 0;
    }

    /**
     * @return the exact value (for {@link Field#TCP_FLAGS}, the value under {@link #tcpFlagsMask()}); ports,
     *     protocol numbers and IPv4 addresses fit an {@code int}, MAC addresses use the low 48 bits
     * @throws IllegalStateException when the field is not matched
     */
    public long value(Field field) {
        if (!has(field)) {
            throw new IllegalStateException("match does not constrain " + field.oxmName() + ": " + this);
        }
        return values[field.ordinal()];
    }

    /** @return the tcp_flags mask, 0 when tcp_flags is not matched */
    public int tcpFlagsMask() {
        return tcpFlagsMask;
    }

    /** @return the matched fields in declaration order */
    public Set<Field> fields() {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (Field f : FIELDS) {
            if (has(f)) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** @return a builder holding this match's fields, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.present = present;
        b.tcpFlagsMask = tcpFlagsMask;
        return b;
    }

    private static int bit(Field field) {
        return 1 << field.ordinal();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Match)) {
            return false;
        }
        Match m = (Match) o;
        return present == m.present && tcpFlagsMask == m.tcpFlagsMask && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * present + tcpFlagsMask) + Arrays.hashCode(values);
    }

    /** @return the fields in ovs-ofctl-like notation, such as {@code in_port=1,eth_type=0x800,ipv4_dst=...} */
    @Override
    public String toString() {
        if (present == 0) {
            return "any";
        }
        StringBuilder text = new StringBuilder();
        for (Field f : FIELDS) {
            if (!has(f)) {
                continue;
            }
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(f.oxmName()).append('=').append(format(f, values[f.ordinal()]));
        }
        return text.toString();
    }

    private String format(Field field, long value) {
        switch (field) {
            case ETH_TYPE:
                return "0x" + Long.toHexString(value);
            case ETH_DST:
                return MacAddress.format(value);
            case IPV4_SRC:
            case IPV4_DST:
                return Ipv4.format((int) value);
            case TCP_FLAGS:
                return String.format("0x%03x/0x%03x", value, tcpFlagsMask);
            default:
                return Long.toString(value);
        }
    }

    /**
     * Collects fields. Setting a field twice to the same value is harmless (convenience setters overlap);
     * setting it to a different value is a bug and is rejected.
     */
    public static final class Builder {
        private final long[] values = new long[FIELDS.length];
        private int present;
        private int tcpFlagsMask;

        private Builder() {
        }

        /** @param port switch port the packet arrived on, 1 to {@link RuleConstants#MAX_PORT} */
        public Builder inPort(long port) {
            return set(Field.IN_PORT, port, 1, RuleConstants.MAX_PORT);
        }

        /** @param ethType Ethernet type, such as {@link #ETH_TYPE_IPV4} */
        public Builder ethType(int ethType) {
            return set(Field.ETH_TYPE, ethType, 0, 0xffff);
        }

        /** @param mac destination MAC address in the low 48 bits */
        public Builder ethDst(long mac) {
            return set(Field.ETH_DST, mac, 0, 0xffff_ffff_ffffL);
        }

        /** @param ipProto IP protocol number (eth_type must be IPv4) */
        public Builder ipProto(int ipProto) {
            return set(Field.IP_PROTO, ipProto, 0, 0xff);
        }

        /** @param address IPv4 source address (eth_type must be IPv4) */
        public Builder ipv4Src(int address) {
            return set(Field.IPV4_SRC, address & 0xffff_ffffL, 0, 0xffff_ffffL);
        }

        /** @param address IPv4 destination address (eth_type must be IPv4) */
        public Builder ipv4Dst(int address) {
            return set(Field.IPV4_DST, address & 0xffff_ffffL, 0, 0xffff_ffffL);
        }

        /** @param port TCP source port (ip_proto must be 6) */
        public Builder tcpSrc(int port) {
            return set(Field.TCP_SRC, port, 0, 0xffff);
        }

        /** @param port TCP destination port (ip_proto must be 6) */
        public Builder tcpDst(int port) {
            return set(Field.TCP_DST, port, 0, 0xffff);
        }

        /** @param port UDP source port (ip_proto must be 17) */
        public Builder udpSrc(int port) {
            return set(Field.UDP_SRC, port, 0, 0xffff);
        }

        /** @param port UDP destination port (ip_proto must be 17) */
        public Builder udpDst(int port) {
            return set(Field.UDP_DST, port, 0, 0xffff);
        }

        /**
         * Matches packets whose flags under {@code mask} equal {@code value}: {@code tcpFlags(TCP_FIN, TCP_FIN)}
         * is OVS's {@code tcp_flags=+fin}, {@code tcpFlags(TCP_SYN, TCP_SYN | TCP_ACK)} is {@code +syn-ack}.
         *
         * @param value flag bits that must be set, a subset of {@code mask}
         * @param mask flag bits that are compared, 1 to {@link #TCP_FLAGS_ALL}
         */
        public Builder tcpFlags(int value, int mask) {
            if (mask < 1 || mask > TCP_FLAGS_ALL) {
                throw new IllegalArgumentException(
                        String.format("tcp_flags mask must be 0x001..0xfff, was 0x%x", mask));
            }
            if ((value & ~mask) != 0) {
                throw new IllegalArgumentException(
                        String.format("tcp_flags value 0x%03x has bits outside mask 0x%03x", value, mask));
            }
            if (tcpFlagsMask != 0 && tcpFlagsMask != mask) {
                throw new IllegalArgumentException(String.format(
                        "tcp_flags set twice with different masks (0x%03x then 0x%03x)", tcpFlagsMask, mask));
            }
            set(Field.TCP_FLAGS, value, 0, TCP_FLAGS_ALL);
            tcpFlagsMask = mask;
            return this;
        }

        /** Matches ARP frames. */
        public Builder arp() {
            return ethType(ETH_TYPE_ARP);
        }

        /** Matches IPv4 packets. */
        public Builder ipv4() {
            return ethType(ETH_TYPE_IPV4);
        }

        /** Matches IPv4 packets of one transport protocol. */
        public Builder protocol(Protocol protocol) {
            if (protocol == null) {
                throw new IllegalArgumentException("protocol is missing");
            }
            return ipv4().ipProto(protocol.ipNumber());
        }

        /** Matches the transport source port of a TCP or UDP packet (and the protocol). */
        public Builder l4Src(Protocol protocol, int port) {
            protocol(protocol);
            return protocol == Protocol.TCP ? tcpSrc(port) : udpSrc(port);
        }

        /** Matches the transport destination port of a TCP or UDP packet (and the protocol). */
        public Builder l4Dst(Protocol protocol, int port) {
            protocol(protocol);
            return protocol == Protocol.TCP ? tcpDst(port) : udpDst(port);
        }

        private Builder set(Field field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        field.oxmName() + " must be " + min + ".." + max + ", was " + value);
            }
            int bit = bit(field);
            if ((present & bit) != 0 && values[field.ordinal()] != value) {
                throw new IllegalArgumentException(field.oxmName() + " set twice with different values ("
                        + values[field.ordinal()] + " then " + value + ")");
            }
            values[field.ordinal()] = value;
            present |= bit;
            return this;
        }

        /**
         * @return the match
         * @throws IllegalArgumentException naming the field whose OpenFlow prerequisite is missing
         */
        public Match build() {
            boolean ipv4 = isSet(Field.ETH_TYPE) && values[Field.ETH_TYPE.ordinal()] == ETH_TYPE_IPV4;
            for (Field f : new Field[] {Field.IP_PROTO, Field.IPV4_SRC, Field.IPV4_DST}) {
                if (isSet(f) && !ipv4) {
                    throw new IllegalArgumentException(f.oxmName() + " needs eth_type=0x800 (IPv4)");
                }
            }
            requireProtocol(Protocol.TCP, Field.TCP_SRC, Field.TCP_DST, Field.TCP_FLAGS);
            requireProtocol(Protocol.UDP, Field.UDP_SRC, Field.UDP_DST);
            return new Match(values.clone(), present, tcpFlagsMask);
        }

        private void requireProtocol(Protocol protocol, Field... fields) {
            boolean matched = isSet(Field.IP_PROTO) && values[Field.IP_PROTO.ordinal()] == protocol.ipNumber();
            for (Field f : fields) {
                if (isSet(f) && !matched) {
                    throw new IllegalArgumentException(
                            f.oxmName() + " needs ip_proto=" + protocol.ipNumber() + " (" + protocol + ")");
                }
            }
        }

        private boolean isSet(Field field) {
            return (present & bit(field)) != 0;
        }
    }
}
