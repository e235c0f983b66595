package dev.switchboard.dispatch.select;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consistent hashing with a Maglev lookup table (Eisenbud et al., NSDI 2016): each eligible server
 * fills table slots in its own pseudo-random permutation order, as many per round as its weight, so a
 * key maps to the same server on every dispatcher and a membership change moves few keys.
 *
 * <p>Tables are built per group on first use and rebuilt when the catalog snapshot changes.
 */
public final class MaglevSelector implements ServerSelector {
    /** A prime well above 100 x the largest expected group. */
    static final int TABLE_SIZE = 65_537;

    private final boolean includeDraining;
    private ServiceCatalog builtFor;
    private final Map<ServerGroup, int[]> tables = new IdentityHashMap<>();

    /**
     * @param includeDraining whether draining servers stay in the table (for adopting existing
     *                        sessions, which may live on a draining server) or not (new sessions)
     */
    public MaglevSelector(boolean includeDraining) {
        this.includeDraining = includeDraining;
    }

    @Override
    public Server select(ServerGroup group, ServiceCatalog catalog, LoadView load, long keyHigh, long keyLow) {
        if (catalog != builtFor) {
            tables.clear();
            builtFor = catalog;
        }
        int[] table = tables.computeIfAbsent(group, g -> build(g, catalog));
        if (table.length == 0) {
            return null;
        }
        long h = mix(keyHigh * 31 + keyLow);
        return catalog.server(table[(int) Long.remainderUnsigned(h, TABLE_SIZE)]);
    }

    private boolean eligible(Server s) {
        return s != null && (s.state().acceptsNewSessions()
                || (includeDraining && s.state() == ServerState.DRAINING));
    }

    private int[] build(ServerGroup group, ServiceCatalog catalog) {
        List<Server> members = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Server s = catalog.server(group.memberAt(i));
            if (eligible(s)) {
                members.add(s);
            }
        }
        if (members.isEmpty()) {
            return new int[0];
        }
        int n = members.size();
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] next = new long[n];
        for (int i = 0; i < n; i++) {
            long nameHash = mix(members.get(i).name().hashCode() * 0x9E3779B97F4A7C15L + members.get(i).address());
            offset[i] = Long.remainderUnsigned(nameHash, TABLE_SIZE);
            skip[i] = Long.remainderUnsigned(mix(nameHash ^ 0x5bd1e995L), TABLE_SIZE - 1) + 1;
        }
        int[] table = new int[TABLE_SIZE];
        java.util.Arrays.fill(table, -1);
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                for (int turn = 0; turn < members.get(i).weight(); turn++) {
                    int slot;
                    do {
                        slot = (int) ((offset[i] + next[i] * skip[i]) % TABLE_SIZE);
                        next[i]++;
                    } while (table[slot] >= 0);
                    table[slot] = members.get(i).index();
                    if (++filled == TABLE_SIZE) {
                        return table;
                    }
                }
            }
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
