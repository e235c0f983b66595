package dev.switchboard.harness.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The common parts of every chart: white canvas, title, plot area, grid, ticks, axis labels and a legend, drawn
 * with plain Java2D. Sizes scale with the image height so small and large PNGs stay readable.
 */
final class ChartFrame {
    /** Tableau 10: distinguishable, also for most colour-blind readers. */
    static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    static final Color AXIS = new Color(0x333333);
    static final Color GRID = new Color(0xdddddd);
    static final Color MINOR_GRID = new Color(0xf0f0f0);
    static final Color TARGET = new Color(0xc0392b);

    private final BufferedImage image;
    private final Graphics2D g;
    private final Rectangle plot;
    private final Font font;
    private final Font small;

    /**
     * @param width image width in pixels (at least 200)
     * @param height image height in pixels (at least 150)
     * @param title chart title
     */
    ChartFrame(int width, int height, String title) {
        if (width < 200 || height < 150 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is outside 200x150.."
                    + "10000x10000");
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        int base = Math.max(10, height / 45);
        font = new Font(Font.SANS_SERIF, Font.PLAIN, base);
        small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, base * 5 / 6));
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, base * 4 / 3);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = base * 7;
        int top = base * 4;
        int right = base * 2;
        int bottom = base * 5;
        plot = new Rectangle(left, top, width - left - right, height - top - bottom);
        g.setColor(AXIS);
        g.setFont(titleFont);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, top - base * 3 / 2);
        g.setFont(font);
    }

    Rectangle plot() {
        return plot;
    }

    Graphics2D graphics() {
        return g;
    }

    /** Draws grid lines, ticks, tick labels and the axis titles. */
    void axes(Axis x, Axis y, String xTitle, String yTitle) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(MINOR_GRID);
        for (double v : x.minorTicks()) {
            double px = x.toPixel(v);
            g.draw(new Line2D.Double(px, plot.y, px, plot.y + plot.height));
        }
        for (double v : y.minorTicks()) {
            double py = y.toPixel(v);
            g.draw(new Line2D.Double(plot.x, py, plot.x + plot.width, py));
        }
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        for (Axis.Tick t : x.ticks()) {
            double px = x.toPixel(t.value());
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plot.y, px, plot.y + plot.height));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(px, plot.y + plot.height, px, plot.y + plot.height + 5));
            g.drawString(t.label(), (float) (px - fm.stringWidth(t.label()) / 2.0),
                    plot.y + plot.height + 6 + fm.getAscent());
        }
        for (Axis.Tick t : y.ticks()) {
            double py = y.toPixel(t.value());
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.x, py, plot.x + plot.width, py));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(plot.x - 5, py, plot.x, py));
            g.drawString(t.label(), plot.x - 8 - fm.stringWidth(t.label()), (float) (py + fm.getAscent() / 2.5));
        }
        g.setColor(AXIS);
        g.draw(new Line2D.Double(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height));
        g.draw(new Line2D.Double(plot.x, plot.y, plot.x, plot.y + plot.height));
        g.setFont(font);
        fm = g.getFontMetrics();
        g.drawString(xTitle, plot.x + (plot.width - fm.stringWidth(xTitle)) / 2f,
                plot.y + plot.height + fm.getHeight() * 2.6f);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(plot.y + (plot.height + fm.stringWidth(yTitle)) / 2f), fm.getAscent() + 4f);
        g.setTransform(saved);
    }

    /** Draws a dashed vertical reference line with a label at its top. */
    void verticalTarget(double px, String label) {
        Stroke saved = g.getStroke();
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        g.draw(new Line2D.Double(px, plot.y, px, plot.y + plot.height));
        g.setStroke(saved);
        g.setFont(small);
        g.drawString(label, (float) px + 4, plot.y + g.getFontMetrics().getAscent() + 2);
        g.setFont(font);
    }

    /** Draws a dashed horizontal reference line with a label at its right end. */
    void horizontalTarget(double py, String label) {
        Stroke saved = g.getStroke();
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        g.draw(new Line2D.Double(plot.x, py, plot.x + plot.width, py));
        g.setStroke(saved);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(label, plot.x + plot.width - fm.stringWidth(label) - 4, (float) py - 4);
        g.setFont(font);
    }

    /**
     * Draws a legend box in the lower right corner of the plot area.
     *
     * @param labels one per series
     * @param colors the series' colours
     */
    void legend(List<String> labels, List<Color> colors) {
        if (labels.isEmpty()) {
            return;
        }
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        int line = fm.getHeight();
        int swatch = line;
        int width = 0;
        for (String l : labels) {
            width = Math.max(width, fm.stringWidth(l));
        }
        int boxWidth = width + swatch + 24;
        int boxHeight = line * labels.size() + 12;
        int x = plot.x + plot.width - boxWidth - 10;
        int y = plot.y + plot.height - boxHeight - 10;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x, y, boxWidth, boxHeight);
        g.setColor(GRID);
        g.drawRect(x, y, boxWidth, boxHeight);
        for (int i = 0; i < labels.size(); i++) {
            int ly = y + 6 + i * line;
            g.setColor(colors.get(i));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x + 8, ly + line / 2, x + 8 + swatch, ly + line / 2);
            g.setStroke(new BasicStroke(1f));
            g.setColor(AXIS);
            g.drawString(labels.get(i), x + 16 + swatch, ly + fm.getAscent());
        }
        g.setFont(font);
    }

    /** Writes a centred note in the plot area (for charts without data). */
    void note(String text) {
        g.setColor(AXIS);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, plot.x + (plot.width - fm.stringWidth(text)) / 2f, plot.y + plot.height / 2f);
    }

    /** @return the finished image (the frame can no longer draw) */
    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
