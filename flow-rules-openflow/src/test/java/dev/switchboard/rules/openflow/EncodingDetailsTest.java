package dev.switchboard.rules.openflow;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.Lab;
import dev.switchboard.rules.Match;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleKind;
import dev.switchboard.rules.TrunkMode;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U16;
import org.projectfloodlight.openflow.types.U64;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncodingDetailsTest {
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final OFFactory OF15 = OFFactories.getFactory(OFVersion.OF_15);

    private final Lab lab = new Lab(TrunkMode.SPRAY);
    private final DispatcherRules d1 = lab.dispatcherRules(1);
    private final OpenFlowEncoder encoder = new OpenFlowEncoder(OF13);

    private FlowRule clientFinCopy() {
        return d1.finCopyRules().stream()
                .filter(r -> r.match().has(Match.Field.IPV4_DST) && r.match().value(Match.Field.TCP_FLAGS) == 1)
                .findFirst().orElseThrow();
    }

    @Test
    void tcpFlagsUnderOpenFlow13UseTheOnfExperimenterOxm() {
        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(clientFinCopy()));

        assertThat(back.getMatch().getMasked(MatchField.OVS_TCP_FLAGS).getValue()).isEqualTo(U16.of(Match.TCP_FIN));
        assertThat(back.getMatch().getMasked(MatchField.OVS_TCP_FLAGS).getMask()).isEqualTo(U16.of(Match.TCP_FIN));
        assertThat(back.getMatch().isFullyWildcarded(MatchField.TCP_FLAGS)).isTrue();
        // OXM class 0xffff (experimenter), field 42, has-mask, length 8; experimenter ONF 0x4f4e4600; value, mask.
        assertThat(Wire.hex(back)).contains("ffff5508" + "4f4e4600" + "0001" + "0001");
    }

    @Test
    void tcpFlagsUnderOpenFlow15UseTheStandardOxm() {
        OFFlowAdd back = Wire.roundTrip(new OpenFlowEncoder(OF15).flowAdd(clientFinCopy()));

        assertThat(back.getMatch().getMasked(MatchField.TCP_FLAGS).getValue()).isEqualTo(U16.of(Match.TCP_FIN));
        // OXM class 0x8000 (OpenFlow basic), field 42, has-mask, length 4.
        assertThat(Wire.hex(back)).contains("80005504" + "0001" + "0001").doesNotContain("4f4e4600");
    }

    @Test
    void finCopySendsTheWholePacketToTheControllerAndGoesOnToTable1() {
        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(clientFinCopy()));

        assertThat(back.getTableId()).isEqualTo(TableId.of(0));
        assertThat(back.getPriority()).isEqualTo(RuleConstants.PRIORITY_DISPATCHER_FIN_COPY);
        assertThat(back.getInstructions()).containsExactly(
                OF13.instructions().applyActions(List.of(OF13.actions().output(OFPort.CONTROLLER, 0xffff))),
                OF13.instructions().gotoTable(TableId.of(1)));
        assertThat(back.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(Lab.TRUNK_PORT));
        assertThat(back.getMatch().get(MatchField.IPV4_DST)).isEqualTo(IPv4Address.of(Lab.VIP));
    }

    @Test
    void sessionRuleAsTheSwitchReceivesIt() {
        SessionKey key = Lab.webSession(1, 40000);
        Server web1 = lab.server("web-1");

        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(d1.sessionRule(key, web1, 60)));

        assertThat(back.getTableId()).isEqualTo(TableId.of(1));
        assertThat(back.getPriority()).isEqualTo(RuleConstants.PRIORITY_DISPATCHER_SESSION);
        assertThat(back.getIdleTimeout()).isEqualTo(60);
        assertThat(back.getHardTimeout()).isZero();
        assertThat(back.getFlags()).containsExactly(OFFlowModFlags.SEND_FLOW_REM);
        assertThat(back.getCookie()).isEqualTo(U64.of(Cookies.forSession(RuleKind.SESSION, key)));
        assertThat(back.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
        assertThat(back.getMatch().get(MatchField.ETH_TYPE)).isEqualTo(EthType.IPv4);
        assertThat(back.getMatch().get(MatchField.IP_PROTO)).isEqualTo(IpProtocol.TCP);
        assertThat(back.getMatch().get(MatchField.IPV4_SRC)).isEqualTo(IPv4Address.of(Lab.clientIp(1)));
        assertThat(back.getMatch().get(MatchField.IPV4_DST)).isEqualTo(IPv4Address.of(Lab.VIP));
        assertThat(back.getMatch().get(MatchField.TCP_SRC)).isEqualTo(TransportPort.of(40000));
        assertThat(back.getMatch().get(MatchField.TCP_DST)).isEqualTo(TransportPort.of(80));
        assertThat(back.getInstructions()).containsExactly(OF13.instructions().applyActions(List.of(
                OF13.actions().setField(OF13.oxms().ethDst(MacAddress.of(web1.mac()))),
                OF13.actions().setField(OF13.oxms().ipv4Dst(IPv4Address.of(web1.address()))),
                OF13.actions().output(OFPort.of(Lab.SAN_PORT), 0))));
    }

    @Test
    void lockRedirectHasAHardTimeoutNoFlowRemovedAndGoesOutOfItsInPort() {
        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(
                d1.lockRedirect(Lab.webSession(1, 40000), RuleConstants.dispatcherMac(2), 2)));

        assertThat(back.getHardTimeout()).isEqualTo(2);
        assertThat(back.getIdleTimeout()).isZero();
        assertThat(back.getFlags()).isEmpty();
        assertThat(back.getInstructions()).containsExactly(OF13.instructions().applyActions(List.of(
                OF13.actions().setField(OF13.oxms().ethDst(MacAddress.of("02:5b:00:00:01:02"))),
                OF13.actions().output(OFPort.IN_PORT, 0))));
    }

    @Test
    void spraySynRuleMatchesTheSynFlagAndUsesTheSynGroup() {
        FlowRule syn = lab.routerRules().trunkRules().stream()
                .filter(r -> r.priority() == RuleConstants.PRIORITY_ROUTER_TRUNK_SYN).findFirst().orElseThrow();

        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(syn));

        assertThat(back.getMatch().getMasked(MatchField.OVS_TCP_FLAGS).getValue()).isEqualTo(U16.of(Match.TCP_SYN));
        assertThat(back.getInstructions()).containsExactly(
                OF13.instructions().applyActions(List.of(OF13.actions().group(OFGroup.of(1)))));
    }

    @Test
    void groupModifyAndDeleteNameTheSelectGroup() {
        GroupRule group = lab.routerRules().trunkGroups().get(1);

        OFGroupModify modify = Wire.roundTrip(encoder.groupModify(group));
        OFGroupDelete delete = Wire.roundTrip(encoder.groupDelete(group));

        assertThat(modify.getGroupType()).isEqualTo(OFGroupType.SELECT);
        assertThat(modify.getBuckets()).extracting(b -> b.getWatchPort().getPortNumber()).containsExactly(4, 5, 3);
        assertThat(modify.getBuckets()).allSatisfy(b -> assertThat(b.getWatchGroup()).isEqualTo(OFGroup.ANY));
        assertThat(delete.getGroup()).isEqualTo(OFGroup.of(2));
    }

    @Test
    void sessionDeleteIsStrictOnTable1WithTheSessionMatch() {
        SessionKey key = Lab.webSession(1, 40000);

        OFFlowMod back = Wire.roundTrip(encoder.flowDelete(d1.sessionRuleDelete(key)));

        assertThat(back).isInstanceOf(OFFlowDeleteStrict.class);
        assertThat(back.getTableId()).isEqualTo(TableId.of(1));
        assertThat(back.getPriority()).isEqualTo(RuleConstants.PRIORITY_DISPATCHER_SESSION);
        assertThat(back.getMatch()).isEqualTo(encoder.match(DispatcherRules.sessionMatch(key)));
        assertThat(back.getOutPort()).isEqualTo(OFPort.ANY);
        assertThat(back.getOutGroup()).isEqualTo(OFGroup.ANY);
        assertThat(back.getCookieMask()).isEqualTo(U64.ZERO);
        assertThat(OpenFlowDecoder.match(back.getMatch())).isEqualTo(DispatcherRules.sessionMatch(key));
    }

    @Test
    void kindDeletesFilterByCookieUnderTheKindMask() {
        OFFlowMod sessions = Wire.roundTrip(encoder.flowDelete(FlowDelete.ofKind(0x201, 1, RuleKind.SESSION)));
        OFFlowMod everything = Wire.roundTrip(encoder.flowDelete(FlowDelete.allSwitchboardRules(0x201)));

        assertThat(sessions).isInstanceOf(OFFlowDelete.class);
        assertThat(sessions.getTableId()).isEqualTo(TableId.of(1));
        assertThat(sessions.getCookie()).isEqualTo(U64.of(0x5b01_0000_0000_0000L));
        assertThat(sessions.getCookieMask()).isEqualTo(U64.of(0xffff_0000_0000_0000L));
        assertThat(everything.getTableId()).isEqualTo(TableId.ALL);
        assertThat(everything.getCookie()).isEqualTo(U64.of(0x5b00_0000_0000_0000L));
        assertThat(everything.getCookieMask()).isEqualTo(U64.of(0xff00_0000_0000_0000L));
    }

    @Test
    void aFlowRemovedGivesBackItsSession() {
        SessionKey key = Lab.webSession(2, 45678);
        FlowRule rule = d1.sessionRule(key, lab.server("web-2"), 60);
        OFFlowRemoved removed = OF13.buildFlowRemoved()
                .setCookie(U64.of(rule.cookie()))
                .setPriority(rule.priority())
                .setTableId(TableId.of(rule.tableId()))
                .setReason(OFFlowRemovedReason.IDLE_TIMEOUT)
                .setIdleTimeout(rule.idleTimeout())
                .setMatch(encoder.match(rule.match()))
                .build();

        assertThat(OpenFlowDecoder.sessionKey(Wire.roundTrip(removed))).isEqualTo(key);

        FlowRule lock = d1.lockRedirect(key, RuleConstants.dispatcherMac(2), 2);
        OFFlowRemoved lockRemoved = removed.createBuilder().setCookie(U64.of(lock.cookie())).build();
        assertThat(OpenFlowDecoder.sessionKey(lockRemoved)).as("not a session rule").isNull();
    }

    @Test
    void decodingRejectsWhatTheModelDoesNotHave() {
        org.projectfloodlight.openflow.protocol.match.Match vlan = OF13.buildMatch()
                .setExact(MatchField.VLAN_VID, org.projectfloodlight.openflow.types.OFVlanVidMatch.ofVlan(10)).build();

        assertThatThrownBy(() -> OpenFlowDecoder.match(vlan))
                .hasMessage("match field vlan_vid is outside the rule model");
        assertThatThrownBy(() -> OpenFlowDecoder.actions(List.of(OF13.actions().popVlan())))
                .hasMessageContaining("is outside the rule model");
    }

    @Test
    void versionsWithoutSupportAreRefused() {
        GroupRule group = lab.sanRules().uplinkGroup();

        assertThatThrownBy(() -> new OpenFlowEncoder(OFFactories.getFactory(OFVersion.OF_12)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("OpenFlow 1.2 is not supported");
        assertThatThrownBy(() -> new OpenFlowEncoder(OF15).groupAdd(group))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot encode OpenFlow 1.5 bucket ids");
        assertThat(Set.of(OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15, OFVersion.OF_10))
                .allSatisfy(v -> assertThat(new OpenFlowEncoder(OFFactories.getFactory(v)).factory().getVersion())
                        .isEqualTo(v));
    }
}
