package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CookiesTest {

    @Property
    void sessionCookiesCarryAppIdKindAndDependOnlyOnTheKey(@ForAll int client, @ForAll @IntRange(max = 65535) int port,
                                                           @ForAll int vip, @ForAll boolean tcp) {
        Protocol protocol = tcp ? Protocol.TCP : Protocol.UDP;
        SessionKey key = SessionKey.of(protocol, client, port, vip, 80);
        SessionKey same = SessionKey.unpack(key.high(), key.low());
        long cookie = Cookies.forSession(RuleKind.SESSION, key);

        assertThat(cookie >>> 56).isEqualTo(0x5b);
        assertThat((cookie >>> 48) & 0xff).isEqualTo(RuleKind.SESSION.code());
        assertThat(Cookies.kindOf(cookie)).isEqualTo(RuleKind.SESSION);
        assertThat(Cookies.forSession(RuleKind.SESSION, same)).isEqualTo(cookie);
        assertThat(Cookies.forSession(RuleKind.LOCK_REDIRECT, key) & ~Cookies.KIND_MASK)
                .isEqualTo(cookie & ~Cookies.KIND_MASK);
        assertThat(cookie & Cookies.KIND_MASK).isEqualTo(Cookies.prefix(RuleKind.SESSION));
    }

    @Property
    void thePackedKeyOverloadEqualsTheGenericCookieOfTheKeyHalves(@ForAll long high, @ForAll long low,
                                                                  @ForAll RuleKind kind) {
        assertThat(Cookies.forSession(kind, high, low)).isEqualTo(Cookies.of(kind, high, low));
    }

    @Property
    void thePackedKeyOverloadEqualsTheCookieOfTheSessionKey(@ForAll int client, @ForAll @IntRange(max = 65535) int port,
                                                            @ForAll int vip, @ForAll @IntRange(max = 65535) int vipPort,
                                                            @ForAll boolean tcp) {
        Protocol protocol = tcp ? Protocol.TCP : Protocol.UDP;
        SessionKey key = SessionKey.of(protocol, client, port, vip, vipPort);
        long high = SessionKey.packHigh(client, port, vipPort);
        long low = SessionKey.packLow(vip, protocol.ipNumber());

        assertThat(Cookies.forSession(RuleKind.SESSION, high, low))
                .isEqualTo(Cookies.forSession(RuleKind.SESSION, key))
                .isEqualTo(Cookies.of(RuleKind.SESSION, key.high(), key.low()));
        assertThat(Cookies.forSession(RuleKind.LOCK_REDIRECT, high, low))
                .isEqualTo(Cookies.forSession(RuleKind.LOCK_REDIRECT, key));
    }

    @Test
    void distinctSessionsGetDistinctCookies() {
        Set<Long> cookies = new HashSet<>();
        int sessions = 0;
        for (int client = 1; client <= 50; client++) {
            for (int port = 40000; port < 40400; port++) {
                cookies.add(Cookies.forSession(RuleKind.SESSION, Lab.webSession(client, port)));
                sessions++;
            }
        }
        assertThat(cookies).hasSize(sessions);
    }

    @Test
    void compilingTwiceYieldsIdenticalCookies() {
        Lab first = new Lab(TrunkMode.SPRAY);
        Lab second = new Lab(TrunkMode.SPRAY);

        assertThat(second.routerRules().staticRules()).isEqualTo(first.routerRules().staticRules());
        assertThat(second.dispatcherRules(2).staticRules()).isEqualTo(first.dispatcherRules(2).staticRules());
        assertThat(second.sanRules().staticRules()).isEqualTo(first.sanRules().staticRules());
    }

    @Test
    void everyRuleOnOneSwitchHasItsOwnCookie() {
        Lab lab = new Lab(TrunkMode.SPRAY);
        for (RuleSet set : new RuleSet[] {lab.routerRules().staticRules(), lab.dispatcherRules(1).staticRules(),
                lab.sanRules().staticRules()}) {
            assertThat(set.flows().stream().map(FlowRule::cookie).distinct().count()).isEqualTo(set.flows().size());
            assertThat(set.flows()).allSatisfy(r -> assertThat(Cookies.isSwitchboard(r.cookie())).isTrue());
        }
    }

    @Test
    void foreignCookiesHaveNoKind() {
        assertThat(Cookies.kindOf(0x1234_5678L)).isNull();
        assertThat(Cookies.kindOf(0x5bff_0000_0000_0000L)).isNull();
        assertThat(Cookies.isSwitchboard(Cookies.of(RuleKind.TRUNK, 1))).isTrue();
    }
}
