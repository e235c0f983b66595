package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.ClientKeys;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSpaceTest {
    @Test
    void consecutiveClientsHaveDistinctAddressesInTheSharedAddressSpace() {
        assertThat(ClientSpace.ip(0)).isEqualTo(0x64400001); // 100.64.0.1
        assertThat(ClientSpace.port(0)).isEqualTo(1024);
        Set<Integer> addresses = new HashSet<>();
        for (long i = 0; i < 100_000; i++) {
            addresses.add(ClientSpace.ip(i));
        }
        assertThat(addresses).hasSize(100_000);
        long last = ClientSpace.ADDRESSES - 1;
        assertThat(ClientSpace.ip(last)).isEqualTo(0x647ffffe); // 100.127.255.254, not the broadcast address
        assertThat(ClientSpace.ip(last + 1)).isEqualTo(0x64400001);
        assertThat(ClientSpace.port(last + 1)).isEqualTo(1025);
    }

    @Test
    void indexOfInvertsTheNumbering() {
        for (long i : new long[] {0, 1, 4_194_301, 4_194_302, 123_456_789_012L, ClientSpace.SIZE - 1}) {
            long key = ClientKeys.of(ClientSpace.ip(i), ClientSpace.port(i));
            assertThat(ClientSpace.indexOf(key)).isEqualTo(i);
        }
    }

    @Test
    void endpointsOutsideTheSpaceAreNotClients() {
        assertThat(ClientSpace.indexOf(ClientKeys.of(0xc000020b, 40000))).isEqualTo(-1); // 192.0.2.11
        assertThat(ClientSpace.indexOf(ClientKeys.of(0x64400000, 40000))).isEqualTo(-1); // network address
        assertThat(ClientSpace.indexOf(ClientKeys.of(0x64400001, 80))).isEqualTo(-1); // below the first port
    }
}
