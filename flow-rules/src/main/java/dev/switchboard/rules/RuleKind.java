package dev.switchboard.rules;

/**
 * What a rule is for, carried in the second byte of its cookie so that a FLOW_REMOVED or a PACKET_IN
 * (which report the cookie of the rule that produced them) can be attributed without a lookup.
 */
public enum RuleKind {
    /** Dispatcher: a mirrored session, 5-tuple to server. */
    SESSION(0x01),
    /** Dispatcher: client lock redirection, 5-tuple back to the router towards the locking dispatcher. */
    LOCK_REDIRECT(0x02),
    /** Dispatcher: reverse translation of a server's replies (source becomes the VIP). */
    REVERSE(0x03),
    /** Dispatcher: copy of a TCP FIN or RST to the controller. */
    FIN_COPY(0x04),
    /** Dispatcher: a packet to a VIP with no session goes to the controller. */
    VIP_MISS(0x05),
    /** Any switch: ARP to the controller. */
    ARP(0x06),
    /** Router: delivery to a learned client. */
    CLIENT_ROUTE(0x07),
    /** Router: packets to a VIP into a trunk SELECT group. */
    TRUNK(0x08),
    /** Router: a lock-redirected packet forwarded to the locking dispatcher's trunk port. */
    LOCK_FORWARD(0x09),
    /** SAN switch: delivery to a server. */
    SAN_SERVER(0x0a),
    /** SAN switch: server traffic up to the dispatchers. */
    SAN_UPLINK(0x0b),
    /** Dispatcher table 0: everything that is not copied goes on to table 1. */
    CLASSIFY_MISS(0x0c),
    /**
     * Dispatcher table 0: a connection request (SYN without ACK) to a VIP goes to the controller only, even when a
     * session rule matches its 5-tuple, so that a client reusing the tuple of a closing session gets a session of
     * its own instead of riding the old one.
     */
    SYN_TO_CONTROLLER(0x0d);

    private static final RuleKind[] BY_CODE = new RuleKind[256];

    static {
        for (RuleKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;

    RuleKind(int code) {
        this.code = code;
    }

    /** @return the byte stored in bits 48..55 of the cookie */
    public int code() {
        return code;
    }

    /**
     * Allocation-free, for the PACKET_IN path.
     *
     * @param code a cookie's kind byte
     * @return the kind, or {@code null} when no kind has that code
     */
    public static RuleKind fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
