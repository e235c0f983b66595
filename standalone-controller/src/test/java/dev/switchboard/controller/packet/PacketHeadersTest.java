package dev.switchboard.controller.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PacketHeadersTest {
    private static final String SYN_HEX =
            // eth: dst 02:5b:00:00:00:01 src 02:00:00:00:0a:01 type 0800
            "025b00000001" + "020000000a01" + "0800"
            // ipv4: ver/ihl 45, tos, len 40, id, flags/frag 4000, ttl 64, proto 6, csum, src 192.0.2.11, dst 198.51.100.10
            + "4500" + "0028" + "0000" + "4000" + "40" + "06" + "0000" + "c000020b" + "c633640a"
            // tcp: sport 40000, dport 80, seq, ack, offset 50, flags 02 (SYN), win, csum, urg
            + "9c40" + "0050" + "00000001" + "00000000" + "50" + "02" + "ffff" + "0000" + "0000";

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    @DisplayName("a TCP SYN parses into addresses, ports and flags")
    void parsesTcpSyn() {
        PacketHeaders h = new PacketHeaders().parse(hex(SYN_HEX));
        assertThat(h.kind()).isEqualTo(PacketHeaders.Kind.TCP);
        assertThat(h.ipSrc()).isEqualTo(Ipv4.parse("192.0.2.11"));
        assertThat(h.ipDst()).isEqualTo(Ipv4.parse("198.51.100.10"));
        assertThat(h.srcPort()).isEqualTo(40000);
        assertThat(h.dstPort()).isEqualTo(80);
        assertThat(h.tcpFlags()).isEqualTo(0x02);
        assertThat(h.ethSrc()).isEqualTo(MacAddress.parse("02:00:00:00:0a:01"));
    }

    @Test
    @DisplayName("an ARP reply built for a request parses back as the answer to it")
    void arpReplyRoundTrips() {
        byte[] reply = ArpReplies.reply(MacAddress.parse("02:5b:00:00:00:01"), Ipv4.parse("192.0.2.1"),
                MacAddress.parse("02:00:00:00:0a:01"), Ipv4.parse("192.0.2.11"));
        PacketHeaders h = new PacketHeaders().parse(reply);
        assertThat(h.kind()).isEqualTo(PacketHeaders.Kind.ARP);
        assertThat(h.arpOpcode()).isEqualTo(2);
        assertThat(h.arpSenderIp()).isEqualTo(Ipv4.parse("192.0.2.1"));
        assertThat(h.arpSenderMac()).isEqualTo(MacAddress.parse("02:5b:00:00:00:01"));
        assertThat(h.arpTargetIp()).isEqualTo(Ipv4.parse("192.0.2.11"));
        assertThat(h.ethDst()).isEqualTo(MacAddress.parse("02:00:00:00:0a:01"));
    }

    @Test
    @DisplayName("every truncation and random garbage parses to OTHER or a consistent kind, never throws")
    void malformedFramesNeverThrow() {
        byte[] syn = hex(SYN_HEX);
        for (int length = 0; length < syn.length; length++) {
            PacketHeaders h = new PacketHeaders().parse(Arrays.copyOf(syn, length));
            assertThat(h.kind()).as("truncated to %d bytes", length).isEqualTo(PacketHeaders.Kind.OTHER);
        }
        Random random = new Random(42);
        PacketHeaders reused = new PacketHeaders();
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(80)];
            random.nextBytes(garbage);
            reused.parse(garbage);
        }
        assertThat(reused.parse(null).kind()).isEqualTo(PacketHeaders.Kind.OTHER);
    }
}
