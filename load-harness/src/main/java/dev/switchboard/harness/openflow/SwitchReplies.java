package dev.switchboard.harness.openflow;

import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The answers an OpenFlow 1.3 switch gives to the controller's requests: features, port descriptions,
 * configuration, role, and empty statistics (the emulated switch keeps no flow table).
 */
final class SwitchReplies {
    /** The emulated switches speak 1.3 only: the dispatcher pipeline needs two tables and groups. */
    static final OFVersion VERSION = OFVersion.OF_13;

    private static final long TEN_GIGABIT_KBPS = 10_000_000L;
    private static final short TABLES = 254;
    private static final Set<OFStatsReplyFlags> LAST_PART = EnumSet.noneOf(OFStatsReplyFlags.class);

    private final OFFactory factory = OFFactories.getFactory(VERSION);
    private final SwitchSpec spec;
    private final List<OFPortDesc> ports;

    SwitchReplies(SwitchSpec spec) {
        this.spec = spec;
        List<OFPortDesc> list = new ArrayList<>();
        for (int port : spec.ports()) {
            list.add(factory.buildPortDesc()
                    .setPortNo(OFPort.of(port))
                    // Locally administered, unique per switch and port.
                    .setHwAddr(MacAddress.of(0x0200_0000_0000L | ((spec.dpid() & 0xffffff) << 16) | (port & 0xffff)))
                    .setName(String.format("s%x-eth%d", spec.dpid(), port))
                    .setState(EnumSet.of(OFPortState.LIVE))
                    .setCurr(EnumSet.of(OFPortFeatures.PF_10GB_FD, OFPortFeatures.PF_COPPER))
                    .setCurrSpeed(TEN_GIGABIT_KBPS)
                    .setMaxSpeed(TEN_GIGABIT_KBPS)
                    .build());
        }
        this.ports = List.copyOf(list);
    }

    OFFactory factory() {
        return factory;
    }

    /** @return the switch's first message: a 1.3 HELLO whose version bitmap offers 1.3 only */
    OFHello hello(long xid) {
        OFHelloElem bitmap = factory.buildHelloElemVersionbitmap()
                .setBitmaps(List.of(U32.of(1L << VERSION.getWireVersion())))
                .build();
        return factory.buildHello().setXid(xid).setElements(List.of(bitmap)).build();
    }

    OFMessage featuresReply(long xid) {
        return factory.buildFeaturesReply()
                .setXid(xid)
                .setDatapathId(DatapathId.of(spec.dpid()))
                .setNBuffers(0)
                .setNTables(TABLES)
                .setAuxiliaryId(OFAuxId.MAIN)
                .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
                        OFCapabilities.PORT_STATS, OFCapabilities.GROUP_STATS))
                .build();
    }

    OFMessage getConfigReply(long xid, int missSendLen) {
        return factory.buildGetConfigReply().setXid(xid).setMissSendLen(missSendLen).build();
    }

    OFMessage roleReply(OFRoleRequest request) {
        return factory.buildRoleReply()
                .setXid(request.getXid())
                .setRole(request.getRole())
                .setGenerationId(request.getGenerationId() == null ? U64.ZERO : request.getGenerationId())
                .build();
    }

    /**
     * @param request a multipart request
     * @return the reply: port descriptions, a description of the emulated switch, or an empty reply of the
     *         requested kind; an error for kinds a 1.3 switch without meters or experimenters would refuse
     */
    OFMessage statsReply(OFStatsRequest<?> request) {
        long xid = request.getXid();
        return switch (request.getStatsType()) {
            case PORT_DESC -> factory.buildPortDescStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(ports)
                    .build();
            case DESC -> factory.buildDescStatsReply().setXid(xid).setFlags(LAST_PART)
                    .setMfrDesc("Switchboard")
                    .setHwDesc("load-harness emulated switch")
                    .setSwDesc("switchboard-harness")
                    .setSerialNum(Long.toHexString(spec.dpid()))
                    .setDpDesc(spec.toString())
                    .build();
            case FLOW -> factory.buildFlowStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(List.of()).build();
            case AGGREGATE -> factory.buildAggregateStatsReply().setXid(xid).setFlags(LAST_PART).build();
            case TABLE -> factory.buildTableStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(List.of())
                    .build();
            case PORT -> factory.buildPortStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(List.of()).build();
            case QUEUE -> factory.buildQueueStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(List.of())
                    .build();
            case GROUP -> factory.buildGroupStatsReply().setXid(xid).setFlags(LAST_PART).setEntries(List.of())
                    .build();
            case GROUP_DESC -> factory.buildGroupDescStatsReply().setXid(xid).setFlags(LAST_PART)
                    .setEntries(List.of()).build();
            case TABLE_FEATURES -> factory.buildTableFeaturesStatsReply().setXid(xid).setFlags(LAST_PART)
                    .setEntries(List.of()).build();
            default -> factory.errorMsgs().buildBadRequestErrorMsg()
                    .setXid(xid)
                    .setCode(OFBadRequestCode.BAD_STAT)
                    .setData(OFErrorCauseData.of(new byte[0], VERSION))
                    .build();
        };
    }
}
