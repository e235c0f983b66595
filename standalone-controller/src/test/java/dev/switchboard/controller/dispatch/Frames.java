package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.model.Ipv4;

import java.nio.ByteBuffer;

/** Test frames: Ethernet + IPv4 + TCP with chosen flags, and ARP requests. */
final class Frames {
    private Frames() {
    }

    static byte[] tcp(String src, int srcPort, String dst, int dstPort, int flags) {
        ByteBuffer b = ByteBuffer.allocate(54);
        b.put(new byte[] {2, 0x5b, 0, 0, 0, 1}).put(new byte[] {2, 0, 0, 0, 0x0a, 1}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(Ipv4.parse(src)).putInt(Ipv4.parse(dst));
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 0xffff).putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    static byte[] arpRequest(long senderMac, String senderIp, String targetIp) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1});
        putMac(b, senderMac);
        b.putShort((short) 0x0806).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                .putShort((short) 1);
        putMac(b, senderMac);
        b.putInt(Ipv4.parse(senderIp)).put(new byte[6]).putInt(Ipv4.parse(targetIp));
        return b.array();
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (mac >>> (8 * i)));
        }
    }
}
