package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.DispatchTable;
import dev.switchboard.dispatch.table.RegisterState;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.Stamp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Filters and pages over a real dispatch table, checked against a plain sort of the same entries. */
class SessionScanTest {
    private static final int VIP = Ipv4.parse("198.51.100.10");
    private final DispatchTable table = new DispatchTable(16);
    private final List<SessionEntry> all = new ArrayList<>();

    SessionScanTest() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            int client = Ipv4.parse("192.0.2.0") + 1 + random.nextInt(20);
            int port = 1024 + random.nextInt(60000);
            int servicePort = random.nextBoolean() ? 80 : 8080;
            SessionKey key = SessionKey.of(Protocol.TCP, client, port, VIP, servicePort);
            if (table.find(key.high(), key.low()) >= 0) {
                continue;
            }
            int server = random.nextInt(3);
            long stamp = Stamp.of(i + 1, 1 + random.nextInt(3));
            table.put(key.high(), key.low(), RegisterState.ENTRY, stamp, server, 0, 0);
            all.add(new SessionEntry(key, server, stamp, 0, 0));
        }
        // Locks and tombstones are not sessions.
        SessionKey locked = SessionKey.of(Protocol.TCP, Ipv4.parse("192.0.2.99"), 1, VIP, 80);
        table.put(locked.high(), locked.low(), RegisterState.LOCK, Stamp.of(9999, 1), -1, 0, 0);
        SessionKey gone = SessionKey.of(Protocol.TCP, Ipv4.parse("192.0.2.98"), 1, VIP, 80);
        table.put(gone.high(), gone.low(), RegisterState.TOMBSTONE, Stamp.of(9998, 1), -1, 0, 0);
        all.sort(SessionScan.KEY_ORDER);
    }

    private SessionPage scan(SessionQuery q) {
        return SessionScan.run(table, q, 1);
    }

    @Test
    @DisplayName("every session, in key order, with the total")
    void firstPage() {
        SessionPage page = scan(new SessionQuery(null, null, null, null, 1000, 0, null));
        assertThat(page.sessions()).isEqualTo(all);
        assertThat(page.total()).isEqualTo(all.size());
        assertThat(page.more()).isFalse();
        assertThat(page.source()).isEqualTo(1);
    }

    @Test
    @DisplayName("walking with the cursor visits every session once, in order")
    void cursorWalk() {
        List<SessionEntry> walked = new ArrayList<>();
        SessionKey after = null;
        int pages = 0;
        while (true) {
            SessionPage page = scan(new SessionQuery(null, null, null, null, 37, 0, after));
            walked.addAll(page.sessions());
            pages++;
            assertThat(page.total()).isEqualTo(all.size());
            if (!page.more()) {
                break;
            }
            after = page.sessions().get(page.sessions().size() - 1).key();
        }
        assertThat(walked).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 36) / 37);
    }

    @Test
    @DisplayName("an offset page is the same slice of the sorted sessions")
    void offsetPage() {
        SessionPage page = scan(new SessionQuery(null, null, null, null, 50, 120, null));
        assertThat(page.sessions()).isEqualTo(all.subList(120, 170));
        assertThat(page.more()).isTrue();
        SessionPage last = scan(new SessionQuery(null, null, null, null, 50, all.size() - 10, null));
        assertThat(last.sessions()).hasSize(10);
        assertThat(last.more()).isFalse();
    }

    @Test
    @DisplayName("filters by service, server, client and placing dispatcher combine")
    void filters() {
        int client = all.get(0).key().clientAddress();
        ServiceId api = ServiceId.of(VIP, Protocol.TCP, 8080);
        SessionPage page = scan(new SessionQuery(api, 2, client, 3, 1000, 0, null));
        List<SessionEntry> expected = all.stream().filter(e -> e.key().vipPort() == 8080 && e.serverIndex() == 2
                && e.key().clientAddress() == client && e.placedBy() == 3).toList();
        assertThat(page.sessions()).isEqualTo(expected);
        assertThat(page.total()).isEqualTo(expected.size());

        SessionPage udp = scan(new SessionQuery(ServiceId.of(VIP, Protocol.UDP, 80), null, null, null, 10, 0, null));
        assertThat(udp.total()).as("same port, other protocol").isZero();
    }
}
