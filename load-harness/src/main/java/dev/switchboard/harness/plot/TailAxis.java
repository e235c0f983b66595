package dev.switchboard.harness.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A vertical axis for cumulative fractions that stretches the tail: the position is {@code -log10(1 - f)}, so
 * 90%, 99%, 99.9% and 99.99% are equally spaced and p99 and p99.9 can be read off the curve. The axis ends at
 * 99.999%; a fraction of 1 is drawn there.
 */
final class TailAxis implements Axis {
    private static final double NINES = 5;
    private final double pixelAtZero;
    private final double pixelAtTop;

    TailAxis(double pixelAtZero, double pixelAtTop) {
        this.pixelAtZero = pixelAtZero;
        this.pixelAtTop = pixelAtTop;
    }

    /** @return how many nines {@code fraction} has: 0 for 0, 1 for 0.9, 2 for 0.99; capped at five */
    static double nines(double fraction) {
        double rest = 1 - fraction;
        if (rest <= Math.pow(10, -NINES)) {
            return NINES;
        }
        return Math.max(0, -Math.log10(rest));
    }

    @Override
    public double toPixel(double fraction) {
        return pixelAtZero + nines(fraction) / NINES * (pixelAtTop - pixelAtZero);
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        ticks.add(new Tick(0, "0%"));
        ticks.add(new Tick(0.5, "50%"));
        ticks.add(new Tick(0.9, "90%"));
        ticks.add(new Tick(0.99, "99%"));
        ticks.add(new Tick(0.999, "99.9%"));
        ticks.add(new Tick(0.9999, "99.99%"));
        ticks.add(new Tick(0.99999, "99.999%"));
        return ticks;
    }

    @Override
    public List<Double> minorTicks() {
        return List.of(0.75, 0.95, 0.995, 0.9995);
    }
}
