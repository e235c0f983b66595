package dev.switchboard.harness.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency CDFs: log-scale time on x, cumulative fraction on y (tail-stretched by default, so p99 and p99.9 are
 * legible), one curve per series, with an optional target line.
 */
final class CdfChart {
    private CdfChart() {
    }

    /**
     * @param title chart title
     * @param xTitle x axis title
     * @param series the curves (values in microseconds)
     * @param targetMicros a vertical target line, or 0 for none
     * @param targetLabel its label
     * @param tailScale tail-stretched y axis (true) or linear 0..100% (false)
     * @param width image width
     * @param height image height
     * @return the chart
     */
    static BufferedImage draw(String title, String xTitle, List<Series> series, double targetMicros,
                              String targetLabel, boolean tailScale, int width, int height) {
        ChartFrame frame = new ChartFrame(width, height, title);
        Rectangle plot = frame.plot();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (p[0] > 0) {
                    min = Math.min(min, p[0]);
                }
                max = Math.max(max, p[0]);
            }
        }
        if (targetMicros > 0) {
            min = Math.min(min, targetMicros);
            max = Math.max(max, targetMicros);
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 1;
            max = 1000;
        }
        Axis x = new LogAxis(min, max, plot.x, plot.x + plot.width, Formats::micros);
        Axis y = tailScale ? new TailAxis(plot.y + plot.height, plot.y)
                : new LinearAxis(0, 1, plot.y + plot.height, plot.y, v -> Math.round(v * 100) + "%");
        frame.axes(x, y, xTitle, tailScale ? "fraction of sessions at or below (tail stretched)"
                : "fraction of sessions at or below");
        if (targetMicros > 0) {
            frame.verticalTarget(x.toPixel(targetMicros), targetLabel);
        }
        Graphics2D g = frame.graphics();
        g.setClip(plot.x, plot.y - 2, plot.width + 2, plot.height + 4);
        List<String> labels = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color color = ChartFrame.PALETTE[i % ChartFrame.PALETTE.length];
            labels.add(s.label());
            colors.add(color);
            if (s.points().isEmpty()) {
                continue;
            }
            Path2D.Double path = new Path2D.Double();
            boolean first = true;
            for (double[] p : s.points()) {
                double px = x.toPixel(p[0]);
                double py = y.toPixel(p[1]);
                if (first) {
                    path.moveTo(px, py);
                    first = false;
                } else {
                    path.lineTo(px, py);
                }
            }
            g.setColor(color);
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }
        g.setClip(null);
        g.setStroke(new BasicStroke(1f));
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            frame.note("no samples in the given results");
        }
        frame.legend(labels, colors);
        return frame.finish();
    }
}
