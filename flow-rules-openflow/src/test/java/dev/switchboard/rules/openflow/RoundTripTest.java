package dev.switchboard.rules.openflow;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.Lab;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleSet;
import dev.switchboard.rules.TrunkMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowModifyStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule kind of the three compilers survives encode, the wire, decode: the switch gets what was compiled. */
class RoundTripTest {

    /** @return every static rule of every switch, plus per-session and client-route samples */
    static List<FlowRule> allRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (TrunkMode mode : TrunkMode.values()) {
            Lab lab = new Lab(mode);
            rules.addAll(lab.routerRules().staticRules().flows());
            if (mode == TrunkMode.FLOW_HASH) {
                rules.add(lab.routerRules().clientRoute(Lab.clientIp(1), Lab.clientMac(1), 1));
                DispatcherRules d3 = lab.dispatcherRules(3);
                rules.addAll(d3.staticRules().flows());
                SessionKey web = Lab.webSession(2, 51000);
                SessionKey dns = SessionKey.of(Protocol.UDP, Lab.clientIp(1), 5353, Lab.VIP, 53);
                rules.add(d3.sessionRule(web, lab.server("web-3"), 60));
                rules.add(d3.sessionRule(dns, lab.server("api-2"), 30));
                rules.add(d3.lockRedirect(web, RuleConstants.dispatcherMac(1), 2));
                rules.addAll(lab.sanRules().staticRules().flows());
            }
        }
        return rules;
    }

    static Stream<Arguments> rulesPerVersion() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (OFVersion version : new OFVersion[] {OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15}) {
            for (FlowRule rule : allRules()) {
                cases.add(Arguments.of(version, rule.kind(), rule));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("rulesPerVersion")
    void aFlowAddReadBackFromTheWireDecodesToTheCompiledRule(OFVersion version, Object kind, FlowRule rule) {
        OpenFlowEncoder encoder = new OpenFlowEncoder(OFFactories.getFactory(version));

        OFFlowAdd back = Wire.roundTrip(encoder.flowAdd(rule));

        assertThat(OpenFlowDecoder.flowRule(rule.deviceId(), back)).isEqualTo(rule);
        assertThat(back.getCookie().getValue()).isEqualTo(rule.cookie());
        assertThat(back.getTableId()).isEqualTo(TableId.of(rule.tableId()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("rulesPerVersion")
    void aModifyStrictCarriesTheSameRule(OFVersion version, Object kind, FlowRule rule) {
        OFFlowModifyStrict back = Wire.roundTrip(new OpenFlowEncoder(OFFactories.getFactory(version))
                .flowModifyStrict(rule));

        assertThat(OpenFlowDecoder.flowRule(rule.deviceId(), back)).isEqualTo(rule);
    }

    static Stream<Arguments> groups() {
        List<GroupRule> groups = new ArrayList<>();
        for (TrunkMode mode : TrunkMode.values()) {
            groups.addAll(new Lab(mode).routerRules().trunkGroups());
        }
        groups.add(new Lab(TrunkMode.FLOW_HASH).sanRules().uplinkGroup());
        Stream.Builder<Arguments> cases = Stream.builder();
        groupVersions().forEach(version -> groups.forEach(g -> cases.add(Arguments.of(version, g))));
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("groups")
    void aGroupAddReadBackFromTheWireHasTheCompiledBuckets(OFVersion version, GroupRule group) {
        OFGroupAdd back = Wire.roundTrip(new OpenFlowEncoder(OFFactories.getFactory(version)).groupAdd(group));

        assertThat(back.getGroup().getGroupNumber()).isEqualTo(group.groupId());
        assertThat(back.getBuckets()).hasSameSizeAs(group.buckets());
        for (int i = 0; i < group.buckets().size(); i++) {
            assertThat(back.getBuckets().get(i).getWatchPort().getPortNumber())
                    .isEqualTo(group.buckets().get(i).watchPort());
            assertThat(back.getBuckets().get(i).getWeight()).isEqualTo(group.buckets().get(i).weight());
            assertThat(OpenFlowDecoder.actions(back.getBuckets().get(i).getActions()))
                    .isEqualTo(group.buckets().get(i).actions());
        }
    }

    static Stream<OFVersion> groupVersions() {
        return Stream.of(OFVersion.OF_13, OFVersion.OF_14);
    }

    @ParameterizedTest
    @MethodSource("groupVersions")
    void installSendsGroupsBeforeTheFlowsThatUseThem(OFVersion version) {
        RuleSet spray = new Lab(TrunkMode.SPRAY).routerRules().staticRules();

        List<?> messages = new OpenFlowEncoder(OFFactories.getFactory(version)).install(spray);

        assertThat(messages).hasSize(spray.groups().size() + spray.flows().size());
        assertThat(messages.subList(0, spray.groups().size())).allMatch(m -> m instanceof OFGroupAdd);
        assertThat(messages.subList(spray.groups().size(), messages.size())).allMatch(m -> m instanceof OFFlowAdd);
    }
}
