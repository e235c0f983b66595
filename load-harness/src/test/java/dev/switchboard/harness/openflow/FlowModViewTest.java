package dev.switchboard.harness.openflow;

import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-place FLOW_MOD reader against messages encoded by openflowj. */
class FlowModViewTest {
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final int CLIENT = 0x64400a0b;
    private static final int VIP = 0xc633640a;

    private static Match sessionMatch() {
        return OF13.buildMatch()
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setExact(MatchField.IPV4_SRC, IPv4Address.of(CLIENT))
                .setExact(MatchField.IPV4_DST, IPv4Address.of(VIP))
                .setExact(MatchField.TCP_SRC, TransportPort.of(40001))
                .setExact(MatchField.TCP_DST, TransportPort.of(80))
                .build();
    }

    private static List<OFAction> toSan() {
        return List.of(OF13.actions().setField(OF13.oxms().ethDst(MacAddress.of(0x02000000_0b01L))),
                OF13.actions().output(OFPort.of(2), 0xffff));
    }

    private static FlowModView read(OFFlowMod flowMod) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeZero(7); // not at offset 0: the reader must use the start it is given
        int start = buf.writerIndex();
        flowMod.writeTo(buf);
        FlowModView view = new FlowModView();
        assertThat(view.read(buf, start, buf.writerIndex() - start)).isTrue();
        return view;
    }

    private static OFFlowMod.Builder add(long cookie, List<OFAction> actions) {
        return OF13.buildFlowAdd().setXid(9).setTableId(TableId.of(1)).setPriority(2000).setCookie(U64.of(cookie))
                .setMatch(sessionMatch())
                .setInstructions(List.of(OF13.instructions().applyActions(actions)));
    }

    @Test
    void readsTheClientOfASessionRule() {
        FlowModView view = read(add(Cookies.prefix(RuleKind.SESSION) | 0x1234, toSan()).build());
        assertThat(view.command()).isZero();
        assertThat(view.clientKey()).isEqualTo(ClientKeys.of(CLIENT, 40001));
        assertThat(view.outputsToInPort()).isFalse();
        assertThat(view.isSessionRule()).isTrue();
    }

    @Test
    void aLockRedirectWithTheSameMatchIsNoSessionRule() {
        List<OFAction> back = List.of(OF13.actions().output(OFPort.IN_PORT, 0xffff));
        FlowModView byCookie = read(add(Cookies.prefix(RuleKind.LOCK_REDIRECT) | 7, toSan()).build());
        assertThat(byCookie.clientKey()).isEqualTo(ClientKeys.of(CLIENT, 40001));
        assertThat(byCookie.isSessionRule()).isFalse();

        FlowModView byAction = read(add(0, back).build());
        assertThat(byAction.outputsToInPort()).isTrue();
        assertThat(byAction.isSessionRule()).isFalse();

        assertThat(read(add(0, toSan()).build()).isSessionRule()).isTrue(); // foreign cookie, forwarding action
    }

    @Test
    void deletesAndRulesWithoutTheClientAreNoSessionRules() {
        FlowModView delete = read(OF13.buildFlowDeleteStrict().setTableId(TableId.of(1)).setPriority(2000)
                .setMatch(sessionMatch()).build());
        assertThat(delete.command()).isEqualTo(4);
        assertThat(delete.isSessionRule()).isFalse();

        FlowModView vipMiss = read(OF13.buildFlowAdd().setTableId(TableId.of(1)).setPriority(100)
                .setMatch(OF13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setExact(MatchField.IPV4_DST, IPv4Address.of(VIP)).build())
                .build());
        assertThat(vipMiss.clientKey()).isEqualTo(ClientKeys.NONE);
        assertThat(vipMiss.isSessionRule()).isFalse();
    }

    @Test
    void aMaskedSourceCountsOnlyWithAFullMask() {
        Match wildcard = OF13.buildMatch()
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setMasked(MatchField.IPV4_SRC, IPv4Address.of(CLIENT), IPv4Address.of(0xffffff00))
                .setExact(MatchField.TCP_SRC, TransportPort.of(40001))
                .build();
        assertThat(read(OF13.buildFlowAdd().setMatch(wildcard).build()).clientKey()).isEqualTo(ClientKeys.NONE);

        Match full = OF13.buildMatch()
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setMasked(MatchField.IPV4_SRC, IPv4Address.of(CLIENT), IPv4Address.NO_MASK)
                .setExact(MatchField.TCP_SRC, TransportPort.of(40001))
                .build();
        assertThat(read(OF13.buildFlowAdd().setMatch(full).build()).clientKey())
                .isEqualTo(ClientKeys.of(CLIENT, 40001));
    }

    @Test
    void aTruncatedMessageIsNotRead() {
        ByteBuf buf = Unpooled.buffer();
        add(0, toSan()).build().writeTo(buf);
        assertThat(new FlowModView().read(buf, 0, 40)).isFalse();
        // A match length pointing past the end of the message.
        buf.setShort(48 + 2, 0x7ff0);
        assertThat(new FlowModView().read(buf, 0, buf.readableBytes())).isFalse();
    }
}
