package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.ClientKeys;

/**
 * Numbers the emulated clients: client {@code i} is address {@code 100.64.0.1 + (i mod 4194302)} (the hosts of
 * the shared address space 100.64.0.0/10; the documentation client subnet is far too small for load) with
 * source port {@code 1024 + i / 4194302}. Consecutive clients have distinct addresses, so a run spreads over
 * millions of client addresses before it reuses one with another port.
 */
public final class ClientSpace {
    /** 100.64.0.0. */
    public static final int NETWORK = 0x6440_0000;
    /** Hosts of the /10 (without network and broadcast address). */
    public static final int ADDRESSES = (1 << 22) - 2;
    /** Lowest source port used (clear of the well-known ports). */
    public static final int FIRST_PORT = 1024;
    /** How many clients can be numbered. */
    public static final long SIZE = (long) ADDRESSES * (0x10000 - FIRST_PORT);

    private ClientSpace() {
    }

    /** @return the address of client {@code index} */
    public static int ip(long index) {
        return NETWORK + 1 + (int) (index % ADDRESSES);
    }

    /** @return the source port of client {@code index} */
    public static int port(long index) {
        return FIRST_PORT + (int) (index / ADDRESSES);
    }

    /**
     * @param key a {@link ClientKeys key} seen in a controller message
     * @return the client's index, or -1 when the endpoint is not one of the emulated clients
     */
    public static long indexOf(long key) {
        long offset = (ClientKeys.ip(key) - (NETWORK + 1)) & 0xffff_ffffL;
        int port = ClientKeys.port(key);
        if (offset >= ADDRESSES || port < FIRST_PORT) {
            return -1;
        }
        return (long) (port - FIRST_PORT) * ADDRESSES + offset;
    }
}
