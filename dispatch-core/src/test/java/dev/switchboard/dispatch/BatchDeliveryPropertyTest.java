package dev.switchboard.dispatch;

import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.dispatch.replication.ReplicationChannel;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.dispatch.table.Stamp;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Dispatcher#deliverAll} may skip a lock that the next update of its batch supersedes; the table must end
 * exactly as if every update had been delivered one by one, whatever the table held before.
 */
class BatchDeliveryPropertyTest {
    private static final ServiceCatalog CATALOG = Fixtures.catalog();
    private static final int KEYS = 4;

    @Property(tries = 300)
    void aBatchEndsTheTableAsDeliveringEachUpdateDoes(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                                      @ForAll @IntRange(min = 1, max = 40) int batchSize) {
        Random random = new Random(seed);
        List<DispatchUpdate> history = randomUpdates(random, 1 + random.nextInt(20), new long[] {0});
        long[] counter = {1_000};
        List<DispatchUpdate> batch = randomUpdates(random, batchSize, counter);

        List<String> locksSeenOneByOne = new ArrayList<>();
        Dispatcher oneByOne = dispatcher(locksSeenOneByOne);
        Dispatcher batched = dispatcher(new ArrayList<>());
        history.forEach(oneByOne::deliver);
        history.forEach(batched::deliver);

        batch.forEach(oneByOne::deliver);
        batched.deliverAll(batch);

        assertThat(snapshot(batched)).isEqualTo(snapshot(oneByOne));
    }

    @Property(tries = 50)
    void aLockWithItsPlacementInTheSameBatchIsNotAppliedOnItsOwn(@ForAll @IntRange(min = 1, max = 1000) int port) {
        List<String> locks = new ArrayList<>();
        Dispatcher d = dispatcher(locks);
        long high = SessionKey.packHigh(0xc000_0201, port, 80);
        long low = SessionKey.packLow(Fixtures.VIP, 6);
        d.deliverAll(List.of(DispatchUpdate.lock(high, low, Stamp.of(5, 2)),
                DispatchUpdate.place(high, low, Stamp.of(6, 2), 0, 0, 0)));
        assertThat(locks).isEmpty();
        assertThat(d.lookup(SessionKey.unpack(high, low))).isPresent();
    }

    @Property(tries = 20)
    void aLockFollowedByAnOlderUpdateIsApplied(@ForAll @IntRange(min = 1, max = 1000) int port) {
        long high = SessionKey.packHigh(0xc000_0201, port, 80);
        long low = SessionKey.packLow(Fixtures.VIP, 6);
        List<DispatchUpdate> batch = List.of(DispatchUpdate.lock(high, low, Stamp.of(10, 2)),
                DispatchUpdate.place(high, low, Stamp.of(5, 3), 0, 0, 0));
        Dispatcher oneByOne = dispatcher(new ArrayList<>());
        Dispatcher batched = dispatcher(new ArrayList<>());
        batch.forEach(oneByOne::deliver);
        batched.deliverAll(batch);
        assertThat(batched.lockOf(SessionKey.unpack(high, low))).as("the newer lock wins").isPresent();
        assertThat(snapshot(batched)).isEqualTo(snapshot(oneByOne));
    }

    private static Dispatcher dispatcher(List<String> locksSeen) {
        Dispatcher d = new Dispatcher(1, DispatchSettings.defaults(), () -> CATALOG, () -> 0L,
                new DispatchTableListener() {
                    @Override
                    public void lockPlaced(ClientLock lock) {
                        locksSeen.add(lock.toString());
                    }
                }, 1);
        d.connect(new ReplicationChannel() {
            @Override
            public void broadcast(DispatchUpdate update) {
                // a lone dispatcher: nobody to send to
            }

            @Override
            public long liveMembers() {
                return 0b1110; // dispatchers 1 to 3, so that peers' placements are not this one's to remove
            }
        });
        d.deliver(DispatchUpdate.syncComplete(2));
        return d;
    }

    /** Updates of a few keys from dispatchers 2 and 3, stamps rising, locks often followed by their outcome. */
    private static List<DispatchUpdate> randomUpdates(Random random, int n, long[] counter) {
        List<DispatchUpdate> updates = new ArrayList<>();
        while (updates.size() < n) {
            long high = SessionKey.packHigh(0xc000_0201, 40_000 + random.nextInt(KEYS), 80);
            long low = SessionKey.packLow(Fixtures.VIP, 6);
            int origin = 2 + random.nextInt(2);
            // Stamps mostly rise but sometimes go back: a batch may carry updates older than the table's.
            long c = random.nextInt(5) == 0 ? Math.max(1, counter[0] - random.nextInt(30)) : ++counter[0];
            long stamp = Stamp.of(c, origin);
            int server = random.nextInt(2);
            int kind = random.nextInt(5);
            if (kind == 0) {
                updates.add(DispatchUpdate.lock(high, low, stamp));
                long next = Stamp.of(c + 1 + random.nextInt(2), origin == 2 && random.nextBoolean() ? 3 : origin);
                counter[0] = Math.max(counter[0], Stamp.counter(next));
                updates.add(random.nextInt(4) == 0 ? DispatchUpdate.remove(high, low, next)
                        : DispatchUpdate.place(high, low, next, server, 0, 0));
            } else if (kind == 1) {
                updates.add(DispatchUpdate.lock(high, low, stamp));
            } else if (kind == 2) {
                updates.add(DispatchUpdate.place(high, low, stamp, server, 0, 0));
            } else if (kind == 3) {
                updates.add(DispatchUpdate.mark(high, low, stamp, server,
                        random.nextBoolean() ? SessionFlags.CLIENT_FIN : 0, 0));
            } else {
                updates.add(DispatchUpdate.remove(high, low, stamp));
            }
        }
        return updates.subList(0, n);
    }

    private static List<String> snapshot(Dispatcher d) {
        List<String> registers = new ArrayList<>();
        d.writeSnapshot(update -> registers.add(update.toString()));
        registers.sort(Comparator.naturalOrder());
        return registers;
    }
}
