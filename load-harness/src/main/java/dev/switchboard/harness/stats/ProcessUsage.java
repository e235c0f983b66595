package dev.switchboard.harness.stats;

/**
 * The controller process over the measurement window.
 *
 * @param pid process id
 * @param cpuPercent user + system CPU time over wall time, in percent of one core (200 = two cores busy)
 * @param rssMaxBytes largest resident set size sampled in the window
 * @param rssEndBytes resident set size at the end of the run
 * @param heapUsedBytes used Java heap at the end of the run (jcmd GC.heap_info), -1 when unknown
 * @param samples how many samples the figures rest on
 * @param samplingError the first sampling failure, or {@code null}
 */
public record ProcessUsage(long pid, double cpuPercent, long rssMaxBytes, long rssEndBytes, long heapUsedBytes,
                           int samples, String samplingError) {
}
