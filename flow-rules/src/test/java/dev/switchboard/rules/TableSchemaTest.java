package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Protocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemaTest {
    private static final long COOKIE = Cookies.of(RuleKind.SESSION, 1);

    @Test
    void rejectsAMatchFieldTheTableDoesNotDeclare() {
        FlowRule rule = FlowRule.builder(0x100).priority(5).cookie(COOKIE)
                .match(Match.builder().ipv4().ipv4Src(1).build()).actions(Action.output(2)).build();

        assertThatThrownBy(() -> TableSchema.verify(SwitchRole.ROUTER, rule))
                .isInstanceOf(SchemaViolationException.class)
                .hasMessageStartingWith("router table 0 does not match on ipv4_src")
                .hasMessageContaining("allowed: in_port, eth_type, eth_dst, ip_proto, ipv4_dst, tcp_flags")
                .hasMessageContaining("dpid=0x100");
    }

    @Test
    void rejectsSessionFieldsInTheClassifyTable() {
        FlowRule rule = FlowRule.builder(0x201).table(0).priority(5).cookie(COOKIE)
                .match(Match.builder().l4Dst(Protocol.TCP, 80).build()).actions(Action.gotoTable(1)).build();

        assertThatThrownBy(() -> TableSchema.verify(SwitchRole.DISPATCHER, rule))
                .hasMessageStartingWith("dispatcher table 0 does not match on tcp_dst");
    }

    @Test
    void rejectsAnActionTheTableDoesNotDeclare() {
        FlowRule rule = FlowRule.builder(0x201).table(0).priority(5).cookie(COOKIE)
                .actions(Action.setIpv4Dst(7), Action.gotoTable(1)).build();

        assertThatThrownBy(() -> TableSchema.verify(SwitchRole.DISPATCHER, rule))
                .hasMessageStartingWith("dispatcher table 0 does not allow action set_field:0.0.0.7->ipv4_dst");
    }

    @Test
    void rejectsTablesAndGotoTargetsTheRoleDoesNotHave() {
        FlowRule inTableOne = FlowRule.builder(0x300).table(1).priority(5).cookie(COOKIE).build();
        FlowRule gotoTwo = FlowRule.builder(0x201).table(1).priority(5).cookie(COOKIE)
                .actions(Action.gotoTable(2)).build();

        assertThatThrownBy(() -> TableSchema.verify(SwitchRole.SAN_SWITCH, inTableOne))
                .hasMessage("san switch has no table 1");
        assertThatThrownBy(() -> TableSchema.verify(SwitchRole.DISPATCHER, gotoTwo))
                .hasMessageContaining("dispatcher table 1 does not allow action goto_table:2");
        assertThatThrownBy(() -> TableSchema.of(SwitchRole.DISPATCHER, 0).check(gotoTwo))
                .hasMessageContaining("cannot hold a rule for table 1");
    }

    @Test
    void acceptsAConformingRuleUnchanged() {
        FlowRule rule = FlowRule.builder(0x300).priority(5).cookie(COOKIE)
                .match(Match.builder().ethDst(0x0200_0000_0b01L).build()).actions(Action.output(4)).build();

        assertThat(TableSchema.verify(SwitchRole.SAN_SWITCH, rule)).isSameAs(rule);
        assertThat(TableSchema.of(SwitchRole.SAN_SWITCH, 0).matchFields())
                .containsExactly(Match.Field.IN_PORT, Match.Field.ETH_TYPE, Match.Field.ETH_DST);
    }
}
