package dev.switchboard.harness.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** A linear axis from a minimum to a "nice" maximum with about six 1-2-2.5-5 tick intervals. */
final class LinearAxis implements Axis {
    private final double min;
    private final double max;
    private final double step;
    private final double pixelAtMin;
    private final double pixelAtMax;
    private final DoubleFunction<String> format;

    /**
     * @param min value at the start (usually 0)
     * @param dataMax largest value to show; the axis ends at the next tick at or above it
     * @param pixelAtMin pixel of {@code min}
     * @param pixelAtMax pixel of the axis end
     * @param format tick labels
     */
    LinearAxis(double min, double dataMax, double pixelAtMin, double pixelAtMax, DoubleFunction<String> format) {
        double span = dataMax > min ? dataMax - min : 1;
        this.step = niceStep(span / 6);
        this.min = min;
        this.max = min + Math.ceil(span / step - 1e-9) * step;
        this.pixelAtMin = pixelAtMin;
        this.pixelAtMax = pixelAtMax;
        this.format = format;
    }

    /** @return the smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code rough} */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** @return the value at the end of the axis */
    double max() {
        return max;
    }

    @Override
    public double toPixel(double value) {
        double v = Math.max(min, Math.min(max, value));
        return pixelAtMin + (v - min) / (max - min) * (pixelAtMax - pixelAtMin);
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        int n = (int) Math.round((max - min) / step);
        for (int i = 0; i <= n; i++) {
            double v = min + i * step;
            ticks.add(new Tick(v, format.apply(v)));
        }
        return ticks;
    }

    @Override
    public List<Double> minorTicks() {
        return List.of();
    }
}
