package dev.switchboard.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowRuleTest {
    private static final long COOKIE = Cookies.of(RuleKind.ARP);

    private static FlowRule.Builder valid() {
        return FlowRule.builder(0x201).table(0).priority(10).cookie(COOKIE);
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("priority unset", (UnaryOperator<FlowRule.Builder>) b ->
                        FlowRule.builder(0x201).cookie(COOKIE), "priority must be 0..65535, was unset"),
                Arguments.of("priority too high", (UnaryOperator<FlowRule.Builder>) b -> b.priority(70000),
                        "priority must be 0..65535, was 70000"),
                Arguments.of("table 255", (UnaryOperator<FlowRule.Builder>) b -> b.table(255), "table must be 0..254"),
                Arguments.of("idle timeout", (UnaryOperator<FlowRule.Builder>) b -> b.idleTimeout(65536),
                        "idle timeout must be 0..65535"),
                Arguments.of("hard timeout", (UnaryOperator<FlowRule.Builder>) b -> b.hardTimeout(-1),
                        "hard timeout must be 0..65535"),
                Arguments.of("foreign cookie", (UnaryOperator<FlowRule.Builder>) b -> b.cookie(0x1234),
                        "0x0000000000001234 is not a Switchboard cookie"),
                Arguments.of("goto not last", (UnaryOperator<FlowRule.Builder>) b ->
                        b.actions(Action.gotoTable(1), Action.toController()), "goto_table must be the last action"),
                Arguments.of("goto backwards", (UnaryOperator<FlowRule.Builder>) b ->
                        b.table(1).actions(Action.gotoTable(1)), "goto_table:1 must lead to a later table"),
                Arguments.of("output to in_port", (UnaryOperator<FlowRule.Builder>) b ->
                        b.match(Match.builder().inPort(3).build()).actions(Action.output(3)), "outputInPort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRules")
    void rejectsInvalidRules(String what, UnaryOperator<FlowRule.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining("dpid 0x201");
    }

    @Test
    void splitsGotoFromApplyActions() {
        FlowRule rule = valid().actions(Action.toController(), Action.gotoTable(1)).build();

        assertThat(rule.gotoTable()).isEqualTo(1);
        assertThat(rule.applyActions()).containsExactly(Action.toController());
        assertThat(rule.kind()).isEqualTo(RuleKind.ARP);
        assertThat(valid().actions(Action.output(2)).build().gotoTable()).isEqualTo(-1);
    }

    @Test
    void actionsRejectBadValuesAndExposeTheirs() {
        assertThatThrownBy(() -> Action.output(0)).hasMessageContaining("output port must be 1..");
        assertThatThrownBy(() -> Action.setEthDst(-1)).hasMessageContaining("eth_dst: MAC address is unknown");
        assertThatThrownBy(() -> Action.gotoTable(0)).hasMessageContaining("goto table must be 1..254");
        assertThatThrownBy(() -> Action.output(2).mac()).isInstanceOf(IllegalStateException.class);
        assertThat(Action.setIpv4Dst(0xcb00710b).ipv4()).isEqualTo(0xcb00710b);
        assertThat(Action.setIpv4Dst(0xcb00710b).toString()).isEqualTo("set_field:203.0.113.11->ipv4_dst");
    }

    @Test
    void bucketsAndGroupsValidate() {
        assertThatThrownBy(() -> GroupRule.select(0x100, 1, List.of()))
                .hasMessageContaining("group 1 on dpid 0x100: a SELECT group needs at least one bucket");
        assertThatThrownBy(() -> Bucket.of(3, 0, List.of(Action.output(3))))
                .hasMessageContaining("bucket weight must be 1..65535, was 0");
        assertThatThrownBy(() -> Bucket.of(3, 1, List.of(Action.gotoTable(1))))
                .hasMessageContaining("not allowed in a group bucket");
        assertThat(Bucket.outputTo(4).actions()).containsExactly(Action.output(4));
    }

    @Test
    void strictDeleteOfARuleNamesItsTablePriorityAndMatch() {
        FlowRule rule = valid().table(1).priority(77).match(Match.builder().ipv4().ipv4Dst(5).build()).build();
        FlowDelete delete = FlowDelete.strict(rule);

        assertThat(delete.isStrict()).isTrue();
        assertThat(delete.tableId()).isEqualTo(1);
        assertThat(delete.priority()).isEqualTo(77);
        assertThat(delete.match()).isEqualTo(rule.match());
        assertThat(delete.cookieMask()).isZero();
        assertThatThrownBy(() -> FlowDelete.strict(1, FlowDelete.ALL_TABLES, 1, Match.ANY))
                .hasMessageContaining("not ALL_TABLES");
    }
}
