package dev.switchboard.harness.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, from {@code jcmd PID GC.class_histogram}. That command runs a full
 * collection first, so the figures count reachable objects only: garbage waiting for the next collection does not
 * blur a before/after comparison.
 *
 * @param classes instances and bytes per class name (rows of one name from several class loaders are summed), in
 *                the histogram's order (largest first)
 * @param totalInstances the histogram's Total line
 * @param totalBytes the histogram's Total line: the live heap
 */
public record ClassHistogram(Map<String, Row> classes, long totalInstances, long totalBytes) {
    /** A class histogram of a heap of several GB takes a few seconds (a full GC and a heap walk). */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** {@code   12:        1234567      987654321  [J (java.base@17.0.15)}; the module is absent for the class path. */
    private static final Pattern ROW =
            Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /**
     * @param instances live instances
     * @param bytes their shallow size
     */
    public record Row(long instances, long bytes) {
        Row plus(Row other) {
            return new Row(instances + other.instances, bytes + other.bytes);
        }
    }

    public ClassHistogram {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /**
     * Parses the output of {@code jcmd PID GC.class_histogram} (JDK 9 and later; JDK 8's rows without a module
     * parse too). The leading "PID:" line, the header and the separator are skipped.
     *
     * @param output jcmd's text
     * @return the histogram
     * @throws IllegalArgumentException when the text is no complete class histogram: a line that is neither a
     *         row, the header nor the Total line; no Total line; no rows; or rows that do not add up to the Total
     *         (truncated output). The message names the offending line or figures.
     */
    public static ClassHistogram parse(String output) {
        Map<String, Row> classes = new LinkedHashMap<>();
        long sumInstances = 0;
        long sumBytes = 0;
        Long totalInstances = null;
        long totalBytes = 0;
        int lineNumber = 0;
        for (String line : output.split("\r?\n")) {
            lineNumber++;
            if (totalInstances != null) {
                if (!line.isBlank()) {
                    throw new IllegalArgumentException("class histogram: line " + lineNumber + " follows the Total "
                            + "line: '" + line + "'");
                }
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Row r = new Row(Long.parseLong(row.group(1)), Long.parseLong(row.group(2)));
                classes.merge(row.group(3), r, Row::plus);
                sumInstances += r.instances;
                sumBytes += r.bytes;
                continue;
            }
            Matcher total = TOTAL.matcher(line);
            if (total.matches()) {
                totalInstances = Long.parseLong(total.group(1));
                totalBytes = Long.parseLong(total.group(2));
                continue;
            }
            if (!isPreamble(line, lineNumber)) {
                throw new IllegalArgumentException("class histogram: line " + lineNumber + " is no histogram row: '"
                        + line + "'");
            }
        }
        if (totalInstances == null) {
            throw new IllegalArgumentException("class histogram: no Total line (" + classes.size() + " rows read)");
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("class histogram: no rows before the Total line");
        }
        if (sumInstances != totalInstances || sumBytes != totalBytes) {
            throw new IllegalArgumentException("class histogram: the rows add up to " + sumInstances + " instances, "
                    + sumBytes + " bytes but the Total line says " + totalInstances + ", " + totalBytes);
        }
        return new ClassHistogram(classes, totalInstances, totalBytes);
    }

    /** The "PID:" line jcmd prints first, the column header, its dashes, and blank lines. */
    private static boolean isPreamble(String line, int lineNumber) {
        String t = line.strip();
        return t.isEmpty() || (lineNumber == 1 && t.matches("\\d+:")) || t.startsWith("num ") || t.matches("-+");
    }

    /**
     * Takes a histogram of a running JVM. This forces a full garbage collection in it: the process pauses for
     * that collection and the heap walk.
     *
     * @param pid the process
     * @return its histogram
     * @throws IOException when jcmd fails or its output is no class histogram
     * @throws InterruptedException when interrupted while jcmd runs
     */
    public static ClassHistogram take(long pid) throws IOException, InterruptedException {
        String output = Jcmd.run(pid, "GC.class_histogram", TIMEOUT);
        try {
            return parse(output);
        } catch (IllegalArgumentException e) {
            throw new IOException("jcmd " + pid + " GC.class_histogram: " + e.getMessage(), e);
        }
    }
}
