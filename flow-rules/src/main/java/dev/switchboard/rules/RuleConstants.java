package dev.switchboard.rules;

import dev.switchboard.dispatch.model.DispatcherId;

/**
 * Table ids, priorities and group ids of every Switchboard rule, in one place so that the rule layout of
 * docs/topology.md can be read (and reviewed) from a single file. Cookie kinds are {@link RuleKind}.
 *
 * <p>Within one table, rules whose matches can overlap get distinct priorities; rules of equal priority
 * match disjoint packets (they differ in an exactly matched field).
 */
public final class RuleConstants {
    /** Top byte of every Switchboard cookie, so that foreign rules on a shared switch are left alone. */
    public static final int APP_ID = 0x5b;

    /** The router's only table. */
    public static final int ROUTER_TABLE = 0;
    /** Dispatcher table 0: FIN/RST copies to the controller, then everything continues to table 1. */
    public static final int DISPATCHER_CLASSIFY_TABLE = 0;
    /** Dispatcher table 1: sessions, client lock redirection, reverse translation, VIP misses. */
    public static final int DISPATCHER_SESSION_TABLE = 1;
    /** The SAN switch's only table. */
    public static final int SAN_TABLE = 0;

    /** Router: ARP to the controller (gateway and VIP answers, client learning). */
    public static final int PRIORITY_ROUTER_ARP = 1000;
    /** Router: a packet a dispatcher sent back with another dispatcher's MAC goes to that dispatcher. */
    public static final int PRIORITY_ROUTER_LOCK_FORWARD = 900;
    /** Router: IPv4 to a learned client. */
    public static final int PRIORITY_ROUTER_CLIENT_ROUTE = 800;
    /** Router, spray mode: TCP SYN to a VIP. */
    public static final int PRIORITY_ROUTER_TRUNK_SYN = 530;
    /** Router, spray mode: TCP FIN or RST to a VIP. */
    public static final int PRIORITY_ROUTER_TRUNK_FIN_RST = 520;
    /** Router, spray mode: TCP PSH to a VIP. */
    public static final int PRIORITY_ROUTER_TRUNK_PSH = 510;
    /** Router: any other IPv4 to a VIP (the only trunk rule in flow-hash mode). */
    public static final int PRIORITY_ROUTER_TRUNK = 500;

    /** Dispatcher table 0: a TCP connection request to a VIP goes to the controller. */
    public static final int PRIORITY_DISPATCHER_SYN = 1100;
    /** Dispatcher table 0: TCP FIN or RST copied to the controller. */
    public static final int PRIORITY_DISPATCHER_FIN_COPY = 1000;
    /** Dispatcher table 0: everything else goes on to table 1. */
    public static final int PRIORITY_DISPATCHER_CLASSIFY_MISS = 0;
    /** Dispatcher table 1: a mirrored session entry; beats a lock redirect left over for the same 5-tuple. */
    public static final int PRIORITY_DISPATCHER_SESSION = 2000;
    /** Dispatcher table 1: client lock redirection to the locking dispatcher. */
    public static final int PRIORITY_DISPATCHER_LOCK_REDIRECT = 1900;
    /** Dispatcher table 1: reverse translation of server replies. */
    public static final int PRIORITY_DISPATCHER_REVERSE = 1500;
    /** Dispatcher table 1: anything else to a VIP goes to the controller. */
    public static final int PRIORITY_DISPATCHER_VIP_MISS = 100;

    /** SAN switch: ARP to the controller (server gateway answers). */
    public static final int PRIORITY_SAN_ARP = 1000;
    /** SAN switch: frames to a server MAC. */
    public static final int PRIORITY_SAN_SERVER = 900;
    /** SAN switch: IPv4 from a server to anything else goes up to the dispatchers. */
    public static final int PRIORITY_SAN_UPLINK = 500;

    /**
     * Router: id of the trunk SELECT group in flow-hash mode; in spray mode the groups are
     * {@code TRUNK_GROUP_BASE + TcpFlagClass.ordinal()}.
     */
    public static final int TRUNK_GROUP_BASE = 1;
    /** SAN switch: id of the SELECT group over the dispatcher ports. */
    public static final int SAN_UPLINK_GROUP = 1;

    /** Highest OpenFlow port number that names a physical or logical switch port (OFPP_MAX). */
    public static final long MAX_PORT = 0xffffff00L;
    /** Highest OpenFlow group id (OFPG_MAX). */
    public static final long MAX_GROUP = 0xffffff00L;
    /** Highest OpenFlow table id a rule may be put in (0xff means all tables). */
    public static final int MAX_TABLE = 254;

    private static final long DISPATCHER_MAC_BASE = 0x02_5b_00_00_01_00L;

    private RuleConstants() {
    }

    /**
     * The virtual MAC address of a dispatcher, used for client lock redirection (02:5b:00:00:01:dd).
     *
     * @param dispatcherId 0 to 63
     * @return the MAC address in the low 48 bits
     * @throws IllegalArgumentException when the id is out of range
     */
    public static long dispatcherMac(int dispatcherId) {
        return DISPATCHER_MAC_BASE | DispatcherId.check(dispatcherId);
    }
}
