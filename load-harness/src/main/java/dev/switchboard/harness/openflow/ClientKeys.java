package dev.switchboard.harness.openflow;

/**
 * A client endpoint packed in a long: IPv4 address in bits 16..47, source port in bits 0..15. Packed keys let
 * the parsers report what they found without allocating.
 */
public final class ClientKeys {
    /** Returned by the parsers when a message carries no client endpoint. */
    public static final long NONE = -1L;

    private ClientKeys() {
    }

    /** @return the key of client {@code ip}:{@code port} */
    public static long of(int ip, int port) {
        return ((ip & 0xffff_ffffL) << 16) | (port & 0xffff);
    }

    /** @return the client's IPv4 address */
    public static int ip(long key) {
        return (int) (key >>> 16);
    }

    /** @return the client's source port */
    public static int port(long key) {
        return (int) (key & 0xffff);
    }
}
