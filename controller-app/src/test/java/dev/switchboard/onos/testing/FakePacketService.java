package dev.switchboard.onos.testing;

import org.onlab.packet.Ethernet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketContextAdapter;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketServiceAdapter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One node's packet service: the processors apps added, packet-ins the test injects, packet-outs emitted. */
public final class FakePacketService extends PacketServiceAdapter {
    private final List<PacketProcessor> processors = new ArrayList<>();
    private final List<OutboundPacket> emitted = new ArrayList<>();

    @Override
    public void addProcessor(PacketProcessor processor, int priority) {
        processors.add(processor);
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
        processors.remove(processor);
    }

    @Override
    public void emit(OutboundPacket packet) {
        emitted.add(packet);
    }

    /** @return the packet-outs so far */
    public List<OutboundPacket> emitted() {
        return emitted;
    }

    /**
     * Delivers a frame as a packet-in to every processor.
     *
     * @param where the switch port it came in on
     * @param frame the frame (serialized and parsed again, as a switch would deliver it)
     * @param cookie the packet-in's cookie, if any
     * @return the context, to check whether it was blocked
     */
    public PacketContext packetIn(ConnectPoint where, Ethernet frame, Optional<Long> cookie) {
        byte[] bytes = frame.serialize();
        Ethernet parsed;
        try {
            parsed = Ethernet.deserializer().deserialize(bytes, 0, bytes.length);
        } catch (Exception e) {
            throw new IllegalArgumentException("frame does not parse: " + e, e);
        }
        InboundPacket in = new DefaultInboundPacket(where, parsed, ByteBuffer.wrap(bytes), cookie);
        PacketContext context = new PacketContextAdapter(0, in, null, false);
        for (PacketProcessor p : new ArrayList<>(processors)) {
            p.process(context);
        }
        return context;
    }
}
