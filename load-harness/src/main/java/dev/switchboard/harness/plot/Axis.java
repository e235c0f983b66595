package dev.switchboard.harness.plot;

import java.util.List;

/** Maps data values to pixels along one direction of a chart and says where its ticks go. */
interface Axis {
    /**
     * @param value a data value in the axis range
     * @return the pixel coordinate (clamped to the axis ends)
     */
    double toPixel(double value);

    /** @return labelled ticks, ascending */
    List<Tick> ticks();

    /** @return unlabelled minor ticks for light grid lines (may be empty) */
    List<Double> minorTicks();

    /**
     * A labelled tick.
     *
     * @param value where
     * @param label what it says
     */
    record Tick(double value, String label) {
    }
}
