package dev.switchboard.controller.packet;

/** Builds the ARP replies the controller sends for the gateways and the VIPs. */
public final class ArpReplies {
    private static final int FRAME_LENGTH = 42;

    private ArpReplies() {
    }

    /**
     * @param ownerMac the MAC that answers ({@code ipAddress is-at ownerMac})
     * @param ipAddress the address asked for
     * @param askerMac the requester's MAC
     * @param askerIp the requester's address
     * @return a 42-byte Ethernet frame carrying the ARP reply
     */
    public static byte[] reply(long ownerMac, int ipAddress, long askerMac, int askerIp) {
        byte[] f = new byte[FRAME_LENGTH];
        putMac(f, 0, askerMac);
        putMac(f, 6, ownerMac);
        putShort(f, 12, PacketHeaders.ETH_TYPE_ARP);
        putShort(f, 14, 1);
        putShort(f, 16, PacketHeaders.ETH_TYPE_IPV4);
        f[18] = 6;
        f[19] = 4;
        putShort(f, 20, 2);
        putMac(f, 22, ownerMac);
        putInt(f, 28, ipAddress);
        putMac(f, 32, askerMac);
        putInt(f, 38, askerIp);
        return f;
    }

    private static void putMac(byte[] f, int o, long mac) {
        for (int i = 0; i < 6; i++) {
            f[o + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    private static void putShort(byte[] f, int o, int v) {
        f[o] = (byte) (v >>> 8);
        f[o + 1] = (byte) v;
    }

    private static void putInt(byte[] f, int o, int v) {
        f[o] = (byte) (v >>> 24);
        f[o + 1] = (byte) (v >>> 16);
        f[o + 2] = (byte) (v >>> 8);
        f[o + 3] = (byte) v;
    }
}
