package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds the messages a switch sends, in any version, for handshake and dispatch tests. */
final class SwitchMessages {
    private SwitchMessages() {
    }

    static OFFactory factory(OFVersion version) {
        return OFFactories.getFactory(version);
    }

    /** A HELLO with a version bitmap listing {@code offered} (from 1.3 on), or a plain HELLO. */
    static OFHello hello(OFVersion header, Set<OFVersion> offered) {
        OFFactory f = factory(header);
        if (header.compareTo(OFVersion.OF_13) < 0 || offered.isEmpty()) {
            return f.buildHello().setXid(1).build();
        }
        long bitmap = 0;
        for (OFVersion v : offered) {
            bitmap |= 1L << v.getWireVersion();
        }
        OFHelloElem element = f.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(bitmap))).build();
        return f.buildHello().setXid(1).setElements(List.of(element)).build();
    }

    static OFHello hello(OFVersion only) {
        return hello(only, EnumSet.of(only));
    }

    static OFPortDesc port(OFVersion version, int number) {
        return factory(version).buildPortDesc()
                .setPortNo(OFPort.of(number))
                .setHwAddr(MacAddress.of(0x020000000000L | number))
                .setName("eth" + number)
                .build();
    }

    static OFFeaturesReply featuresReply(OFVersion version, long xid, long dpid, int... ports) {
        OFFeaturesReply.Builder reply = factory(version).buildFeaturesReply()
                .setXid(xid)
                .setDatapathId(DatapathId.of(dpid));
        if (version == OFVersion.OF_10) {
            reply.setPorts(ports(version, ports));
        }
        return reply.build();
    }

    static OFPortDescStatsReply portDescReply(OFVersion version, long xid, boolean more, int... ports) {
        return factory(version).buildPortDescStatsReply()
                .setXid(xid)
                .setFlags(more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class))
                .setEntries(ports(version, ports))
                .build();
    }

    static OFPacketIn packetIn(OFVersion version, int inPort, byte[] data) {
        OFFactory f = factory(version);
        OFPacketIn.Builder packetIn = f.buildPacketIn()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(data.length)
                .setReason(OFPacketInReason.NO_MATCH)
                .setData(data);
        if (version == OFVersion.OF_10) {
            packetIn.setInPort(OFPort.of(inPort));
        } else {
            packetIn.setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build());
        }
        return packetIn.build();
    }

    static List<OFPortDesc> ports(OFVersion version, int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> port(version, n)).toList();
    }

    static ByteBuf encode(OFMessage... messages) {
        ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : messages) {
            m.writeTo(buf);
        }
        return buf;
    }

    static byte[] bytes(OFMessage... messages) {
        ByteBuf buf = encode(messages);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }
}
