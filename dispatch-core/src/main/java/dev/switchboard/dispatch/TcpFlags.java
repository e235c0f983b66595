package dev.switchboard.dispatch;

/** TCP header flag bits as they appear on the wire. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private TcpFlags() {
    }

    /** @return whether the flags open a connection: SYN without ACK */
    public static boolean isConnectionRequest(int flags) {
        return (flags & (SYN | ACK)) == SYN;
    }
}
