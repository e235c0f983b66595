package dev.switchboard.harness.plot;

import dev.switchboard.harness.stats.Medians;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Session set-up rate against the number of dispatchers: a bar per k at the median run, a dot per run. */
final class SetupRateChart {
    private SetupRateChart() {
    }

    /**
     * @param title chart title
     * @param ratesByK set-up rates (sessions/s) of every run, by k
     * @param target a horizontal target line in sessions/s, or 0 for none
     * @param width image width
     * @param height image height
     * @return the chart
     */
    static BufferedImage draw(String title, SortedMap<Integer, List<Double>> ratesByK, double target, int width,
                              int height) {
        ChartFrame frame = new ChartFrame(width, height, title);
        Rectangle plot = frame.plot();
        double max = target;
        for (List<Double> rates : ratesByK.values()) {
            for (double r : rates) {
                max = Math.max(max, r);
            }
        }
        LinearAxis y = new LinearAxis(0, max * 1.08, plot.y + plot.height, plot.y, Formats::count);
        int slots = Math.max(1, ratesByK.size());
        double slot = plot.width / (double) slots;
        Axis x = new CategoryAxis(ratesByK.entrySet().stream()
                .map(e -> "k=" + e.getKey() + (e.getValue().size() > 1 ? " (" + e.getValue().size() + " runs)" : ""))
                .toList(), plot.x, slot);
        frame.axes(x, y, "dispatchers mirrored (k)", "sessions set up per second");
        Graphics2D g = frame.graphics();
        FontMetrics fm = g.getFontMetrics();
        int i = 0;
        for (Map.Entry<Integer, List<Double>> e : ratesByK.entrySet()) {
            double[] rates = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double median = Medians.of(rates);
            double center = plot.x + slot * (i + 0.5);
            double barWidth = slot * 0.6;
            double top = y.toPixel(median);
            g.setColor(ChartFrame.PALETTE[0]);
            g.fill(new Rectangle2D.Double(center - barWidth / 2, top, barWidth, plot.y + plot.height - top));
            g.setColor(ChartFrame.AXIS);
            g.setStroke(new BasicStroke(1f));
            for (double r : rates) {
                double py = y.toPixel(r);
                g.draw(new Ellipse2D.Double(center - 3.5, py - 3.5, 7, 7));
            }
            String label = Formats.count3(median) + "/s";
            double highest = y.toPixel(Arrays.stream(rates).max().orElse(median));
            g.drawString(label, (float) (center - fm.stringWidth(label) / 2.0), (float) Math.min(top, highest) - 8);
            i++;
        }
        if (target > 0) {
            frame.horizontalTarget(y.toPixel(target), "target " + Formats.count(target) + "/s");
        }
        if (ratesByK.isEmpty()) {
            frame.note("no results given");
        }
        return frame.finish();
    }

    /** Evenly spaced categories, labelled at their centres. */
    private record CategoryAxis(List<String> names, double start, double slot) implements Axis {
        @Override
        public double toPixel(double index) {
            return start + slot * (index + 0.5);
        }

        @Override
        public List<Tick> ticks() {
            return java.util.stream.IntStream.range(0, names.size())
                    .mapToObj(i -> new Tick(i, names.get(i)))
                    .toList();
        }

        @Override
        public List<Double> minorTicks() {
            return List.of();
        }
    }
}
