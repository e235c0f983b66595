package dev.switchboard.dispatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionKeyTextTest {

    @Test
    void writesTheApiForm() {
        SessionKey key = SessionKey.of(Protocol.TCP, Ipv4.parse("192.0.2.11"), 40000, Ipv4.parse("198.51.100.10"), 80);
        assertThat(key.toKeyString()).isEqualTo("tcp-192.0.2.11-40000-198.51.100.10-80");
        assertThat(SessionKey.parse("udp-0.0.0.0-0-255.255.255.255-65535"))
                .isEqualTo(SessionKey.of(Protocol.UDP, 0, 0, -1, 65535));
    }

    @Property
    void parseReadsWhatToKeyStringWrites(@ForAll boolean udp, @ForAll int client,
                                         @ForAll @IntRange(max = 65535) int clientPort, @ForAll int vip,
                                         @ForAll @IntRange(max = 65535) int vipPort) {
        SessionKey key = SessionKey.of(udp ? Protocol.UDP : Protocol.TCP, client, clientPort, vip, vipPort);
        assertThat(SessionKey.parse(key.toKeyString())).isEqualTo(key);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "want protocol-client-clientPort-vip-vipPort"),
                Arguments.of("tcp-192.0.2.11-40000-198.51.100.10", "want protocol-client-clientPort-vip-vipPort"),
                Arguments.of("tcp-192.0.2.11-40000-198.51.100.10-80-1", "want protocol-client-clientPort-vip-vipPort"),
                Arguments.of("sctp-192.0.2.11-40000-198.51.100.10-80", "unknown protocol 'sctp' (want tcp or udp)"),
                Arguments.of("TCP-192.0.2.11-40000-198.51.100.10-80", "unknown protocol 'TCP'"),
                Arguments.of("tcp-192.0.2.300-40000-198.51.100.10-80", "'192.0.2.300' is not an IPv4 address"),
                Arguments.of("tcp-192.0.2.11-40000-example-80", "'example' is not an IPv4 address"),
                Arguments.of("tcp-192.0.2.11--198.51.100.10-80", "port '' is not a number"),
                Arguments.of("tcp-192.0.2.11-+4000-198.51.100.10-80", "port '+4000' is not a number"),
                Arguments.of("tcp-192.0.2.11-400000-198.51.100.10-80", "port '400000' is not a number"),
                Arguments.of("tcp-192.0.2.11-40000-198.51.100.10-65536", "port 65536 is out of range 0..65535"),
                Arguments.of("tcp-192.0.2.11-40000-198.51.100.10-8o", "port '8o' is not a number"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("malformed")
    void malformedKeysAreRejectedNamingTheProblem(String text, String problem) {
        assertThatThrownBy(() -> SessionKey.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a session key (")
                .hasMessageContaining(problem);
    }

    @Test
    void aMissingKeyIsRejected() {
        assertThatThrownBy(() -> SessionKey.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session key is missing");
    }
}
