package dev.switchboard.onos;

import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketService;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Answers ARP where the topology makes the controller the answerer: on the router for the client gateway and
 * every VIP, on the SAN switch for the server gateway and the servers. Requests from client ports teach the
 * router where a client lives.
 */
final class ArpResponder {
    /** Told about a client seen on a client port of the router. */
    interface ClientLearner {
        void learned(int clientIp, long clientMac, ConnectPoint where);
    }

    private final PacketService packets;
    private final ClientLearner learner;

    ArpResponder(PacketService packets, ClientLearner learner) {
        this.packets = packets;
        this.learner = learner;
    }

    /**
     * @param where the port the ARP frame came in on
     * @param frame the frame
     * @param topology the configuration
     * @return whether the frame was Switchboard's to handle (a router or SAN ARP)
     */
    boolean handle(ConnectPoint where, Ethernet frame, SwitchboardTopology topology) {
        if (!(frame.getPayload() instanceof ARP)) {
            return false;
        }
        ARP arp = (ARP) frame.getPayload();
        if (arp.getProtocolType() != ARP.PROTO_TYPE_IP) {
            return false;
        }
        int sender = Ip4Address.valueOf(arp.getSenderProtocolAddress()).toInt();
        int target = Ip4Address.valueOf(arp.getTargetProtocolAddress()).toInt();
        if (where.deviceId().equals(topology.router().device())) {
            if (topology.router().clientPorts().contains(where.port()) && sender != 0) {
                learner.learned(sender, MacAddress.valueOf(arp.getSenderHardwareAddress()).toLong(), where);
            }
            if (arp.getOpCode() == ARP.OP_REQUEST
                    && (target == topology.router().gatewayIp() || topology.isVip(target))) {
                reply(where, frame, target, topology.router().gatewayMac());
            }
            return true;
        }
        if (where.deviceId().equals(topology.san().device())) {
            if (arp.getOpCode() == ARP.OP_REQUEST) {
                if (target == topology.san().gatewayIp()) {
                    reply(where, frame, target, topology.san().gatewayMac());
                } else {
                    Optional<ServerSpec> server = topology.serverAt(target);
                    server.filter(s -> s.mac() != dev.switchboard.dispatch.model.MacAddress.UNKNOWN)
                            .ifPresent(s -> reply(where, frame, target, s.mac()));
                }
            }
            return true;
        }
        return false;
    }

    private void reply(ConnectPoint where, Ethernet request, int address, long mac) {
        Ethernet reply = ARP.buildArpReply(Ip4Address.valueOf(address), MacAddress.valueOf(mac), request);
        packets.emit(new DefaultOutboundPacket(where.deviceId(),
                DefaultTrafficTreatment.builder().setOutput(where.port()).build(),
                ByteBuffer.wrap(reply.serialize())));
    }
}
