package dev.switchboard.harness.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** A base-10 logarithmic axis over whole decades, labelled at each decade. */
final class LogAxis implements Axis {
    private final int firstDecade;
    private final int lastDecade;
    private final double pixelAtMin;
    private final double pixelAtMax;
    private final DoubleFunction<String> format;

    /**
     * @param dataMin smallest positive value to show
     * @param dataMax largest value to show
     * @param pixelAtMin pixel of the decade at or below {@code dataMin}
     * @param pixelAtMax pixel of the decade at or above {@code dataMax}
     * @param format decade labels
     */
    LogAxis(double dataMin, double dataMax, double pixelAtMin, double pixelAtMax, DoubleFunction<String> format) {
        double lo = dataMin > 0 ? dataMin : 1;
        double hi = Math.max(dataMax, lo);
        this.firstDecade = (int) Math.floor(Math.log10(lo) + 1e-9);
        int last = (int) Math.ceil(Math.log10(hi) - 1e-9);
        this.lastDecade = Math.max(last, firstDecade + 1);
        this.pixelAtMin = pixelAtMin;
        this.pixelAtMax = pixelAtMax;
        this.format = format;
    }

    @Override
    public double toPixel(double value) {
        double decades = value > 0 ? Math.log10(value) : firstDecade;
        double d = Math.max(firstDecade, Math.min(lastDecade, decades));
        return pixelAtMin + (d - firstDecade) / (lastDecade - firstDecade) * (pixelAtMax - pixelAtMin);
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (int d = firstDecade; d <= lastDecade; d++) {
            double v = Math.pow(10, d);
            ticks.add(new Tick(v, format.apply(v)));
        }
        return ticks;
    }

    @Override
    public List<Double> minorTicks() {
        List<Double> minor = new ArrayList<>();
        for (int d = firstDecade; d < lastDecade; d++) {
            for (int m = 2; m <= 9; m++) {
                minor.add(m * Math.pow(10, d));
            }
        }
        return minor;
    }
}
