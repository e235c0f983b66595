package dev.switchboard.harness.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The controller's live heap per session: the growth of its live heap between a class histogram taken before the
 * switches connect and one taken after the run while they are still connected (so the sessions are still held),
 * divided by the sessions set up in between. Measured, not estimated: both figures are the histograms' totals of
 * reachable objects after a full collection.
 *
 * <p>The growth also holds what connecting the switches costs once (channels, buffers, the base rules' state);
 * with a million sessions that is a small share of each session's figure, and the top classes show it.
 *
 * @param idleBytes live heap before the switches connected
 * @param loadedBytes live heap after the run, the switches still connected
 * @param sessions sessions set up in the whole run, warm-up included: the sessions the controller holds
 * @param sessionsSent connection requests sent in the whole run (more than {@code sessions} when some never
 *                     completed; the controller may hold those too)
 * @param bytesPerSession {@code (loadedBytes - idleBytes) / sessions}; NaN without sessions
 * @param top the classes that grew most, largest growth first
 */
public record HeapPerSession(long idleBytes, long loadedBytes, long sessions, long sessionsSent,
                             double bytesPerSession, List<ClassDelta> top) {
    /** How many classes {@link #of} lists. */
    public static final int TOP = 10;

    /**
     * @param className as the histogram names it ({@code [J} is long[])
     * @param bytes growth of its live bytes (negative: it shrank)
     * @param instances growth of its live instances
     */
    public record ClassDelta(String className, long bytes, long instances) {
    }

    /**
     * @param before the histogram before the switches connected
     * @param after the histogram after the run
     * @param sessions sessions set up in the run
     * @param sessionsSent connection requests sent in the run
     * @return the figures, with the {@value #TOP} classes whose live bytes grew most
     */
    public static HeapPerSession of(ClassHistogram before, ClassHistogram after, long sessions, long sessionsSent) {
        Set<String> names = new LinkedHashSet<>(after.classes().keySet());
        names.addAll(before.classes().keySet());
        ClassHistogram.Row none = new ClassHistogram.Row(0, 0);
        List<ClassDelta> deltas = new ArrayList<>(names.size());
        for (String name : names) {
            ClassHistogram.Row a = after.classes().getOrDefault(name, none);
            ClassHistogram.Row b = before.classes().getOrDefault(name, none);
            deltas.add(new ClassDelta(name, a.bytes() - b.bytes(), a.instances() - b.instances()));
        }
        deltas.sort(Comparator.comparingLong(ClassDelta::bytes).reversed().thenComparing(ClassDelta::className));
        long growth = after.totalBytes() - before.totalBytes();
        double perSession = sessions > 0 ? (double) growth / sessions : Double.NaN;
        return new HeapPerSession(before.totalBytes(), after.totalBytes(), sessions, sessionsSent, perSession,
                List.copyOf(deltas.subList(0, Math.min(TOP, deltas.size()))));
    }
}
