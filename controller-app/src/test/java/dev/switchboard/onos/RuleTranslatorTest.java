package dev.switchboard.onos;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.config.CatalogReconciler;
import dev.switchboard.onos.config.TopologyCodec;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.Match;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.Bucket;
import org.junit.jupiter.api.Test;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.TcpFlagsCriterion;
import org.onosproject.net.group.GroupDescription;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleTranslatorTest {
    private final RuleTranslator translator = new RuleTranslator(TestCluster.APP_ID);
    private final ServiceCatalog catalog = CatalogReconciler.reconcile(null, TopologyCodec.decode(Fixtures.json()));
    private final DispatcherRules rules = new DispatcherRules(DispatcherTopology.of(1, 0x201, 1, 2), catalog);
    private final SessionKey key = SessionKey.of(Protocol.TCP, Ipv4.parse(Fixtures.CLIENT), 40000,
            Ipv4.parse(Fixtures.VIP), 80);

    @Test
    void maskedFinMatchBecomesOneExactRulePerCommonFlagCombination() {
        List<TrafficSelector> selectors = RuleTranslator.selectors(Match.builder().protocol(Protocol.TCP)
                .tcpFlags(Match.TCP_FIN, Match.TCP_FIN).build());

        List<Integer> flags = selectors.stream()
                .map(s -> ((TcpFlagsCriterion) s.getCriterion(Criterion.Type.TCP_FLAGS)).flags())
                .collect(Collectors.toList());
        assertThat(flags).containsExactly(0x001, 0x011, 0x019);
        assertThat(RuleTranslator.selectors(Match.builder().protocol(Protocol.TCP)
                .tcpFlags(0x012, Match.TCP_FLAGS_ALL).build())).hasSize(1);
        assertThatThrownBy(() -> RuleTranslator.selectors(Match.builder().protocol(Protocol.TCP)
                .tcpFlags(0x020, 0x020).build())).hasMessageContaining("no common flag combination");
    }

    @Test
    void finCopiesGoToControllerAndTableOne() {
        List<FlowRule> copies = translator.flows(rules.finCopyRules().get(0));
        assertThat(copies).isNotEmpty().allSatisfy(r -> {
            assertThat(RuleTranslator.tableOf(r)).isEqualTo(RuleConstants.DISPATCHER_CLASSIFY_TABLE);
            assertThat(r.treatment().tableTransition().tableId()).isEqualTo(RuleConstants.DISPATCHER_SESSION_TABLE);
            assertThat(r.treatment().immediate().toString()).contains("CONTROLLER");
            assertThat(r.appId()).isEqualTo(TestCluster.APP_ID.id());
        });
    }

    @Test
    void deleteRuleHasTheSameIdentityAsTheInstalledRule() {
        FlowRule installed = translator.flows(rules.sessionRule(key, catalog.server("web-1"), 60)).get(0);
        FlowRule delete = translator.deletes(rules.sessionRuleDelete(key)).get(0);

        assertThat(delete.id()).isEqualTo(installed.id());
        assertThat(delete).isEqualTo(installed);
        assertThat(RuleTranslator.sessionKeyOf(installed.selector())).isEqualTo(key);
        assertThat(RuleTranslator.sessionKeyOf(translator.flows(rules.classifyMiss()).get(0).selector())).isNull();
    }

    @Test
    void lockRedirectExpiresWithinTheLockTtl() {
        FlowRule lock = translator.flows(rules.lockRedirect(key, RuleConstants.dispatcherMac(2), 2)).get(0);
        assertThat(lock.isPermanent()).isFalse();
        assertThat(lock.hardTimeout()).isEqualTo(2);
        // ONOS's builder gives a rule with a hard timeout the same idle timeout: the redirect ends within the TTL
        // either way.
        assertThat(lock.timeout()).isEqualTo(2);
    }

    @Test
    void selectGroupKeepsBucketOrderAndWeights() {
        GroupRule group = GroupRule.select(0x100, 1, List.of(Bucket.outputTo(3), Bucket.of(4, 5,
                List.of(dev.switchboard.rules.Action.output(4)))));
        GroupDescription description = translator.group(group);

        assertThat(description.type()).isEqualTo(GroupDescription.Type.SELECT);
        assertThat(description.givenGroupId()).isEqualTo(1);
        assertThat(description.buckets().buckets()).extracting(b -> b.weight()).containsExactly((short) 1, (short) 5);
        assertThat(description.buckets().buckets().get(1).treatment().allInstructions().toString())
                .contains("OUTPUT").contains(PortNumber.portNumber(4).toString());
        assertThat(description.appCookie()).isEqualTo(RuleTranslator.groupKey(1));
    }
}
