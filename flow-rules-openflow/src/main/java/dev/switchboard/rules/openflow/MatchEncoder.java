package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Match;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U16;

/** Encodes a rule model {@link Match} as an openflowj match of one OpenFlow version. */
final class MatchEncoder {
    /** Highest port number OpenFlow 1.0 can carry (OFPP_MAX in 16 bits). */
    static final long OF10_MAX_PORT = 0xff00;

    private final OFFactory factory;

    MatchEncoder(OFFactory factory) {
        this.factory = factory;
    }

    org.projectfloodlight.openflow.protocol.match.Match encode(Match match, Object context) {
        org.projectfloodlight.openflow.protocol.match.Match.Builder b = factory.buildMatch();
        for (Match.Field field : match.fields()) {
            long value = match.value(field);
            switch (field) {
                case IN_PORT -> b.setExact(MatchField.IN_PORT, port(factory.getVersion(), value, context));
                case ETH_TYPE -> b.setExact(MatchField.ETH_TYPE, EthType.of((int) value));
                case ETH_DST -> b.setExact(MatchField.ETH_DST, MacAddress.of(value));
                case IP_PROTO -> b.setExact(MatchField.IP_PROTO, IpProtocol.of((short) value));
                case IPV4_SRC -> b.setExact(MatchField.IPV4_SRC, IPv4Address.of((int) value));
                case IPV4_DST -> b.setExact(MatchField.IPV4_DST, IPv4Address.of((int) value));
                case TCP_SRC -> b.setExact(MatchField.TCP_SRC, TransportPort.of((int) value));
                case TCP_DST -> b.setExact(MatchField.TCP_DST, TransportPort.of((int) value));
                case UDP_SRC -> b.setExact(MatchField.UDP_SRC, TransportPort.of((int) value));
                case UDP_DST -> b.setExact(MatchField.UDP_DST, TransportPort.of((int) value));
                case TCP_FLAGS -> b.setMasked(tcpFlagsField(context), U16.of((int) value),
                        U16.of(match.tcpFlagsMask()));
                default -> throw new IllegalStateException("no encoding for " + field);
            }
        }
        return b.build();
    }

    /**
     * OVS accepts tcp_flags under OpenFlow 1.3 and 1.4 only as the ONF experimenter OXM (ONFOXM_ET_TCP_FLAGS);
     * the standard OXM_OF_TCP_FLAGS exists from 1.5 on.
     */
    private MatchField<U16> tcpFlagsField(Object context) {
        return switch (factory.getVersion()) {
            case OF_13, OF_14 -> MatchField.OVS_TCP_FLAGS;
            case OF_15 -> MatchField.TCP_FLAGS;
            default -> throw new UnsupportedOperationException("OpenFlow "
                    + OpenFlowEncoder.versionName(factory.getVersion()) + " cannot match tcp_flags: " + context);
        };
    }

    /** Maps a model port to an OpenFlow port, refusing numbers the version cannot carry. */
    static OFPort port(OFVersion version, long port, Object context) {
        if (version == OFVersion.OF_10 && port > OF10_MAX_PORT) {
            throw new UnsupportedOperationException("OpenFlow 1.0 ports end at 0xff00, port " + port
                    + " cannot be encoded: " + context);
        }
        return OFPort.of((int) port);
    }
}
