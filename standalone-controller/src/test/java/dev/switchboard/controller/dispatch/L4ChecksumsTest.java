package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class L4ChecksumsTest {
    /** A TCP SYN 192.0.2.11:57594 -> 198.51.100.10:80 with options; checksum 0x4011 computed independently. */
    private static final String SYN = "025b0000000102000000000a08004500003c1e6d400040063006c000020bc633640a"
            + "e0fa005027a1328500000000a002faf040110000020405b40402080a1cf1c8520000000001030307";
    /** UDP with an odd-length payload ("hello"); checksum 0xba9a computed independently. */
    private static final String UDP = "025b0000000102000000000a0800450000210001400040114e82c000020bc633640a"
            + "14e90035000dba9a68656c6c6f";
    private static final int TCP_CHECKSUM_AT = 14 + 20 + 16;
    private static final int UDP_CHECKSUM_AT = 14 + 20 + 6;

    private static byte[] frame(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] withChecksum(String hex, int at, int value) {
        byte[] f = frame(hex);
        f[at] = (byte) (value >>> 8);
        f[at + 1] = (byte) value;
        return f;
    }

    @Test
    void anUnfinishedOffloadTcpChecksumIsCompleted() {
        // What an offloading sender leaves: the pseudo-header sum only (any wrong value will do).
        byte[] f = withChecksum(SYN, TCP_CHECKSUM_AT, 0xec77);

        assertThat(L4Checksums.complete(f)).isTrue();

        assertThat(f).isEqualTo(frame(SYN));
    }

    @Test
    void aCorrectChecksumStaysAsItIs() {
        byte[] f = frame(SYN);

        L4Checksums.complete(f);

        assertThat(f).isEqualTo(frame(SYN));
    }

    @Test
    void udpWithAnOddLengthIsPaddedAndZeroMeansNoChecksum() {
        byte[] f = withChecksum(UDP, UDP_CHECKSUM_AT, 0x1234);
        assertThat(L4Checksums.complete(f)).isTrue();
        assertThat(f).isEqualTo(frame(UDP));

        byte[] none = withChecksum(UDP, UDP_CHECKSUM_AT, 0);
        assertThat(L4Checksums.complete(none)).isFalse();
        assertThat(none).isEqualTo(withChecksum(UDP, UDP_CHECKSUM_AT, 0));
    }

    @Test
    void ethernetPaddingAfterTheIpPacketIsNotSummed() {
        byte[] padded = new byte[frame(UDP).length + 13];
        System.arraycopy(withChecksum(UDP, UDP_CHECKSUM_AT, 1), 0, padded, 0, frame(UDP).length);
        padded[padded.length - 1] = 0x55;

        L4Checksums.complete(padded);

        assertThat(padded[UDP_CHECKSUM_AT] & 0xff).isEqualTo(0xba);
        assertThat(padded[UDP_CHECKSUM_AT + 1] & 0xff).isEqualTo(0x9a);
    }

    @Test
    void truncatedFragmentedAndNonIpFramesAreLeftAlone() {
        byte[] truncated = Arrays.copyOf(withChecksum(SYN, TCP_CHECKSUM_AT, 7), 60);
        byte[] fragment = withChecksum(SYN, TCP_CHECKSUM_AT, 7);
        fragment[14 + 6] = 0x20; // more fragments
        byte[] arp = withChecksum(SYN, TCP_CHECKSUM_AT, 7);
        arp[12] = 0x08;
        arp[13] = 0x06;

        for (byte[] f : new byte[][] {truncated, fragment, arp, new byte[10], null}) {
            byte[] before = f == null ? null : f.clone();
            assertThat(L4Checksums.complete(f)).isFalse();
            assertThat(f).isEqualTo(before);
        }
    }
}
