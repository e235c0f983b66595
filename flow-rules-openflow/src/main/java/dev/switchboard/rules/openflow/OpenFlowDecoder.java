package dev.switchboard.rules.openflow;

import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.Match;
import dev.switchboard.rules.RuleKind;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwSrc;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U16;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reads openflowj messages back into the rule model: a FLOW_REMOVED's session, or a flow-mod as the
 * {@link FlowRule} it installs (to check what a switch holds against what the compilers produce). The inverse
 * of {@link OpenFlowEncoder} for everything the encoder writes; anything else is rejected, naming it.
 */
public final class OpenFlowDecoder {
    private static final Set<MatchField<?>> MODEL_FIELDS = Set.of(MatchField.IN_PORT, MatchField.ETH_TYPE,
            MatchField.ETH_DST, MatchField.IP_PROTO, MatchField.IPV4_SRC, MatchField.IPV4_DST, MatchField.TCP_SRC,
            MatchField.TCP_DST, MatchField.UDP_SRC, MatchField.UDP_DST, MatchField.TCP_FLAGS,
            MatchField.OVS_TCP_FLAGS);

    private OpenFlowDecoder() {
    }

    /**
     * @param removed a FLOW_REMOVED message
     * @return the session whose rule was removed, or {@code null} when the rule was not a session rule
     */
    public static SessionKey sessionKey(OFFlowRemoved removed) {
        if (Cookies.kindOf(removed.getCookie().getValue()) != RuleKind.SESSION) {
            return null;
        }
        return DispatcherRules.sessionKeyOf(match(removed.getMatch()));
    }

    /**
     * @param deviceId the datapath id of the switch the flow-mod is for (not part of the message)
     * @param flowMod a flow-mod the encoder could have written
     * @return the rule it installs; OpenFlow 1.0 rules are in table 0
     * @throws IllegalArgumentException for fields, actions or instructions outside the rule model
     */
    public static FlowRule flowRule(long deviceId, OFFlowMod flowMod) {
        FlowRule.Builder b = FlowRule.builder(deviceId)
                .priority(flowMod.getPriority())
                .match(match(flowMod.getMatch()))
                .idleTimeout(flowMod.getIdleTimeout())
                .hardTimeout(flowMod.getHardTimeout())
                .cookie(flowMod.getCookie().getValue())
                .sendFlowRemoved(flowMod.getFlags().contains(OFFlowModFlags.SEND_FLOW_REM));
        if (flowMod.getVersion() == OFVersion.OF_10) {
            return b.actions(actions(flowMod.getActions())).build();
        }
        b.table(flowMod.getTableId().getValue());
        Action gotoTable = null;
        for (OFInstruction instruction : flowMod.getInstructions()) {
            if (instruction instanceof OFInstructionApplyActions apply) {
                b.actions(actions(apply.getActions()));
            } else if (instruction instanceof OFInstructionGotoTable go) {
                gotoTable = Action.gotoTable(go.getTableId().getValue());
            } else {
                throw new IllegalArgumentException("instruction " + instruction + " is outside the rule model");
            }
        }
        if (gotoTable != null) {
            b.actions(gotoTable);
        }
        return b.build();
    }

    /**
     * @return the model form of an openflowj match (tcp_flags from either the ONF experimenter or the standard OXM)
     * @throws IllegalArgumentException for a field outside the rule model
     */
    public static Match match(org.projectfloodlight.openflow.protocol.match.Match m) {
        for (MatchField<?> field : m.getMatchFields()) {
            if (!MODEL_FIELDS.contains(field)) {
                throw new IllegalArgumentException("match field " + field.getName() + " is outside the rule model");
            }
        }
        Match.Builder b = Match.builder();
        OFPort inPort = exact(m, MatchField.IN_PORT);
        if (inPort != null) {
            b.inPort(inPort.getPortNumber() & 0xffff_ffffL);
        }
        EthType ethType = exact(m, MatchField.ETH_TYPE);
        if (ethType != null) {
            b.ethType(ethType.getValue());
        }
        MacAddress ethDst = exact(m, MatchField.ETH_DST);
        if (ethDst != null) {
            b.ethDst(ethDst.getLong());
        }
        IpProtocol proto = exact(m, MatchField.IP_PROTO);
        if (proto != null) {
            b.ipProto(proto.getIpProtocolNumber());
        }
        IPv4Address src = exact(m, MatchField.IPV4_SRC);
        if (src != null) {
            b.ipv4Src(src.getInt());
        }
        IPv4Address dst = exact(m, MatchField.IPV4_DST);
        if (dst != null) {
            b.ipv4Dst(dst.getInt());
        }
        transport(m, MatchField.TCP_SRC, b::tcpSrc);
        transport(m, MatchField.TCP_DST, b::tcpDst);
        transport(m, MatchField.UDP_SRC, b::udpSrc);
        transport(m, MatchField.UDP_DST, b::udpDst);
        tcpFlags(m, MatchField.OVS_TCP_FLAGS, b);
        tcpFlags(m, MatchField.TCP_FLAGS, b);
        return b.build();
    }

    private static <T extends OFValueType<T>> T exact(
            org.projectfloodlight.openflow.protocol.match.Match m, MatchField<T> field) {
        if (!m.supports(field)) {
            return null;
        }
        if (m.supportsMasked(field) && m.isPartiallyMasked(field)) {
            throw new IllegalArgumentException("match field " + field.getName() + " is masked; the model has it exact");
        }
        return m.get(field);
    }

    private static void transport(org.projectfloodlight.openflow.protocol.match.Match m, MatchField<TransportPort> f,
                                  IntFunction<Match.Builder> set) {
        TransportPort port = exact(m, f);
        if (port != null) {
            set.apply(port.getPort());
        }
    }

    private static void tcpFlags(org.projectfloodlight.openflow.protocol.match.Match m, MatchField<U16> field,
                                 Match.Builder b) {
        if (!m.supports(field)) {
            return;
        }
        if (m.supportsMasked(field) && m.isPartiallyMasked(field)) {
            Masked<U16> masked = m.getMasked(field);
            if (masked != null) {
                b.tcpFlags(masked.getValue().getValue(), masked.getMask().getValue());
            }
        } else if (m.get(field) != null) {
            b.tcpFlags(m.get(field).getValue(), Match.TCP_FLAGS_ALL);
        }
    }

    /**
     * @return the model form of openflowj actions
     * @throws IllegalArgumentException for an action outside the rule model
     */
    public static List<Action> actions(List<OFAction> list) {
        List<Action> decoded = new ArrayList<>(list.size());
        for (OFAction a : list) {
            decoded.add(action(a));
        }
        return decoded;
    }

    private static Action action(OFAction a) {
        if (a instanceof OFActionOutput output) {
            OFPort port = output.getPort();
            if (port.equals(OFPort.IN_PORT)) {
                return Action.outputInPort();
            }
            return port.equals(OFPort.CONTROLLER) ? Action.toController()
                    : Action.output(port.getPortNumber() & 0xffff_ffffL);
        }
        if (a instanceof OFActionSetField setField) {
            return setField(setField.getField());
        }
        if (a instanceof OFActionSetDlSrc s) {
            return Action.setEthSrc(s.getDlAddr().getLong());
        }
        if (a instanceof OFActionSetDlDst s) {
            return Action.setEthDst(s.getDlAddr().getLong());
        }
        if (a instanceof OFActionSetNwSrc s) {
            return Action.setIpv4Src(s.getNwAddr().getInt());
        }
        if (a instanceof OFActionSetNwDst s) {
            return Action.setIpv4Dst(s.getNwAddr().getInt());
        }
        if (a instanceof OFActionGroup g) {
            return Action.group(g.getGroup().getGroupNumber() & 0xffff_ffffL);
        }
        throw new IllegalArgumentException("action " + a + " is outside the rule model");
    }

    private static Action setField(OFOxm<?> oxm) {
        Object value = oxm.getValue();
        return switch (oxm.getMatchField().id) {
            case ETH_SRC -> Action.setEthSrc(((MacAddress) value).getLong());
            case ETH_DST -> Action.setEthDst(((MacAddress) value).getLong());
            case IPV4_SRC -> Action.setIpv4Src(((IPv4Address) value).getInt());
            case IPV4_DST -> Action.setIpv4Dst(((IPv4Address) value).getInt());
            default -> throw new IllegalArgumentException("set_field " + oxm + " is outside the rule model");
        };
    }
}
