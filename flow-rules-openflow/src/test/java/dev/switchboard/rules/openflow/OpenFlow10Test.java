package dev.switchboard.rules.openflow;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.Lab;
import dev.switchboard.rules.Match;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleKind;
import dev.switchboard.rules.TrunkMode;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A single-table OpenFlow 1.0 dispatcher switch: session-table rules encode, pipelines and groups do not. */
class OpenFlow10Test {
    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);

    private final Lab lab = new Lab(TrunkMode.FLOW_HASH);
    private final DispatcherRules d1 = lab.dispatcherRules(1);
    private final OpenFlowEncoder encoder = new OpenFlowEncoder(OF10);

    @Test
    void aSessionRuleEncodesWithOpenFlow10Actions() {
        SessionKey key = Lab.webSession(1, 40000);
        Server web1 = lab.server("web-1");
        FlowRule rule = d1.sessionRule(key, web1, 60);

        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(rule));

        assertThat(back.getVersion()).isEqualTo(OFVersion.OF_10);
        assertThat(back.getActions()).containsExactly(OF10.actions().setDlDst(MacAddress.of(web1.mac())),
                OF10.actions().setNwDst(IPv4Address.of(web1.address())),
                OF10.actions().output(OFPort.of(Lab.SAN_PORT), 0));
        assertThat(back.getIdleTimeout()).isEqualTo(60);
        assertThat(back.getFlags()).containsExactly(OFFlowModFlags.SEND_FLOW_REM);
        assertThat(back.getCookie().getValue()).isEqualTo(Cookies.forSession(RuleKind.SESSION, key));
        FlowRule decoded = OpenFlowDecoder.flowRule(rule.deviceId(), back);
        assertThat(decoded.tableId()).as("1.0 has one table").isZero();
        assertThat(decoded.match()).isEqualTo(rule.match());
        assertThat(decoded.actions()).isEqualTo(rule.actions());
        assertThat(decoded.sendFlowRemoved()).isTrue();
    }

    @Test
    void udpSessionsLockRedirectsReverseRulesAndVipMissesEncodeToo() {
        SessionKey dns = SessionKey.of(Protocol.UDP, Lab.clientIp(2), 5353, Lab.VIP, 53);
        List<FlowRule> rules = new java.util.ArrayList<>(List.of(d1.sessionRule(dns, lab.server("api-1"), 30),
                d1.lockRedirect(dns, RuleConstants.dispatcherMac(2), 2)));
        rules.addAll(d1.reverseRules());
        rules.addAll(d1.vipMissRules());

        for (FlowRule rule : rules) {
            FlowRule decoded = OpenFlowDecoder.flowRule(rule.deviceId(), Wire.roundTrip(encoder.flowAdd(rule)));
            assertThat(decoded.match()).as(rule.toString()).isEqualTo(rule.match());
            assertThat(decoded.actions()).as(rule.toString()).isEqualTo(rule.actions());
            assertThat(decoded.priority()).isEqualTo(rule.priority());
        }
    }

    @Test
    void aStrictDeleteEncodesWithoutTableOrCookieMask() {
        SessionKey key = Lab.webSession(1, 40000);

        OFFlowMod back = Wire.roundTrip(encoder.flowDelete(d1.sessionRuleDelete(key)));

        assertThat(back).isInstanceOf(OFFlowDeleteStrict.class);
        assertThat(back.getPriority()).isEqualTo(RuleConstants.PRIORITY_DISPATCHER_SESSION);
        assertThat(OpenFlowDecoder.match(back.getMatch())).isEqualTo(DispatcherRules.sessionMatch(key));
    }

    @Test
    void whatOpenFlow10CannotExpressIsRefusedNamingTheRule() {
        FlowRule classifyMiss = d1.classifyMiss();
        FlowRule finCopy = d1.finCopyRules().get(0);
        FlowRule trunk = lab.routerRules().trunkRules().get(0);
        FlowRule spraySyn = new Lab(TrunkMode.SPRAY).routerRules().trunkRules().get(0);

        assertThatThrownBy(() -> encoder.flowAdd(classifyMiss)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("OpenFlow 1.0 has one table, goto_table cannot be expressed")
                .hasMessageContaining("cookie=" + Cookies.format(classifyMiss.cookie()));
        assertThatThrownBy(() -> encoder.flowAdd(finCopy)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("OpenFlow 1.0 cannot match tcp_flags");
        assertThatThrownBy(() -> encoder.flowAdd(spraySyn)).hasMessageContaining("OpenFlow 1.0 cannot match tcp_flags");
        assertThatThrownBy(() -> encoder.flowAdd(trunk)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("OpenFlow 1.0 has no groups");
        assertThatThrownBy(() -> encoder.groupAdd(lab.sanRules().uplinkGroup()))
                .hasMessageContaining("OpenFlow 1.0 has no groups");
        assertThatThrownBy(() -> encoder.flowDelete(FlowDelete.ofKind(0x201, 1, RuleKind.SESSION)))
                .hasMessageContaining("OpenFlow 1.0 cannot delete by cookie mask");
        FlowRule highPort = FlowRule.builder(0x201).table(1).priority(1).cookie(Cookies.of(RuleKind.VIP_MISS))
                .match(Match.builder().ipv4().ipv4Dst(Lab.VIP).build()).actions(Action.output(0x10000)).build();
        assertThatThrownBy(() -> encoder.flowAdd(highPort)).hasMessageContaining("OpenFlow 1.0 ports end at 0xff00");
    }
}
