package dev.switchboard.harness.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The controller's used Java heap, from {@code jcmd PID GC.heap_info} (the JDK of the harness provides jcmd). */
public final class HeapInfo {
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

    private HeapInfo() {
    }

    /**
     * @param output the text of {@code jcmd PID GC.heap_info}
     * @return the used heap in bytes: the sum of the "used" figures of the top-level heap lines (one for G1 or
     *         ZGC, young + old for the parallel and serial collectors), excluding Metaspace; -1 when none is found
     */
    public static long parseUsedBytes(String output) {
        long used = 0;
        boolean found = false;
        for (String line : output.split("\n")) {
            // Top-level spaces are indented by exactly one space; their details (regions, eden, class space) by more.
            if (!line.startsWith(" ") || line.startsWith("  ") || line.trim().startsWith("Metaspace")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                used += switch (m.group(2)) {
                    case "K" -> value << 10;
                    case "M" -> value << 20;
                    default -> value << 30;
                };
                found = true;
            }
        }
        return found ? used : -1;
    }

    /**
     * @param pid the controller's process id
     * @return the used heap in bytes, or -1 when jcmd is missing, fails or prints no heap figures
     */
    public static long read(long pid) {
        try {
            return parseUsedBytes(Jcmd.run(pid, "GC.heap_info", Duration.ofSeconds(30)));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
