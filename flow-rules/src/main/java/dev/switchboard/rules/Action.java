package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.util.Objects;

/**
 * One step a rule applies to a matched packet, in order. {@link Type#GOTO_TABLE} is an OpenFlow instruction
 * rather than an action; the model keeps it in the action list (last, at most once, see {@link FlowRule})
 * so that a rule reads as what happens to the packet, and encoders split it out.
 */
public final class Action {
    /** What the action does; the value's meaning depends on it. */
    public enum Type {
        /** Send out a switch port ({@link #port()}). Never the packet's own in_port: use {@link #OUTPUT_IN_PORT}. */
        OUTPUT,
        /** Send back out of the port the packet arrived on (OpenFlow's reserved port IN_PORT). */
        OUTPUT_IN_PORT,
        /** Send the whole packet to the controller as a PACKET_IN (no buffering on the switch). */
        OUTPUT_CONTROLLER,
        /** Rewrite the Ethernet source ({@link #mac()}). */
        SET_ETH_SRC,
        /** Rewrite the Ethernet destination ({@link #mac()}). */
        SET_ETH_DST,
        /** Rewrite the IPv4 source ({@link #ipv4()}). */
        SET_IPV4_SRC,
        /** Rewrite the IPv4 destination ({@link #ipv4()}). */
        SET_IPV4_DST,
        /** Hand the packet to a group ({@link #groupId()}). */
        GROUP,
        /** Continue in a later table ({@link #tableId()}); an instruction, last in a rule. */
        GOTO_TABLE
    }

    private static final Action IN_PORT = new Action(Type.OUTPUT_IN_PORT, 0);
    private static final Action CONTROLLER = new Action(Type.OUTPUT_CONTROLLER, 0);

    private final Type type;
    private final long value;

    private Action(Type type, long value) {
        this.type = type;
        this.value = value;
    }

    /** @param port 1 to {@link RuleConstants#MAX_PORT} */
    public static Action output(long port) {
        return new Action(Type.OUTPUT, checkRange("output port", port, 1, RuleConstants.MAX_PORT));
    }

    /** @return output back out of the arrival port */
    public static Action outputInPort() {
        return IN_PORT;
    }

    /** @return output to the controller */
    public static Action toController() {
        return CONTROLLER;
    }

    /** @param mac new Ethernet source in the low 48 bits */
    public static Action setEthSrc(long mac) {
        return new Action(Type.SET_ETH_SRC, checkMac("eth_src", mac));
    }

    /** @param mac new Ethernet destination in the low 48 bits */
    public static Action setEthDst(long mac) {
        return new Action(Type.SET_ETH_DST, checkMac("eth_dst", mac));
    }

    /** @param address new IPv4 source */
    public static Action setIpv4Src(int address) {
        return new Action(Type.SET_IPV4_SRC, address & 0xffff_ffffL);
    }

    /** @param address new IPv4 destination */
    public static Action setIpv4Dst(int address) {
        return new Action(Type.SET_IPV4_DST, address & 0xffff_ffffL);
    }

    /** @param groupId 0 to {@link RuleConstants#MAX_GROUP} */
    public static Action group(long groupId) {
        return new Action(Type.GROUP, checkRange("group id", groupId, 0, RuleConstants.MAX_GROUP));
    }

    /** @param tableId 1 to {@link RuleConstants#MAX_TABLE}; must be after the rule's own table */
    public static Action gotoTable(int tableId) {
        return new Action(Type.GOTO_TABLE, checkRange("goto table", tableId, 1, RuleConstants.MAX_TABLE));
    }

    private static long checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static long checkMac(String what, long mac) {
        if (mac == MacAddress.UNKNOWN) {
            throw new IllegalArgumentException(what + ": MAC address is unknown");
        }
        return checkRange(what, mac, 0, 0xffff_ffff_ffffL);
    }

    /** @return what the action does */
    public Type type() {
        return type;
    }

    /** @return the port of an {@link Type#OUTPUT} action */
    public long port() {
        return valueOf(Type.OUTPUT);
    }

    /** @return the MAC address of a {@link Type#SET_ETH_SRC} or {@link Type#SET_ETH_DST} action */
    public long mac() {
        return valueOf(Type.SET_ETH_SRC, Type.SET_ETH_DST);
    }

    /** @return the address of a {@link Type#SET_IPV4_SRC} or {@link Type#SET_IPV4_DST} action */
    public int ipv4() {
        return (int) valueOf(Type.SET_IPV4_SRC, Type.SET_IPV4_DST);
    }

    /** @return the group id of a {@link Type#GROUP} action */
    public long groupId() {
        return valueOf(Type.GROUP);
    }

    /** @return the table of a {@link Type#GOTO_TABLE} action */
    public int tableId() {
        return (int) valueOf(Type.GOTO_TABLE);
    }

    private long valueOf(Type... expected) {
        for (Type t : expected) {
            if (t == type) {
                return value;
            }
        }
        throw new IllegalStateException(this + " has no such value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Action && ((Action) o).type == type && ((Action) o).value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    /** @return ovs-ofctl-like notation, such as {@code set_field:02:00:00:00:0b:01->eth_dst} */
    @Override
    public String toString() {
        switch (type) {
            case OUTPUT:
                return "output:" + value;
            case OUTPUT_IN_PORT:
                return "in_port";
            case OUTPUT_CONTROLLER:
                return "controller";
            case SET_ETH_SRC:
                return "set_field:" + MacAddress.format(value) + "->eth_src";
            case SET_ETH_DST:
                return "set_field:" + MacAddress.format(value) + "->eth_dst";
            case SET_IPV4_SRC:
                return "set_field:" + Ipv4.format((int) value) + "->ipv4_src";
            case SET_IPV4_DST:
                return "set_field:" + Ipv4.format((int) value) + "->ipv4_dst";
            case GROUP:
                return "group:" + value;
            case GOTO_TABLE:
                return "goto_table:" + value;
            default:
                throw new IllegalStateException("unknown action type " + type);
        }
    }
}
