package dev.switchboard.harness.openflow;

import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;
import io.netty.buffer.ByteBuf;

/**
 * Reads the parts of an OpenFlow 1.3 FLOW_MOD the harness needs (command, cookie, exact ipv4_src and tcp_src,
 * whether an action outputs to IN_PORT) in place, without building openflowj objects: at full load the
 * controller sends k of these per connection request.
 *
 * <p>One instance per connection, reused for every message (event loop only).
 */
public final class FlowModView {
    private static final int COOKIE_OFFSET = 8;
    private static final int COMMAND_OFFSET = 25;
    private static final int MATCH_OFFSET = 48;
    private static final int OXM_HEADER = 4;
    private static final int MATCH_TYPE_OXM = 1;

    private int command;
    private long cookie;
    private long clientKey;
    private boolean outputsToInPort;

    /**
     * @param buf holds the message at {@code start}
     * @param start offset of the OpenFlow header
     * @param length the message length from the header
     * @return whether the message could be read (a truncated or non-OXM match cannot)
     */
    public boolean read(ByteBuf buf, int start, int length) {
        command = -1;
        cookie = 0;
        clientKey = ClientKeys.NONE;
        outputsToInPort = false;
        int end = start + length;
        if (length < MATCH_OFFSET + 4) {
            return false;
        }
        command = buf.getUnsignedByte(start + COMMAND_OFFSET);
        cookie = buf.getLong(start + COOKIE_OFFSET);
        int match = start + MATCH_OFFSET;
        int matchLength = buf.getUnsignedShort(match + 2);
        if (buf.getUnsignedShort(match) != MATCH_TYPE_OXM || matchLength < 4 || match + matchLength > end) {
            return false;
        }
        readMatch(buf, match + 4, match + matchLength);
        // Actions only matter to tell a lock redirect from a session rule when the cookie cannot.
        if (clientKey != ClientKeys.NONE && !Cookies.isSwitchboard(cookie)) {
            readInstructions(buf, match + ((matchLength + 7) & ~7), end);
        }
        return true;
    }

    private void readMatch(ByteBuf buf, int from, int end) {
        int ip = 0;
        int port = -1;
        boolean hasIp = false;
        int at = from;
        while (at + OXM_HEADER <= end) {
            int oxmClass = buf.getUnsignedShort(at);
            int fieldAndMask = buf.getUnsignedByte(at + 2);
            int payload = buf.getUnsignedByte(at + 3);
            int value = at + OXM_HEADER;
            if (value + payload > end) {
                break;
            }
            if (oxmClass == Wire.OXM_CLASS_OPENFLOW_BASIC) {
                int field = fieldAndMask >>> 1;
                boolean masked = (fieldAndMask & 1) != 0;
                if (field == Wire.OXM_IPV4_SRC && payload == (masked ? 8 : 4)
                        && (!masked || buf.getInt(value + 4) == -1)) {
                    ip = buf.getInt(value);
                    hasIp = true;
                } else if (field == Wire.OXM_TCP_SRC && payload == (masked ? 4 : 2)
                        && (!masked || buf.getUnsignedShort(value + 2) == 0xffff)) {
                    port = buf.getUnsignedShort(value);
                }
            }
            at = value + payload;
        }
        if (hasIp && port >= 0) {
            clientKey = ClientKeys.of(ip, port);
        }
    }

    private void readInstructions(ByteBuf buf, int from, int end) {
        int at = from;
        while (at + 4 <= end) {
            int type = buf.getUnsignedShort(at);
            int length = buf.getUnsignedShort(at + 2);
            if (length < 4 || at + length > end) {
                return;
            }
            if (type == Wire.INSTRUCTION_APPLY_ACTIONS || type == Wire.INSTRUCTION_WRITE_ACTIONS) {
                readActions(buf, at + 8, at + length);
            }
            at += length;
        }
    }

    private void readActions(ByteBuf buf, int from, int end) {
        int at = from;
        while (at + 4 <= end) {
            int type = buf.getUnsignedShort(at);
            int length = buf.getUnsignedShort(at + 2);
            if (length < 4 || at + length > end) {
                return;
            }
            if (type == Wire.ACTION_OUTPUT && length >= 8
                    && buf.getUnsignedInt(at + 4) == Wire.PORT_IN_PORT) {
                outputsToInPort = true;
            }
            at += length;
        }
    }

    /** @return the ofp_flow_mod_command of the last message read */
    public int command() {
        return command;
    }

    /** @return the cookie of the last message read */
    public long cookie() {
        return cookie;
    }

    /** @return the exact ipv4_src + tcp_src of the match as a {@link ClientKeys key}, or NONE */
    public long clientKey() {
        return clientKey;
    }

    /**
     * @return whether an apply/write-actions instruction outputs to OFPP_IN_PORT; only read for a rule with the
     *         client's source in its match and a cookie that is not Switchboard's (false otherwise)
     */
    public boolean outputsToInPort() {
        return outputsToInPort;
    }

    /**
     * A session rule is an ADD whose match has the client's exact ipv4_src and tcp_src. A Switchboard cookie must
     * say {@link RuleKind#SESSION}; without one, a rule that sends packets back out of IN_PORT is a lock redirect
     * (same match, docs/topology.md) and does not count.
     *
     * @return whether the last message read installs a session rule
     */
    public boolean isSessionRule() {
        if (command != Wire.FLOW_MOD_ADD || clientKey == ClientKeys.NONE) {
            return false;
        }
        if (Cookies.isSwitchboard(cookie)) {
            return Cookies.kindOf(cookie) == RuleKind.SESSION;
        }
        return !outputsToInPort;
    }
}
