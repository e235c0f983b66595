package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleKind;
import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.util.Objects;

/**
 * Writes the session flow mods of one dispatcher switch straight into a Netty buffer: the ADD of
 * {@link DispatcherRules#sessionRule} and the DELETE_STRICT of {@link DispatcherRules#sessionRuleDelete}, byte for
 * byte what {@link OpenFlowEncoder} produces for them, without building rule or openflowj objects.
 *
 * <p>Why: every new session costs one ADD per dispatcher and every ended session one DELETE_STRICT, and the
 * generic path (rule builders, schema check, openflowj's match builder and writers) dominated the controller's
 * profile at the target rate. The messages differ between sessions only in a few fields, so they are written
 * field by field in wire order here; everything else is a constant of the switch (SAN port, idle timeout) or of
 * {@link RuleConstants}.
 *
 * <p>OpenFlow 1.3 and 1.4 only (their flow mods have the same layout; 1.4's importance is left 0 like the
 * generic encoder leaves it); for any other version use {@link OpenFlowEncoder}, see {@link #supports}.
 *
 * <p>Unlike {@link DispatcherRules#sessionRule}, this does not check that a service listens at the key's
 * VIP:port: the caller writes rules for sessions the dispatcher has placed. Immutable and safe to share.
 */
public final class SessionFlowMods {
    private static final int OFPT_FLOW_MOD = 14;
    private static final int OFPFC_ADD = 0;
    private static final int OFPFC_DELETE_STRICT = 4;
    private static final int OFPFF_SEND_FLOW_REM = 1;
    private static final int OFP_NO_BUFFER = 0xffff_ffff;
    private static final int OFPP_ANY = 0xffff_ffff;
    private static final int OFPG_ANY = 0xffff_ffff;
    /** Header, cookie and mask, table, command, timeouts, priority, buffer, out port and group, flags, pad. */
    private static final int FLOW_MOD_FIXED_LENGTH = 48;

    private static final int OFPMT_OXM = 1;
    private static final int OXM_HEADER_LENGTH = 4;
    private static final int OXM_ETH_TYPE = oxmHeader(5, 2);
    private static final int OXM_IP_PROTO = oxmHeader(10, 1);
    private static final int OXM_IPV4_SRC = oxmHeader(11, 4);
    private static final int OXM_IPV4_DST = oxmHeader(12, 4);
    private static final int OXM_TCP_SRC = oxmHeader(13, 2);
    private static final int OXM_TCP_DST = oxmHeader(14, 2);
    private static final int OXM_UDP_SRC = oxmHeader(15, 2);
    private static final int OXM_UDP_DST = oxmHeader(16, 2);
    private static final int ETH_TYPE_IPV4 = 0x0800;
    private static final int IP_PROTO_TCP = 6;
    private static final int IP_PROTO_UDP = 17;
    /** ofp_match header, then eth_type, ip_proto, ipv4_src, ipv4_dst, l4 src, l4 dst (TCP and UDP alike). */
    private static final int MATCH_LENGTH = 4 + 6 * OXM_HEADER_LENGTH + 2 + 1 + 4 + 4 + 2 + 2;
    private static final int MATCH_PADDED_LENGTH = (MATCH_LENGTH + 7) & ~7;

    private static final int OFPIT_APPLY_ACTIONS = 4;
    private static final int INSTRUCTION_HEADER_LENGTH = 8;
    private static final int APPLY_ACTIONS_LENGTH = INSTRUCTION_HEADER_LENGTH + 2 * WireActions.SET_FIELD_LENGTH
            + WireActions.OUTPUT_LENGTH;

    /** Length of the DELETE_STRICT message: fixed part and padded match, no instructions. */
    public static final int DELETE_STRICT_LENGTH = FLOW_MOD_FIXED_LENGTH + MATCH_PADDED_LENGTH;
    /** Length of the ADD message: fixed part, padded match, apply-actions instruction. */
    public static final int ADD_LENGTH = DELETE_STRICT_LENGTH + APPLY_ACTIONS_LENGTH;

    private static final long MAX_MAC = 0xffff_ffff_ffffL;

    private final OFVersion version;
    private final byte wireVersion;
    private final int sanPort;
    private final int idleTimeoutSeconds;

    /**
     * @param version the switch's negotiated version; {@link #supports} must be true for it
     * @param topology the dispatcher switch (its SAN port is the session rules' output)
     * @param idleTimeoutSeconds the session rules' idle timeout, 1 to 65535 as for
     *     {@link DispatcherRules#sessionRule}
     * @throws UnsupportedOperationException for a version other than 1.3 and 1.4
     * @throws IllegalArgumentException when the idle timeout is out of range
     */
    public SessionFlowMods(OFVersion version, DispatcherTopology topology, int idleTimeoutSeconds) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(topology, "topology");
        if (!supports(version)) {
            throw new UnsupportedOperationException("session flow mods are precomputed for OpenFlow 1.3 and 1.4"
                    + " only, not " + OpenFlowEncoder.versionName(version) + "; use OpenFlowEncoder");
        }
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > FlowRule.MAX_TIMEOUT) {
            throw new IllegalArgumentException("session idle timeout must be 1.." + FlowRule.MAX_TIMEOUT
                    + " s (sessions end by idling out), was " + idleTimeoutSeconds);
        }
        this.version = version;
        this.wireVersion = (byte) version.getWireVersion();
        this.sanPort = topology.sanPort();
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    /** @return whether this class can write flow mods for the version (1.3 and 1.4) */
    public static boolean supports(OFVersion version) {
        return version == OFVersion.OF_13 || version == OFVersion.OF_14;
    }

    /** @return the OpenFlow version the messages are written in */
    public OFVersion version() {
        return version;
    }

    /** @return the idle timeout of the session rules, in seconds */
    public int idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    /**
     * Appends the session rule's OFPFC_ADD ({@value #ADD_LENGTH} bytes) at the buffer's writer index.
     *
     * @param out the buffer; grows if needed
     * @param xid the transaction id (unsigned 32 bits)
     * @param keyHigh the session key's {@code SessionKey.packHigh}
     * @param keyLow the session key's {@code SessionKey.packLow}; its protocol must be TCP or UDP
     * @param serverMac the server's MAC address in the low 48 bits
     * @param serverIp the server's IPv4 address
     * @throws IllegalArgumentException on a bad key or MAC; nothing is written then
     */
    public void writeAdd(ByteBuf out, int xid, long keyHigh, long keyLow, long serverMac, int serverIp) {
        boolean tcp = isTcp(keyLow);
        if (serverMac < 0 || serverMac > MAX_MAC) {
            throw new IllegalArgumentException("serverMac must be a 48-bit MAC address (a known one), was 0x"
                    + Long.toHexString(serverMac));
        }
        out.ensureWritable(ADD_LENGTH);
        writeFixedPart(out, ADD_LENGTH, xid, Cookies.forSession(RuleKind.SESSION, keyHigh, keyLow), OFPFC_ADD,
                idleTimeoutSeconds, OFPFF_SEND_FLOW_REM);
        writeMatch(out, tcp, keyHigh, keyLow);

        out.writeShort(OFPIT_APPLY_ACTIONS).writeShort(APPLY_ACTIONS_LENGTH).writeInt(0);
        WireActions.setEthDst(out, serverMac);
        WireActions.setIpv4Dst(out, serverIp);
        WireActions.output(out, sanPort);
    }

    /**
     * Appends the OFPFC_DELETE_STRICT of the session rule ({@value #DELETE_STRICT_LENGTH} bytes) at the
     * buffer's writer index: table, priority and match of the rule, no cookie filter.
     *
     * @param out the buffer; grows if needed
     * @param xid the transaction id (unsigned 32 bits)
     * @param keyHigh the session key's {@code SessionKey.packHigh}
     * @param keyLow the session key's {@code SessionKey.packLow}; its protocol must be TCP or UDP
     * @throws IllegalArgumentException on a bad key; nothing is written then
     */
    public void writeDeleteStrict(ByteBuf out, int xid, long keyHigh, long keyLow) {
        boolean tcp = isTcp(keyLow);
        out.ensureWritable(DELETE_STRICT_LENGTH);
        writeFixedPart(out, DELETE_STRICT_LENGTH, xid, 0, OFPFC_DELETE_STRICT, 0, 0);
        writeMatch(out, tcp, keyHigh, keyLow);
    }

    /** Header and the fields every flow mod has before its match (ofp_flow_mod up to the match). */
    private void writeFixedPart(ByteBuf out, int length, int xid, long cookie, int command, int idleTimeout,
                                int flags) {
        out.writeByte(wireVersion).writeByte(OFPT_FLOW_MOD).writeShort(length).writeInt(xid);
        out.writeLong(cookie).writeLong(0); // cookie, cookie_mask (only deletes filter by it; strict ones do not)
        out.writeByte(RuleConstants.DISPATCHER_SESSION_TABLE).writeByte(command);
        out.writeShort(idleTimeout).writeShort(0).writeShort(RuleConstants.PRIORITY_DISPATCHER_SESSION);
        out.writeInt(OFP_NO_BUFFER).writeInt(OFPP_ANY).writeInt(OFPG_ANY);
        out.writeShort(flags).writeShort(0); // 1.3 pad, 1.4 importance
    }

    /** The match of {@link DispatcherRules#sessionMatch}, in the OXM order openflowj writes it. */
    private static void writeMatch(ByteBuf out, boolean tcp, long keyHigh, long keyLow) {
        out.writeShort(OFPMT_OXM).writeShort(MATCH_LENGTH);
        out.writeInt(OXM_ETH_TYPE).writeShort(ETH_TYPE_IPV4);
        out.writeInt(OXM_IP_PROTO).writeByte(tcp ? IP_PROTO_TCP : IP_PROTO_UDP);
        out.writeInt(OXM_IPV4_SRC).writeInt((int) (keyHigh >>> 32)); // client address
        out.writeInt(OXM_IPV4_DST).writeInt((int) (keyLow >>> 8)); // VIP
        out.writeInt(tcp ? OXM_TCP_SRC : OXM_UDP_SRC).writeShort((int) (keyHigh >>> 16)); // client port
        out.writeInt(tcp ? OXM_TCP_DST : OXM_UDP_DST).writeShort((int) keyHigh); // service port
        out.writeZero(MATCH_PADDED_LENGTH - MATCH_LENGTH);
    }

    private static boolean isTcp(long keyLow) {
        if ((keyLow >>> 40) != 0) {
            throw new IllegalArgumentException("keyLow is not a packed session key (bits above VIP and protocol"
                    + " set): 0x" + Long.toHexString(keyLow));
        }
        int protocol = (int) (keyLow & 0xff);
        if (protocol != IP_PROTO_TCP && protocol != IP_PROTO_UDP) {
            throw new IllegalArgumentException("keyLow: session protocol must be 6 (TCP) or 17 (UDP), was " + protocol);
        }
        return protocol == IP_PROTO_TCP;
    }

    /** An OpenFlow-basic (class 0x8000) OXM header without mask. */
    private static int oxmHeader(int field, int valueLength) {
        return 0x8000 << 16 | field << 9 | valueLength;
    }
}
