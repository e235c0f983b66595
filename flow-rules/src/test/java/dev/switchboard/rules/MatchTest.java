package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchTest {

    static Stream<Arguments> invalidMatches() {
        return Stream.of(
                Arguments.of("ipv4_dst without eth_type", (Supplier<Match>) () ->
                        Match.builder().ipv4Dst(1).build(), "ipv4_dst needs eth_type=0x800"),
                Arguments.of("ipv4 field on ARP", (Supplier<Match>) () ->
                        Match.builder().arp().ipv4Src(1).build(), "ipv4_src needs eth_type=0x800"),
                Arguments.of("tcp port without ip_proto", (Supplier<Match>) () ->
                        Match.builder().ipv4().tcpDst(80).build(), "tcp_dst needs ip_proto=6"),
                Arguments.of("udp port on TCP", (Supplier<Match>) () ->
                        Match.builder().protocol(Protocol.TCP).udpDst(53).build(), "udp_dst needs ip_proto=17"),
                Arguments.of("tcp flags on UDP", (Supplier<Match>) () ->
                        Match.builder().protocol(Protocol.UDP).tcpFlags(1, 1).build(), "tcp_flags needs ip_proto=6"),
                Arguments.of("flag value outside mask", (Supplier<Match>) () ->
                        Match.builder().protocol(Protocol.TCP).tcpFlags(3, 1).build(), "outside mask"),
                Arguments.of("flag mask too wide", (Supplier<Match>) () ->
                        Match.builder().protocol(Protocol.TCP).tcpFlags(0, 0x1000).build(), "tcp_flags mask"),
                Arguments.of("port out of range", (Supplier<Match>) () ->
                        Match.builder().protocol(Protocol.TCP).tcpSrc(70000).build(), "tcp_src must be 0..65535"),
                Arguments.of("in_port zero", (Supplier<Match>) () ->
                        Match.builder().inPort(0).build(), "in_port must be 1.."),
                Arguments.of("eth_type set twice", (Supplier<Match>) () ->
                        Match.builder().arp().ipv4().build(), "eth_type set twice"),
                Arguments.of("mac beyond 48 bits", (Supplier<Match>) () ->
                        Match.builder().ethDst(1L << 48).build(), "eth_dst must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMatches")
    void rejectsInvalidMatchesNamingTheField(String what, Supplier<Match> build, String message) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void keepsFieldsAndValues() {
        int client = Ipv4.parse("192.0.2.11");
        Match m = Match.builder().inPort(3).l4Src(Protocol.TCP, 40000).ipv4Src(client).tcpFlags(Match.TCP_FIN,
                Match.TCP_FIN | Match.TCP_ACK).build();

        assertThat(m.fields()).containsExactly(Match.Field.IN_PORT, Match.Field.ETH_TYPE, Match.Field.IP_PROTO,
                Match.Field.IPV4_SRC, Match.Field.TCP_SRC, Match.Field.TCP_FLAGS);
        assertThat((int) m.value(Match.Field.IPV4_SRC)).isEqualTo(client);
        assertThat(m.value(Match.Field.TCP_SRC)).isEqualTo(40000);
        assertThat(m.tcpFlagsMask()).isEqualTo(0x011);
        assertThat(m.has(Match.Field.UDP_SRC)).isFalse();
        assertThatThrownBy(() -> m.value(Match.Field.UDP_SRC)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("udp_src");
        assertThat(m.toString()).contains("ipv4_src=192.0.2.11", "tcp_flags=0x001/0x011", "in_port=3");
    }

    @Test
    void highAddressesStayUnsignedAndEqualMatchesAreEqual() {
        int high = Ipv4.parse("203.0.113.200");
        Match a = Match.builder().ipv4().ipv4Dst(high).build();
        Match b = Match.builder().ethType(Match.ETH_TYPE_IPV4).ipv4Dst(high).build();

        assertThat(a.value(Match.Field.IPV4_DST)).isPositive();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Match.builder().ipv4().ipv4Src(high).build());
        assertThat(a.toBuilder().ipProto(6).build().fields()).contains(Match.Field.IP_PROTO);
        assertThat(Match.ANY.fields()).isEmpty();
    }
}
