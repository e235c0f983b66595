package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Action;
import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.util.Objects;

/**
 * Writes the two packet-outs of a dispatcher's packet path straight into a Netty buffer, byte for byte what
 * {@link OpenFlowEncoder#packetOut} produces for the same actions, without building action lists, openflowj
 * objects or a copy of the frame as a {@code byte[]}:
 * <ul>
 *   <li>{@link #writeToServer}: set eth_dst and ipv4_dst to the server's, output to the SAN port (a new
 *       session's first packet);</li>
 *   <li>{@link #writeToDispatcher}: set eth_dst to the locking dispatcher's MAC, output IN_PORT (a packet that
 *       met a foreign client lock).</li>
 * </ul>
 *
 * <p>Why: every new session costs one packet-out, and the generic path allocated a dozen objects per packet
 * (actions, their OXMs, the frame copy), which made the packet path the controller's main source of garbage.
 * The frame is copied from wherever it is (normally the packet-in's receive buffer) directly to its place in the
 * packet-out; its offset there is returned so that the caller can finish it in place.
 *
 * <p>OpenFlow 1.3 and 1.4 only (same packet-out layout); see {@link #supports}. Immutable and safe to share.
 */
public final class PacketOuts {
    private static final int OFPT_PACKET_OUT = 13;
    private static final int OFP_NO_BUFFER = 0xffff_ffff;
    private static final int OFPP_IN_PORT = 0xffff_fff8;
    /** Header, buffer id, in_port, actions_len, 6 bytes pad. */
    private static final int FIXED_LENGTH = 24;
    private static final int TO_SERVER_ACTIONS_LENGTH = 2 * WireActions.SET_FIELD_LENGTH + WireActions.OUTPUT_LENGTH;
    private static final int TO_DISPATCHER_ACTIONS_LENGTH = WireActions.SET_FIELD_LENGTH + WireActions.OUTPUT_LENGTH;
    private static final long MAX_MAC = 0xffff_ffff_ffffL;
    private static final long MAX_PORT = 0xffff_ff00L;
    /** Length of {@link #writeToServer}'s message without the frame. */
    public static final int TO_SERVER_FIXED_LENGTH = FIXED_LENGTH + TO_SERVER_ACTIONS_LENGTH;
    /** Length of {@link #writeToDispatcher}'s message without the frame. */
    public static final int TO_DISPATCHER_FIXED_LENGTH = FIXED_LENGTH + TO_DISPATCHER_ACTIONS_LENGTH;
    /** Largest frame that fits a packet-out with the longer action list (the message length is 16 bits). */
    public static final int MAX_FRAME_LENGTH = 0xffff - FIXED_LENGTH - TO_SERVER_ACTIONS_LENGTH;

    private final byte wireVersion;

    /**
     * @param version the switch's negotiated version; {@link #supports} must be true for it
     * @throws UnsupportedOperationException for a version other than 1.3 and 1.4
     */
    public PacketOuts(OFVersion version) {
        Objects.requireNonNull(version, "version");
        if (!supports(version)) {
            throw new UnsupportedOperationException("packet-outs are written directly for OpenFlow 1.3 and 1.4"
                    + " only, not " + OpenFlowEncoder.versionName(version) + "; use OpenFlowEncoder");
        }
        this.wireVersion = (byte) version.getWireVersion();
    }

    /** @return whether this class can write packet-outs for the version (1.3 and 1.4) */
    public static boolean supports(OFVersion version) {
        return version == OFVersion.OF_13 || version == OFVersion.OF_14;
    }

    /**
     * Appends the packet-out of {@link Action#setEthDst}(server MAC), {@link Action#setIpv4Dst}(server address),
     * {@link Action#output}(port) for a frame that arrived on {@code inPort}.
     *
     * @param frame holds the frame at {@code frameIndex}, {@code frameLength} bytes; its indices are not changed
     * @return the index in {@code out} where the frame's copy starts
     * @throws IllegalArgumentException on a MAC, port or frame length out of range; nothing is written then
     */
    public int writeToServer(ByteBuf out, int xid, long inPort, long serverMac, int serverIp, long outPort,
                             ByteBuf frame, int frameIndex, int frameLength) {
        checkMac(serverMac);
        checkPort("inPort", inPort);
        checkPort("outPort", outPort);
        checkFrame(frameLength);
        writeFixedPart(out, FIXED_LENGTH + TO_SERVER_ACTIONS_LENGTH + frameLength, xid, inPort,
                TO_SERVER_ACTIONS_LENGTH);
        WireActions.setEthDst(out, serverMac);
        WireActions.setIpv4Dst(out, serverIp);
        WireActions.output(out, (int) outPort);
        return writeFrame(out, frame, frameIndex, frameLength);
    }

    /**
     * Appends the packet-out of {@link Action#setEthDst}(dispatcher MAC), {@link Action#outputInPort()} for a
     * frame that arrived on {@code inPort}.
     *
     * @return the index in {@code out} where the frame's copy starts
     * @throws IllegalArgumentException on a MAC, port or frame length out of range; nothing is written then
     */
    public int writeToDispatcher(ByteBuf out, int xid, long inPort, long dispatcherMac, ByteBuf frame,
                                 int frameIndex, int frameLength) {
        checkMac(dispatcherMac);
        checkPort("inPort", inPort);
        checkFrame(frameLength);
        writeFixedPart(out, FIXED_LENGTH + TO_DISPATCHER_ACTIONS_LENGTH + frameLength, xid, inPort,
                TO_DISPATCHER_ACTIONS_LENGTH);
        WireActions.setEthDst(out, dispatcherMac);
        WireActions.output(out, OFPP_IN_PORT);
        return writeFrame(out, frame, frameIndex, frameLength);
    }

    private void writeFixedPart(ByteBuf out, int length, int xid, long inPort, int actionsLength) {
        out.ensureWritable(length);
        out.writeByte(wireVersion).writeByte(OFPT_PACKET_OUT).writeShort(length).writeInt(xid);
        out.writeInt(OFP_NO_BUFFER).writeInt((int) inPort).writeShort(actionsLength).writeZero(6);
    }

    private static int writeFrame(ByteBuf out, ByteBuf frame, int frameIndex, int frameLength) {
        int at = out.writerIndex();
        out.writeBytes(frame, frameIndex, frameLength);
        return at;
    }

    private static void checkMac(long mac) {
        if (mac < 0 || mac > MAX_MAC) {
            throw new IllegalArgumentException("MAC must be 48 bits, was 0x" + Long.toHexString(mac));
        }
    }

    private static void checkPort(String name, long port) {
        // Physical ports only: the generic encoder accepts no reserved port here either.
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(name + " must be a switch port 1.." + MAX_PORT + ", was " + port);
        }
    }

    private static void checkFrame(int frameLength) {
        if (frameLength < 0 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame length must be 0.." + MAX_FRAME_LENGTH + ", was "
                    + frameLength);
        }
    }
}
