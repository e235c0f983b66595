package dev.switchboard.harness;

import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake controller behaviour: completes the handshake of every switch, installs one base rule, and answers
 * each connection request (PACKET_IN from a dispatcher) with a PACKET_OUT to the ingress and a session rule to
 * every dispatcher, like Switchboard's single-process controller. Variants leave out one dispatcher's rule or
 * send the packet-out elsewhere, to check that the harness does not count such sessions.
 */
public final class AnsweringController implements FakeController.Behaviour {
    static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private final List<Long> dispatcherDpids;
    private final long omitRuleAt;
    private final boolean packetOutToNextDispatcher;
    private final AtomicLong packetIns = new AtomicLong();

    /**
     * @param dispatcherDpids the dispatcher switches, in index order
     * @param omitRuleAt dpid whose session rules are never sent, -1 for none
     * @param packetOutToNextDispatcher send the packet-out to the dispatcher after the ingress
     */
    public AnsweringController(List<Long> dispatcherDpids, long omitRuleAt, boolean packetOutToNextDispatcher) {
        this.dispatcherDpids = List.copyOf(dispatcherDpids);
        this.omitRuleAt = omitRuleAt;
        this.packetOutToNextDispatcher = packetOutToNextDispatcher;
    }

    /** @return connection requests received so far */
    public long packetIns() {
        return packetIns.get();
    }

    /** @return a controller that answers every request completely */
    public static AnsweringController complete(List<Long> dispatcherDpids) {
        return new AnsweringController(dispatcherDpids, -1, false);
    }

    @Override
    public void onMessage(FakeController controller, FakeController.Connection c, OFMessage m) {
        switch (m.getType()) {
            case HELLO -> c.send(OF13.buildHello().setXid(1).setElements(List.of(OF13.buildHelloElemVersionbitmap()
                            .setBitmaps(List.of(U32.of(1 << 4))).build())).build(),
                    OF13.buildFeaturesRequest().setXid(2).build());
            case FEATURES_REPLY -> {
                c.dpid(((OFFeaturesReply) m).getDatapathId().getLong());
                c.send(OF13.buildSetConfig().setXid(3).setMissSendLen(0xffff).build(),
                        OF13.buildPortDescStatsRequest().setXid(4).build());
            }
            case STATS_REPLY -> {
                if (m.getXid() == 4) {
                    // A base rule after the handshake, as the real controller installs: not a session rule.
                    c.send(OF13.buildFlowAdd().setXid(5).setTableId(TableId.of(1)).setPriority(100)
                                    .setMatch(OF13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4).build())
                                    .setCookie(U64.of(Cookies.of(RuleKind.VIP_MISS, 1)))
                                    .build(),
                            OF13.buildBarrierRequest().setXid(6).build());
                }
            }
            case PACKET_IN -> answer(controller, c, (OFPacketIn) m);
            default -> {
                // barrier and echo replies need nothing
            }
        }
    }

    private void answer(FakeController controller, FakeController.Connection ingress, OFPacketIn packetIn) {
        packetIns.incrementAndGet();
        byte[] data = packetIn.getData();
        ByteBuffer frame = ByteBuffer.wrap(data);
        int ihl = (frame.get(14) & 0x0f) * 4;
        int client = frame.getInt(14 + 12);
        int vip = frame.getInt(14 + 16);
        int clientPort = frame.getShort(14 + ihl) & 0xffff;
        int servicePort = frame.getShort(14 + ihl + 2) & 0xffff;

        FakeController.Connection packetOutTo = ingress;
        if (packetOutToNextDispatcher) {
            int i = dispatcherDpids.indexOf(ingress.dpid());
            packetOutTo = controller.connection(dispatcherDpids.get((i + 1) % dispatcherDpids.size()));
        }
        OFPort inPort = packetIn.getMatch().get(MatchField.IN_PORT);
        List<OFAction> toSan = List.of(OF13.actions().output(OFPort.of(2), 0xffff));
        packetOutTo.send(OF13.buildPacketOut().setXid(packetIn.getXid()).setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(inPort).setActions(toSan).setData(data).build());

        Match session = OF13.buildMatch()
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setExact(MatchField.IPV4_SRC, IPv4Address.of(client))
                .setExact(MatchField.IPV4_DST, IPv4Address.of(vip))
                .setExact(MatchField.TCP_SRC, TransportPort.of(clientPort))
                .setExact(MatchField.TCP_DST, TransportPort.of(servicePort))
                .build();
        List<FakeController.Connection> targets = new ArrayList<>();
        for (long dpid : dispatcherDpids) {
            if (dpid != omitRuleAt) {
                targets.add(controller.connection(dpid));
            }
        }
        for (FakeController.Connection d : targets) {
            d.send(OF13.buildFlowAdd().setXid(packetIn.getXid()).setTableId(TableId.of(1)).setPriority(2000)
                    .setCookie(U64.of(Cookies.prefix(RuleKind.SESSION) | (client & 0xffffL)))
                    .setIdleTimeout(60)
                    .setMatch(session)
                    .setInstructions(List.of(OF13.instructions().applyActions(toSan)))
                    .build());
        }
    }
}
