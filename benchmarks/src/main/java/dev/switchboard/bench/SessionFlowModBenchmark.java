package dev.switchboard.bench;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.openflow.OpenFlowEncoder;
import dev.switchboard.rules.openflow.SessionFlowMods;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Per-session flow mods of one dispatcher switch: the generic path (rule model, schema check, openflowj
 * message, openflowj writer) against {@link SessionFlowMods}, both into one reused direct buffer as a channel
 * would write them. Keys alternate TCP and UDP and cycle through a few thousand sessions. Each operation
 * returns the buffer's writer index; the writes themselves go to memory the JIT cannot prove unused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class SessionFlowModBenchmark {
    private static final int KEYS = 4096;
    private static final int IDLE_TIMEOUT = 60;

    @Param({"OF_13"})
    String version;

    private DispatcherRules rules;
    private OpenFlowEncoder encoder;
    private SessionFlowMods mods;
    private ByteBuf out;
    private final SessionKey[] keys = new SessionKey[KEYS];
    private final long[] highs = new long[KEYS];
    private final long[] lows = new long[KEYS];
    private final Server[] servers = new Server[KEYS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ServiceCatalog catalog = BenchCatalog.create()
                .withService(Service.of("dns", ServiceId.of(BenchCatalog.VIP, Protocol.UDP, 53), "web"));
        DispatcherTopology topology = DispatcherTopology.of(1, 0x201, 1, 2);
        OFVersion ofVersion = OFVersion.valueOf(version);
        rules = new DispatcherRules(topology, catalog);
        encoder = new OpenFlowEncoder(OFFactories.getFactory(ofVersion));
        mods = new SessionFlowMods(ofVersion, topology, IDLE_TIMEOUT);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        for (int i = 0; i < KEYS; i++) {
            boolean tcp = (i & 1) == 0;
            keys[i] = SessionKey.of(tcp ? Protocol.TCP : Protocol.UDP, BenchCatalog.clientAddress(i),
                    BenchCatalog.clientPort(i), BenchCatalog.VIP, tcp ? BenchCatalog.PORT : 53);
            highs[i] = keys[i].high();
            lows[i] = keys[i].low();
            servers[i] = catalog.server(i % 8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    @Benchmark
    public int genericAdd() {
        int i = nextIndex();
        out.clear();
        encoder.flowAdd(rules.sessionRule(keys[i], servers[i], IDLE_TIMEOUT)).writeTo(out);
        return out.writerIndex();
    }

    @Benchmark
    public int fastAdd() {
        int i = nextIndex();
        out.clear();
        Server server = servers[i];
        mods.writeAdd(out, i, highs[i], lows[i], server.mac(), server.address());
        return out.writerIndex();
    }

    @Benchmark
    public int genericDeleteStrict() {
        int i = nextIndex();
        out.clear();
        encoder.flowDelete(rules.sessionRuleDelete(keys[i])).writeTo(out);
        return out.writerIndex();
    }

    @Benchmark
    public int fastDeleteStrict() {
        int i = nextIndex();
        out.clear();
        mods.writeDeleteStrict(out, i, highs[i], lows[i]);
        return out.writerIndex();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (KEYS - 1);
        return i;
    }
}
