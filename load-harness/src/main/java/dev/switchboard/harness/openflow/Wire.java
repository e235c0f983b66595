package dev.switchboard.harness.openflow;

/** OpenFlow 1.3 wire constants used by the hand-written parsers of the hot messages. */
final class Wire {
    /** ofp_header.version of OpenFlow 1.3. */
    static final int OF13 = 4;
    /** Every message starts with version, type, length and xid. */
    static final int HEADER_LENGTH = 8;

    static final int TYPE_HELLO = 0;
    static final int TYPE_ECHO_REQUEST = 2;
    static final int TYPE_ECHO_REPLY = 3;
    static final int TYPE_PACKET_OUT = 13;
    static final int TYPE_FLOW_MOD = 14;
    static final int TYPE_GROUP_MOD = 15;

    static final int FLOW_MOD_ADD = 0;
    static final int FLOW_MOD_MODIFY = 1;
    static final int FLOW_MOD_MODIFY_STRICT = 2;

    static final int OXM_CLASS_OPENFLOW_BASIC = 0x8000;
    static final int OXM_IPV4_SRC = 11;
    static final int OXM_TCP_SRC = 13;

    static final int INSTRUCTION_WRITE_ACTIONS = 3;
    static final int INSTRUCTION_APPLY_ACTIONS = 4;
    static final int ACTION_OUTPUT = 0;
    /** OFPP_IN_PORT: a lock redirect sends packets back out of the port they came in on. */
    static final long PORT_IN_PORT = 0xffff_fff8L;

    static final int ETH_TYPE_IPV4 = 0x0800;
    static final int ETH_TYPE_VLAN = 0x8100;
    static final int ETH_TYPE_QINQ = 0x88a8;
    static final int IP_PROTO_TCP = 6;
    static final int IP_PROTO_UDP = 17;

    private Wire() {
    }
}
