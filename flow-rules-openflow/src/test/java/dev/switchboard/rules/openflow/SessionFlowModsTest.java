package dev.switchboard.rules.openflow;

import com.sun.management.ThreadMXBean;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The precomputed session flow mods are the generic encoder's messages: same decoded message and same bytes,
 * for random sessions, servers and switches.
 */
class SessionFlowModsTest {
    private static final int SESSIONS_PER_VERSION = 10_000;
    private static final int SERVICES = 40;

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14"})
    void addsAndStrictDeletesEqualTheGenericEncodingForRandomSessions(OFVersion version) throws OFParseError {
        Random random = new Random(0x5b_5e55_1011L + version.ordinal());
        ServiceCatalog catalog = randomCatalog(random);
        List<Service> services = new ArrayList<>(catalog.services());
        OpenFlowEncoder encoder = new OpenFlowEncoder(OFFactories.getFactory(version));
        ByteBuf fast = Unpooled.buffer();
        ByteBuf generic = Unpooled.buffer();
        int tcp = 0;
        for (int i = 0; i < SESSIONS_PER_VERSION; i++) {
            if (i % 500 == 0) {
                fast.clear(); // reused like a channel's buffers, but with room for the next messages
            }
            DispatcherTopology topology = randomTopology(random);
            int idle = random.nextBoolean() ? 1 + random.nextInt(0xffff) : pick(random, 1, 0xffff);
            DispatcherRules rules = new DispatcherRules(topology, catalog);
            SessionFlowMods mods = new SessionFlowMods(version, topology, idle);
            Service service = services.get(random.nextInt(services.size()));
            SessionKey key = SessionKey.of(service.id().protocol(), randomInt(random), randomPort(random),
                    service.id().vip(), service.id().port());
            tcp += key.protocol() == Protocol.TCP ? 1 : 0;
            Server server = Server.of(0, "s", randomInt(random), randomMac(random), 1);
            int xid = randomInt(random);

            OFMessage add = encoder.flowAdd(rules.sessionRule(key, server, idle)).createBuilder()
                    .setXid(Integer.toUnsignedLong(xid)).build();
            int start = fast.writerIndex();
            mods.writeAdd(fast, xid, key.high(), key.low(), server.mac(), server.address());
            assertSameMessage(fast, start, add, generic);

            OFMessage delete = encoder.flowDelete(rules.sessionRuleDelete(key)).createBuilder()
                    .setXid(Integer.toUnsignedLong(xid)).build();
            start = fast.writerIndex();
            mods.writeDeleteStrict(fast, xid, key.high(), key.low());
            assertSameMessage(fast, start, delete, generic);
        }
        assertThat(tcp).as("both protocols were covered").isBetween(SESSIONS_PER_VERSION / 4,
                SESSIONS_PER_VERSION * 3 / 4);
        fast.release();
        generic.release();
    }

    /** The message written from {@code start} decodes to {@code expected} and has exactly its bytes. */
    private static void assertSameMessage(ByteBuf written, int start, OFMessage expected, ByteBuf scratch)
            throws OFParseError {
        ByteBuf mine = written.slice(start, written.writerIndex() - start);
        scratch.clear();
        expected.writeTo(scratch);
        assertThat(ByteBufUtil.hexDump(mine)).as("bytes of %s", expected).isEqualTo(ByteBufUtil.hexDump(scratch));
        OFMessage decoded = OFFactories.getGenericReader().readFrom(mine);
        assertThat(decoded).isEqualTo(expected);
        assertThat(mine.readableBytes()).as("bytes left after %s", decoded).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class)
    void structuresAreEightByteAlignedAndTheirPaddingIsZero(Protocol protocol) {
        SessionFlowMods mods = new SessionFlowMods(OFVersion.OF_13, DispatcherTopology.of(1, 0x201, 1, 2), 60);
        long high = SessionKey.packHigh(0xc000_020b, 51000, 80);
        long low = SessionKey.packLow(0xc633_640a, protocol.ipNumber());
        ByteBuf add = Unpooled.buffer();
        ByteBuf delete = Unpooled.buffer();
        mods.writeAdd(add, 7, high, low, 0xffff_ffff_ffffL, -1);
        mods.writeDeleteStrict(delete, 8, high, low);

        for (ByteBuf message : new ByteBuf[] {add, delete}) {
            assertThat(message.readableBytes() % 8).isZero();
            assertThat(message.getUnsignedShort(2)).as("header length").isEqualTo(message.readableBytes());
            int matchLength = message.getUnsignedShort(50);
            assertThat(message.getUnsignedShort(48)).as("OFPMT_OXM").isEqualTo(1);
            assertThat(matchLength).as("6 OXMs: 4 + 4*6 + 2+1+4+4+2+2").isEqualTo(43);
            assertZeros(message, 48 + matchLength, 48 + align8(matchLength));
        }
        assertThat(delete.readableBytes()).isEqualTo(SessionFlowMods.DELETE_STRICT_LENGTH).isEqualTo(96);
        assertThat(add.readableBytes()).isEqualTo(SessionFlowMods.ADD_LENGTH).isEqualTo(152);

        int instruction = 96;
        assertThat(add.getUnsignedShort(instruction)).as("OFPIT_APPLY_ACTIONS").isEqualTo(4);
        int instructionLength = add.getUnsignedShort(instruction + 2);
        assertThat(instruction + instructionLength).isEqualTo(add.readableBytes());
        assertZeros(add, instruction + 4, instruction + 8);
        List<Integer> actionTypes = new ArrayList<>();
        for (int action = instruction + 8; action < instruction + instructionLength; ) {
            int type = add.getUnsignedShort(action);
            int length = add.getUnsignedShort(action + 2);
            actionTypes.add(type);
            assertThat(length % 8).as("action %d length", type).isZero();
            if (type == 25) { // set_field: the OXM, then zeros up to the action's length
                int oxmEnd = action + 8 + (add.getInt(action + 4) & 0xff);
                assertZeros(add, oxmEnd, action + length);
                assertThat(align8(oxmEnd - action)).isEqualTo(length);
            } else {
                assertZeros(add, action + 10, action + length); // output: max_len 0 then 6 pad bytes
            }
            action += length;
        }
        assertThat(actionTypes).as("set eth_dst, set ipv4_dst, output").containsExactly(25, 25, 0);
        add.release();
        delete.release();
    }

    @Test
    void appendsAtTheWriterIndexSoMessagesBatchInOneBuffer() throws OFParseError {
        SessionFlowMods mods = new SessionFlowMods(OFVersion.OF_14, DispatcherTopology.of(2, 0x202, 1, 2), 30);
        ByteBuf out = Unpooled.buffer(8);
        out.writeLong(0x1122_3344_5566_7788L);
        long high = SessionKey.packHigh(0x0a00_0001, 40000, 53);
        long low = SessionKey.packLow(0x0a00_00fe, Protocol.UDP.ipNumber());

        mods.writeAdd(out, 1, high, low, 0x0200_0000_0b01L, 0x0a00_0101);
        mods.writeDeleteStrict(out, 2, high, low);
        mods.writeAdd(out, 3, high, low, 0x0200_0000_0b02L, 0x0a00_0102);

        assertThat(out.readLong()).as("what was there stays").isEqualTo(0x1122_3344_5566_7788L);
        List<Long> xids = new ArrayList<>();
        while (out.isReadable()) {
            xids.add(OFFactories.getGenericReader().readFrom(out).getXid());
        }
        assertThat(xids).containsExactly(1L, 2L, 3L);
        out.release();
    }

    @Test
    void supportsOpenFlow13And14Only() {
        assertThat(SessionFlowMods.supports(OFVersion.OF_13)).isTrue();
        assertThat(SessionFlowMods.supports(OFVersion.OF_14)).isTrue();
        for (OFVersion other : new OFVersion[] {OFVersion.OF_10, OFVersion.OF_11, OFVersion.OF_12, OFVersion.OF_15}) {
            assertThat(SessionFlowMods.supports(other)).as("%s", other).isFalse();
            assertThatThrownBy(() -> new SessionFlowMods(other, DispatcherTopology.of(1, 1, 1, 2), 60))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("OpenFlowEncoder");
        }
    }

    @Test
    void refusesAnIdleTimeoutTheGenericRuleRefuses() {
        DispatcherTopology topology = DispatcherTopology.of(1, 1, 1, 2);
        for (int bad : new int[] {0, -1, 0x10000}) {
            assertThatThrownBy(() -> new SessionFlowMods(OFVersion.OF_13, topology, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle timeout")
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void aBadKeyOrMacIsRefusedAndNothingIsWritten() {
        SessionFlowMods mods = new SessionFlowMods(OFVersion.OF_13, DispatcherTopology.of(1, 1, 1, 2), 60);
        long high = SessionKey.packHigh(0x0a00_0001, 40000, 80);
        long tcp = SessionKey.packLow(0x0a00_00fe, Protocol.TCP.ipNumber());
        long icmp = SessionKey.packLow(0x0a00_00fe, 1);
        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> mods.writeAdd(out, 1, high, icmp, 0x0200_0000_0001L, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protocol")
                .hasMessageEndingWith("was 1");
        assertThatThrownBy(() -> mods.writeDeleteStrict(out, 1, high, icmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protocol");
        assertThatThrownBy(() -> mods.writeDeleteStrict(out, 1, high, tcp | 1L << 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyLow");
        assertThatThrownBy(() -> mods.writeAdd(out, 1, high, tcp, MacAddress.UNKNOWN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverMac");
        assertThatThrownBy(() -> mods.writeAdd(out, 1, high, tcp, 1L << 48, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverMac");
        assertThat(out.writerIndex()).isZero();
        out.release();
    }

    @Test
    void writingAllocatesNothingButWhatTheBufferNeeds() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        SessionFlowMods mods = new SessionFlowMods(OFVersion.OF_13, DispatcherTopology.of(1, 1, 1, 2), 60);
        ByteBuf out = Unpooled.buffer(SessionFlowMods.ADD_LENGTH + SessionFlowMods.DELETE_STRICT_LENGTH);
        int calls = 50_000;
        writeSessions(mods, out, 1_000); // class loading and linking allocate once

        long before = threads.getCurrentThreadAllocatedBytes();
        writeSessions(mods, out, calls);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // One object per call would be at least 16 bytes per call; allow a little for the measurement itself.
        assertThat(allocated).as("bytes allocated by %d add+delete pairs", calls).isLessThan(calls);
        out.release();
    }

    private static void writeSessions(SessionFlowMods mods, ByteBuf out, int count) {
        for (int i = 0; i < count; i++) {
            out.clear();
            long high = SessionKey.packHigh(0x0a00_0000 + i, i & 0xffff, 80);
            long low = SessionKey.packLow(0xc633_640a, (i & 1) == 0 ? 6 : 17);
            mods.writeAdd(out, i, high, low, 0x0200_0000_0000L + i, 0xcb00_7100 + i);
            mods.writeDeleteStrict(out, i, high, low);
        }
    }

    private static void assertZeros(ByteBuf buf, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(buf.getByte(i)).as("padding byte at offset %d", i).isZero();
        }
    }

    private static int align8(int length) {
        return (length + 7) & ~7;
    }

    /** Services at random VIPs, ports (1..65535, ends included) and protocols, all served by one group. */
    private static ServiceCatalog randomCatalog(Random random) {
        ServiceCatalog catalog = ServiceCatalog.empty().withNewServer("s", 0x0a00_0001, 0x0200_0000_0001L, 1)
                .withGroup(ServerGroup.of("g", List.of(0)));
        Set<ServiceId> ids = new HashSet<>();
        while (ids.size() < SERVICES) {
            int port = random.nextInt(4) == 0 ? pick(random, 1, 0xffff) : 1 + random.nextInt(0xffff);
            ids.add(ServiceId.of(randomInt(random), random.nextBoolean() ? Protocol.TCP : Protocol.UDP, port));
        }
        int n = 0;
        for (ServiceId id : ids) {
            catalog = catalog.withService(Service.of("svc-" + n++, id, "g"));
        }
        return catalog;
    }

    private static DispatcherTopology randomTopology(Random random) {
        int san = random.nextBoolean() ? 1 + random.nextInt(Integer.MAX_VALUE - 1) : pick(random, 1, 2, 0xff00);
        int trunk = san == 1 ? 2 : 1;
        return DispatcherTopology.of(random.nextInt(64), random.nextLong(), trunk, san);
    }

    /** A random int, with the extremes of the unsigned range mixed in. */
    private static int randomInt(Random random) {
        return random.nextInt(8) == 0 ? pick(random, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : random.nextInt();
    }

    private static int randomPort(Random random) {
        return random.nextInt(8) == 0 ? pick(random, 0, 1, 0x7fff, 0x8000, 0xffff) : random.nextInt(0x10000);
    }

    private static long randomMac(Random random) {
        return random.nextInt(8) == 0 ? (random.nextBoolean() ? 0 : 0xffff_ffff_ffffL)
                : random.nextLong() & 0xffff_ffff_ffffL;
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
