package dev.switchboard.onos;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.config.DeviceIds;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.Bucket;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.Match;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates flow-rules' controller-neutral rules into ONOS flow rules and group descriptions.
 *
 * <p>ONOS's criterion model matches TCP flags exactly ({@code TcpFlagsCriterion} has no mask), while the
 * compilers say "FIN set" ({@code tcp_flags=+fin}). A masked flag match is therefore expanded into one exact
 * rule per flag combination real TCP stacks send ({@link #COMMON_TCP_FLAGS}); a rare combination outside the
 * list is not matched (for FIN/RST copies: the idle timeout still ends that session).
 *
 * <p>Rules are tagged with the app id (ONOS derives the OpenFlow cookie from it); the compilers' cookies are
 * not used, ONOS tracks its rules by flow id.
 */
final class RuleTranslator {
    /**
     * Flag combinations matched exactly in place of a masked match: FIN, FIN+ACK, FIN+PSH+ACK, RST, RST+ACK,
     * SYN, SYN+ACK, PSH, PSH+ACK, ACK.
     */
    static final int[] COMMON_TCP_FLAGS = {0x001, 0x011, 0x019, 0x004, 0x014, 0x002, 0x012, 0x008, 0x018, 0x010};

    private final ApplicationId appId;

    RuleTranslator(ApplicationId appId) {
        this.appId = appId;
    }

    /**
     * @param rule a compiled rule
     * @return the ONOS rules that implement it: one, or one per matching flag combination
     * @throws IllegalArgumentException when a masked TCP flag match has no common exact combination
     */
    List<FlowRule> flows(dev.switchboard.rules.FlowRule rule) {
        DeviceId device = DeviceIds.deviceId(rule.deviceId());
        TrafficTreatment treatment = treatment(rule.applyActions(), rule.gotoTable());
        List<FlowRule> result = new ArrayList<>();
        for (TrafficSelector selector : selectors(rule.match())) {
            FlowRule.Builder b = DefaultFlowRule.builder()
                    .fromApp(appId)
                    .forDevice(device)
                    .forTable(rule.tableId())
                    .withPriority(rule.priority())
                    .withSelector(selector)
                    .withTreatment(treatment);
            if (rule.idleTimeout() == 0 && rule.hardTimeout() == 0) {
                b.makePermanent();
            } else if (rule.hardTimeout() > 0) {
                // ONOS's builder also sets the idle timeout to the hard timeout.
                b.withHardTimeout(rule.hardTimeout()).withReason(FlowRule.FlowRemoveReason.HARD_TIMEOUT);
            } else {
                // ONOS re-installs a rule the switch idles out unless the rule says it expires that way; its own
                // flow-stats liveness check then removes the rule and reports RULE_REMOVED with this reason.
                b.makeTemporary(rule.idleTimeout()).withReason(FlowRule.FlowRemoveReason.IDLE_TIMEOUT);
            }
            result.add(b.build());
        }
        return result;
    }

    /**
     * @param delete a strict delete
     * @return rules with the deleted entry's identity (device, table, priority, selector), which is all ONOS
     *     needs to remove it
     * @throws IllegalArgumentException for a cookie delete, which ONOS's API cannot express
     */
    List<FlowRule> deletes(FlowDelete delete) {
        if (!delete.isStrict()) {
            throw new IllegalArgumentException("only strict deletes translate to ONOS rules: " + delete);
        }
        List<FlowRule> result = new ArrayList<>();
        for (TrafficSelector selector : selectors(delete.match())) {
            result.add(DefaultFlowRule.builder()
                    .fromApp(appId)
                    .forDevice(DeviceIds.deviceId(delete.deviceId()))
                    .forTable(delete.tableId())
                    .withPriority(delete.priority())
                    .withSelector(selector)
                    .withTreatment(DefaultTrafficTreatment.emptyTreatment())
                    .makePermanent()
                    .build());
        }
        return result;
    }

    /** @return the ONOS selectors for a match; several when a masked TCP flag match is expanded */
    static List<TrafficSelector> selectors(Match match) {
        TrafficSelector.Builder base = DefaultTrafficSelector.builder();
        for (Match.Field field : match.fields()) {
            long v = match.value(field);
            switch (field) {
                case IN_PORT:
                    base.matchInPort(PortNumber.portNumber(v));
                    break;
                case ETH_TYPE:
                    base.matchEthType((short) v);
                    break;
                case ETH_DST:
                    base.matchEthDst(MacAddress.valueOf(v));
                    break;
                case IP_PROTO:
                    base.matchIPProtocol((byte) v);
                    break;
                case IPV4_SRC:
                    base.matchIPSrc(Ip4Prefix.valueOf((int) v, Ip4Prefix.MAX_MASK_LENGTH));
                    break;
                case IPV4_DST:
                    base.matchIPDst(Ip4Prefix.valueOf((int) v, Ip4Prefix.MAX_MASK_LENGTH));
                    break;
                case TCP_SRC:
                    base.matchTcpSrc(TpPort.tpPort((int) v));
                    break;
                case TCP_DST:
                    base.matchTcpDst(TpPort.tpPort((int) v));
                    break;
                case UDP_SRC:
                    base.matchUdpSrc(TpPort.tpPort((int) v));
                    break;
                case UDP_DST:
                    base.matchUdpDst(TpPort.tpPort((int) v));
                    break;
                case TCP_FLAGS:
                    break;
                default:
                    throw new IllegalArgumentException("match field " + field.oxmName() + " has no ONOS criterion");
            }
        }
        List<TrafficSelector> result = new ArrayList<>();
        if (!match.has(Match.Field.TCP_FLAGS)) {
            result.add(base.build());
            return result;
        }
        int value = (int) match.value(Match.Field.TCP_FLAGS);
        int mask = match.tcpFlagsMask();
        if (mask == Match.TCP_FLAGS_ALL) {
            result.add(DefaultTrafficSelector.builder(base.build()).add(Criteria.matchTcpFlags(value)).build());
            return result;
        }
        for (int flags : COMMON_TCP_FLAGS) {
            if ((flags & mask) == value) {
                result.add(DefaultTrafficSelector.builder(base.build()).add(Criteria.matchTcpFlags(flags)).build());
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "tcp_flags 0x%03x/0x%03x: no common flag combination matches it exactly", value, mask));
        }
        return result;
    }

    /** @return the treatment applying these actions, then continuing in {@code gotoTable} unless it is -1 */
    static TrafficTreatment treatment(List<Action> actions, int gotoTable) {
        TrafficTreatment.Builder t = DefaultTrafficTreatment.builder();
        for (Action a : actions) {
            switch (a.type()) {
                case OUTPUT:
                    t.setOutput(PortNumber.portNumber(a.port()));
                    break;
                case OUTPUT_IN_PORT:
                    t.setOutput(PortNumber.IN_PORT);
                    break;
                case OUTPUT_CONTROLLER:
                    t.setOutput(PortNumber.CONTROLLER);
                    break;
                case SET_ETH_SRC:
                    t.setEthSrc(MacAddress.valueOf(a.mac()));
                    break;
                case SET_ETH_DST:
                    t.setEthDst(MacAddress.valueOf(a.mac()));
                    break;
                case SET_IPV4_SRC:
                    t.setIpSrc(Ip4Address.valueOf(a.ipv4()));
                    break;
                case SET_IPV4_DST:
                    t.setIpDst(Ip4Address.valueOf(a.ipv4()));
                    break;
                case GROUP:
                    t.group(GroupId.valueOf((int) a.groupId()));
                    break;
                case GOTO_TABLE:
                    t.transition(a.tableId());
                    break;
                default:
                    throw new IllegalArgumentException("action " + a + " has no ONOS instruction");
            }
        }
        if (gotoTable >= 0) {
            t.transition(gotoTable);
        }
        return t.build();
    }

    /** @return the ONOS group description of a SELECT group, keyed by {@link #groupKey} */
    GroupDescription group(GroupRule rule) {
        List<GroupBucket> buckets = new ArrayList<>();
        for (Bucket b : rule.buckets()) {
            // ONOS's SELECT buckets carry no watch port; the manager rewrites the buckets when a port goes down.
            buckets.add(DefaultGroupBucket.createSelectGroupBucket(treatment(b.actions(), -1), (short) b.weight()));
        }
        return new DefaultGroupDescription(DeviceIds.deviceId(rule.deviceId()), GroupDescription.Type.SELECT,
                new GroupBuckets(buckets), groupKey(rule.groupId()), (int) rule.groupId(), appId);
    }

    /** @return the index of a rule's table, or -1 for a non-index (P4) table */
    static int tableOf(FlowRule rule) {
        return rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : -1;
    }

    /** @return the key Switchboard's group with this id has on any device */
    static GroupKey groupKey(long groupId) {
        return new DefaultGroupKey(("switchboard-group-" + groupId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Recovers the session a session or lock-redirect rule was made for (from a removed rule's selector).
     *
     * @return the session, or {@code null} when the selector is not a 5-tuple match
     */
    static SessionKey sessionKeyOf(TrafficSelector selector) {
        IPProtocolCriterion proto = (IPProtocolCriterion) selector.getCriterion(Criterion.Type.IP_PROTO);
        IPCriterion src = (IPCriterion) selector.getCriterion(Criterion.Type.IPV4_SRC);
        IPCriterion dst = (IPCriterion) selector.getCriterion(Criterion.Type.IPV4_DST);
        if (proto == null || src == null || dst == null) {
            return null;
        }
        Protocol protocol = Protocol.fromIpNumber(proto.protocol());
        if (protocol == null) {
            return null;
        }
        int srcPort;
        int dstPort;
        if (protocol == Protocol.TCP) {
            TcpPortCriterion s = (TcpPortCriterion) selector.getCriterion(Criterion.Type.TCP_SRC);
            TcpPortCriterion d = (TcpPortCriterion) selector.getCriterion(Criterion.Type.TCP_DST);
            if (s == null || d == null) {
                return null;
            }
            srcPort = s.tcpPort().toInt();
            dstPort = d.tcpPort().toInt();
        } else {
            UdpPortCriterion s = (UdpPortCriterion) selector.getCriterion(Criterion.Type.UDP_SRC);
            UdpPortCriterion d = (UdpPortCriterion) selector.getCriterion(Criterion.Type.UDP_DST);
            if (s == null || d == null) {
                return null;
            }
            srcPort = s.udpPort().toInt();
            dstPort = d.udpPort().toInt();
        }
        return SessionKey.of(protocol, src.ip().address().getIp4Address().toInt(), srcPort,
                dst.ip().address().getIp4Address().toInt(), dstPort);
    }
}
