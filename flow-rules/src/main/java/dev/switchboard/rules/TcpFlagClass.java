package dev.switchboard.rules;

import java.util.List;

/**
 * The classes of TCP packets the router's spray mode sends to different trunk groups. Each class has its
 * own SELECT group whose buckets are the trunk links rotated by {@link #rotation()}; the switch's flow hash
 * picks the same bucket position for every packet of a connection, so packets of different classes leave
 * on different links (see docs/flow-rules.md). Classes are tried in declaration order, as the rule
 * priorities make the switch do.
 */
public enum TcpFlagClass {
    /** Connection requests: SYN set. */
    SYN(RuleConstants.PRIORITY_ROUTER_TRUNK_SYN, List.of(Match.TCP_SYN)),
    /** Connection ends: FIN or RST set (one rule each: an OpenFlow mask cannot say "or"). */
    FIN_RST(RuleConstants.PRIORITY_ROUTER_TRUNK_FIN_RST, List.of(Match.TCP_FIN, Match.TCP_RST)),
    /** Data pushes: PSH set. */
    PSH(RuleConstants.PRIORITY_ROUTER_TRUNK_PSH, List.of(Match.TCP_PSH)),
    /** Everything else to a VIP, including non-TCP traffic; the only class in flow-hash mode. */
    OTHER(RuleConstants.PRIORITY_ROUTER_TRUNK, List.of());

    private final int priority;
    private final List<Integer> flags;

    TcpFlagClass(int priority, List<Integer> flags) {
        this.priority = priority;
        this.flags = flags;
    }

    /** @return the priority of the router rules of this class */
    public int priority() {
        return priority;
    }

    /** @return how many positions this class's group rotates the trunk buckets */
    public int rotation() {
        return ordinal();
    }

    /** @return the id of this class's trunk group in spray mode */
    public int groupId() {
        return RuleConstants.TRUNK_GROUP_BASE + ordinal();
    }

    /**
     * @return the flags that put a packet in this class, one router rule each ({@code tcp_flags=+flag});
     *     empty for {@link #OTHER}, whose rule matches no flags
     */
    public List<Integer> flags() {
        return flags;
    }

    /**
     * @param tcpFlags the flags of a TCP packet
     * @return the class the router's spray rules put it in
     */
    public static TcpFlagClass classify(int tcpFlags) {
        for (TcpFlagClass c : values()) {
            for (int flag : c.flags) {
                if ((tcpFlags & flag) != 0) {
                    return c;
                }
            }
        }
        return OTHER;
    }
}
