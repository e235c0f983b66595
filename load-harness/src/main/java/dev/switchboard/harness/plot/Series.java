package dev.switchboard.harness.plot;

import java.util.List;

/**
 * One curve of a CDF chart.
 *
 * @param label legend text
 * @param points {@code [value, fraction]}, ascending
 */
record Series(String label, List<double[]> points) {
}
