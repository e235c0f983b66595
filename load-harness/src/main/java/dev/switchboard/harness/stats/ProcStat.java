package dev.switchboard.harness.stats;

/** Parses the parts of Linux's /proc/PID/stat and /proc/PID/status the harness reports. */
public final class ProcStat {
    /** Index of utime among the fields after the command name (field 14 of proc(5) is the 12th after it). */
    private static final int UTIME_AFTER_COMM = 11;

    private ProcStat() {
    }

    /**
     * @param stat the content of /proc/PID/stat
     * @return user + system CPU time in clock ticks
     * @throws IllegalArgumentException when the text is not a stat line
     */
    public static long cpuTicks(String stat) {
        // The command name is in parentheses and may itself contain spaces and parentheses: split after the last.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + abbreviate(stat));
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length <= UTIME_AFTER_COMM + 1) {
            throw new IllegalArgumentException("/proc/PID/stat line has " + fields.length
                    + " fields after the command: " + abbreviate(stat));
        }
        try {
            return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime/stime of /proc/PID/stat are not numbers: " + abbreviate(stat),
                    e);
        }
    }

    /**
     * @param status the content of /proc/PID/status
     * @return the resident set size (VmRSS) in bytes
     * @throws IllegalArgumentException when there is no VmRSS line in kB
     */
    public static long rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        return Long.parseLong(parts[0]) * 1024;
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
                break;
            }
        }
        throw new IllegalArgumentException("no 'VmRSS: N kB' line in /proc/PID/status");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
