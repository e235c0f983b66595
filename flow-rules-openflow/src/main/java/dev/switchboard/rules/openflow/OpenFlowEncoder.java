package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Action;
import dev.switchboard.rules.Bucket;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.Match;
import dev.switchboard.rules.RuleSet;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowModifyStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Encodes Switchboard rules as openflowj messages for one OpenFlow version (the factory's).
 *
 * <ul>
 *   <li>OpenFlow 1.3 and 1.4: everything. tcp_flags uses the ONF experimenter OXM OVS expects.</li>
 *   <li>OpenFlow 1.5: flows (tcp_flags as the standard OXM); groups are refused, because openflowj 3.6.605
 *       cannot encode 1.5 bucket ids.</li>
 *   <li>OpenFlow 1.0: one table. Rules go into it whatever their table id as long as they need no pipeline
 *       or 1.3 feature: goto-table, groups, tcp_flags, cookie masks and ports above 0xff00 are refused. A 1.0
 *       dispatcher switch can therefore run the session-table rules, not the FIN copies.</li>
 * </ul>
 * Anything a version cannot express fails with {@link UnsupportedOperationException} naming the version and
 * the rule; nothing is silently dropped. The encoder keeps no state and is safe to share between threads.
 */
public final class OpenFlowEncoder {
    private static final Set<OFVersion> SUPPORTED =
            EnumSet.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15);

    private final OFFactory factory;
    private final MatchEncoder matches;
    private final ActionEncoder actions;

    /**
     * @param factory the factory of the switch's negotiated OpenFlow version
     * @throws UnsupportedOperationException for OpenFlow 1.1 and 1.2
     */
    public OpenFlowEncoder(OFFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        if (!SUPPORTED.contains(factory.getVersion())) {
            throw new UnsupportedOperationException("OpenFlow " + versionName(factory.getVersion())
                    + " is not supported; use 1.3 (or 1.0 for single-table dispatcher switches, 1.4, 1.5)");
        }
        this.matches = new MatchEncoder(factory);
        this.actions = new ActionEncoder(factory);
    }

    /** @return the factory messages are built with */
    public OFFactory factory() {
        return factory;
    }

    /**
     * @return the rule as an OFPFC_ADD (replaces an entry with the same table, priority and match)
     * @throws UnsupportedOperationException when the version cannot express the rule
     */
    public OFFlowAdd flowAdd(FlowRule rule) {
        OFFlowMod.Builder b = factory.buildFlowAdd();
        describe(b, rule);
        return (OFFlowAdd) b.build();
    }

    /**
     * @return the rule as an OFPFC_MODIFY_STRICT: changes actions and cookie of the one entry with the same
     *     table, priority and match, keeping its counters and timeouts running
     * @throws UnsupportedOperationException when the version cannot express the rule
     */
    public OFFlowModifyStrict flowModifyStrict(FlowRule rule) {
        OFFlowMod.Builder b = factory.buildFlowModifyStrict();
        describe(b, rule);
        return (OFFlowModifyStrict) b.build();
    }

    /**
     * @return an OFPFC_DELETE_STRICT for a strict delete, else an OFPFC_DELETE filtered by cookie and mask;
     *     neither restricts by out_port or out_group
     * @throws UnsupportedOperationException for a cookie-masked delete on OpenFlow 1.0
     */
    public OFFlowMod flowDelete(FlowDelete delete) {
        OFFlowMod.Builder b = delete.isStrict() ? factory.buildFlowDeleteStrict() : factory.buildFlowDelete();
        b.setMatch(matches.encode(delete.match(), delete)).setPriority(delete.priority()).setOutPort(OFPort.ANY);
        if (factory.getVersion() == OFVersion.OF_10) {
            if (delete.cookieMask() != 0) {
                throw new UnsupportedOperationException("OpenFlow 1.0 cannot delete by cookie mask: " + delete);
            }
            return b.build();
        }
        b.setTableId(delete.tableId() == FlowDelete.ALL_TABLES ? TableId.ALL : TableId.of(delete.tableId()))
                .setOutGroup(OFGroup.ANY)
                .setCookie(U64.of(delete.cookie()))
                .setCookieMask(U64.of(delete.cookieMask()));
        return b.build();
    }

    /**
     * @throws UnsupportedOperationException on OpenFlow 1.0 (no groups) and 1.5 (see class comment)
     */
    public OFGroupAdd groupAdd(GroupRule group) {
        requireGroups(group);
        OFGroupMod.Builder b = factory.buildGroupAdd();
        describe(b, group);
        return (OFGroupAdd) b.build();
    }

    /**
     * @return the group as an OFPGC_MODIFY, replacing all buckets of the existing group at once
     * @throws UnsupportedOperationException on OpenFlow 1.0 and 1.5
     */
    public OFGroupModify groupModify(GroupRule group) {
        requireGroups(group);
        OFGroupMod.Builder b = factory.buildGroupModify();
        describe(b, group);
        return (OFGroupModify) b.build();
    }

    /**
     * @return an OFPGC_DELETE of the group (the switch also removes flows that use it)
     * @throws UnsupportedOperationException on OpenFlow 1.0 and 1.5
     */
    public OFGroupDelete groupDelete(GroupRule group) {
        requireGroups(group);
        return factory.buildGroupDelete().setGroup(OFGroup.of((int) group.groupId()))
                .setGroupType(OFGroupType.SELECT).build();
    }

    /**
     * @return adds for all groups, then all flows, of a compiled rule set (the order a switch accepts)
     * @throws UnsupportedOperationException when the version cannot express a rule or group
     */
    public List<OFMessage> install(RuleSet rules) {
        List<OFMessage> messages = new ArrayList<>(rules.groups().size() + rules.flows().size());
        for (GroupRule g : rules.groups()) {
            messages.add(groupAdd(g));
        }
        for (FlowRule r : rules.flows()) {
            messages.add(flowAdd(r));
        }
        return messages;
    }

    /**
     * A packet-out that sends a frame through the given actions, as if it had arrived on {@code inPort}
     * (so that an {@code IN_PORT} output returns it where it came from).
     *
     * @param frame the whole Ethernet frame
     * @param inPort the port the frame arrived on
     * @param actionList what to do with it
     * @return the packet-out
     * @throws UnsupportedOperationException when the version cannot express an action
     */
    public OFPacketOut packetOut(byte[] frame, long inPort, List<Action> actionList) {
        OFPacketOut.Builder b = factory.buildPacketOut()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setData(frame)
                .setActions(actions.encode(actionList, "packet-out"));
        OFPort port = MatchEncoder.port(factory.getVersion(), inPort, "packet-out");
        if (factory.getVersion().compareTo(OFVersion.OF_15) >= 0) {
            b.setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, port).build());
        } else {
            b.setInPort(port);
        }
        return b.build();
    }

    /** @return a model match as an openflowj match of this version */
    public org.projectfloodlight.openflow.protocol.match.Match match(Match match) {
        return matches.encode(match, match);
    }

    private void describe(OFFlowMod.Builder b, FlowRule rule) {
        b.setCookie(U64.of(rule.cookie()))
                .setPriority(rule.priority())
                .setIdleTimeout(rule.idleTimeout())
                .setHardTimeout(rule.hardTimeout())
                .setBufferId(OFBufferId.NO_BUFFER)
                .setOutPort(OFPort.ANY)
                .setMatch(matches.encode(rule.match(), rule))
                .setFlags(rule.sendFlowRemoved() ? EnumSet.of(OFFlowModFlags.SEND_FLOW_REM)
                        : EnumSet.noneOf(OFFlowModFlags.class));
        if (factory.getVersion() == OFVersion.OF_10) {
            if (rule.gotoTable() >= 0) {
                throw new UnsupportedOperationException(
                        "OpenFlow 1.0 has one table, goto_table cannot be expressed: " + rule);
            }
            b.setActions(actions.encode(rule.applyActions(), rule));
            return;
        }
        List<OFInstruction> instructions = new ArrayList<>(2);
        if (!rule.applyActions().isEmpty()) {
            instructions.add(factory.instructions().applyActions(actions.encode(rule.applyActions(), rule)));
        }
        if (rule.gotoTable() >= 0) {
            instructions.add(factory.instructions().gotoTable(TableId.of(rule.gotoTable())));
        }
        b.setTableId(TableId.of(rule.tableId())).setOutGroup(OFGroup.ANY).setInstructions(instructions);
    }

    private void describe(OFGroupMod.Builder b, GroupRule group) {
        List<OFBucket> buckets = new ArrayList<>(group.buckets().size());
        for (Bucket bucket : group.buckets()) {
            buckets.add(factory.buildBucket()
                    .setWeight(bucket.weight())
                    .setWatchPort(MatchEncoder.port(factory.getVersion(), bucket.watchPort(), group))
                    .setWatchGroup(OFGroup.ANY)
                    .setActions(actions.encode(bucket.actions(), group))
                    .build());
        }
        b.setGroup(OFGroup.of((int) group.groupId())).setGroupType(OFGroupType.SELECT).setBuckets(buckets);
    }

    /** @return the version as people write it, such as {@code 1.3} */
    static String versionName(OFVersion version) {
        return "1." + (version.getWireVersion() - 1);
    }

    private void requireGroups(GroupRule group) {
        switch (factory.getVersion()) {
            case OF_10 -> throw new UnsupportedOperationException("OpenFlow 1.0 has no groups: " + group);
            case OF_15 -> throw new UnsupportedOperationException("openflowj cannot encode OpenFlow 1.5 bucket ids;"
                    + " program groups over OpenFlow 1.3: " + group);
            default -> {
            }
        }
    }
}
