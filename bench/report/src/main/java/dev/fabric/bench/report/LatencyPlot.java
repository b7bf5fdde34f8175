package dev.fabric.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Latency percentiles of every bench in one PNG: percentiles along x (p50 … max), milliseconds on a
 * log y axis (the figures span sub-millisecond head confirmations to multi-second auctions), one line
 * per measured latency. Baselines (names containing "baseline") are dashed so each figure can be
 * read against the floor measured in the same run. Java2D only, so it runs headless on CI.
 */
public final class LatencyPlot {

    private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99.9", "max"};
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
            new Color(0x393b79), new Color(0xad494a)};
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final int LEFT = 90;
    private static final int TOP = 60;
    private static final int PLOT_WIDTH = 760;
    private static final int PLOT_HEIGHT = 560;
    private static final int HEIGHT = TOP + PLOT_HEIGHT + 80;

    private LatencyPlot() {
    }

    public static void write(List<BenchSummary.Latency> latencies, String title, Path file) {
        System.setProperty("java.awt.headless", "true");
        int width = LEFT + PLOT_WIDTH + 30 + 42 + legendWidth(latencies) + 20;
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, width, latencies, title);
        } finally {
            g.dispose();
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The legend sets the image's width, so no name is cut off. */
    private static int legendWidth(List<BenchSummary.Latency> latencies) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            FontMetrics fm = scratch.getFontMetrics(LEGEND_FONT);
            return latencies.stream().mapToInt(l -> fm.stringWidth(legendText(l))).max().orElse(100);
        } finally {
            scratch.dispose();
        }
    }

    private static String legendText(BenchSummary.Latency l) {
        return l.name() + "  (n=" + l.samples() + ")";
    }

    private static void draw(Graphics2D g, int width, List<BenchSummary.Latency> latencies, String title) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, 35);

        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (BenchSummary.Latency l : latencies) {
            for (double v : l.percentiles()) {
                if (v > 0 && !Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int minDecade = (int) Math.floor(Math.log10(lo));
        int maxDecade = (int) Math.ceil(Math.log10(hi));
        if (maxDecade == minDecade) {
            maxDecade++;
        }

        // Grid: a line per decade, lighter ones at 2× and 5×.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (int d = minDecade; d <= maxDecade; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, d);
                if (d == maxDecade && m > 1) {
                    continue;
                }
                int y = y(v, minDecade, maxDecade);
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xececec));
                g.drawLine(LEFT, y, LEFT + PLOT_WIDTH, y);
                g.setColor(Color.DARK_GRAY);
                String label = msLabel(v);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            int x = x(i);
            g.setColor(new Color(0xececec));
            g.drawLine(x, TOP, x, TOP + PLOT_HEIGHT);
            g.setColor(Color.DARK_GRAY);
            g.drawString(PERCENTILES[i], x - fm.stringWidth(PERCENTILES[i]) / 2, TOP + PLOT_HEIGHT + 20);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String xTitle = "percentile";
        g.drawString(xTitle, LEFT + PLOT_WIDTH / 2 - g.getFontMetrics().stringWidth(xTitle) / 2, TOP + PLOT_HEIGHT + 50);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yTitle = "latency, ms (log scale)";
        rotated.drawString(yTitle, -(TOP + PLOT_HEIGHT / 2 + rotated.getFontMetrics().stringWidth(yTitle) / 2), 22);
        rotated.dispose();

        Stroke solid = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        Stroke dashed = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f);
        int legendX = LEFT + PLOT_WIDTH + 30;
        int legendY = TOP + 10;
        g.setFont(LEGEND_FONT);
        for (int s = 0; s < latencies.size(); s++) {
            BenchSummary.Latency l = latencies.get(s);
            Color color = PALETTE[s % PALETTE.length];
            boolean baseline = l.name().toLowerCase(java.util.Locale.ROOT).contains("baseline");
            g.setColor(color);
            g.setStroke(baseline ? dashed : solid);
            Path2D line = new Path2D.Double();
            boolean started = false;
            double[] values = l.percentiles();
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] > 0)) {
                    continue;
                }
                int x = x(i);
                int y = y(values[i], minDecade, maxDecade);
                if (started) {
                    line.lineTo(x, y);
                } else {
                    line.moveTo(x, y);
                    started = true;
                }
            }
            g.draw(line);
            g.setStroke(solid);
            for (int i = 0; i < values.length; i++) {
                if (values[i] > 0) {
                    int x = x(i);
                    int y = y(values[i], minDecade, maxDecade);
                    if (baseline) {
                        g.drawRect(x - 4, y - 4, 8, 8);
                    } else {
                        g.fillOval(x - 4, y - 4, 9, 9);
                    }
                }
            }
            int rowY = legendY + s * 24;
            g.setStroke(baseline ? dashed : solid);
            g.drawLine(legendX, rowY, legendX + 34, rowY);
            g.setStroke(solid);
            g.setColor(Color.BLACK);
            g.drawString(legendText(l), legendX + 42, rowY + 5);
        }
    }

    private static int x(int percentileIndex) {
        return LEFT + 40 + percentileIndex * (PLOT_WIDTH - 80) / (PERCENTILES.length - 1);
    }

    private static int y(double ms, int minDecade, int maxDecade) {
        double fraction = (Math.log10(ms) - minDecade) / (maxDecade - minDecade);
        return TOP + PLOT_HEIGHT - (int) Math.round(fraction * PLOT_HEIGHT);
    }

    private static String msLabel(double ms) {
        if (ms >= 1000) {
            return (ms % 1000 == 0 ? Long.toString((long) (ms / 1000)) : Double.toString(ms / 1000)) + " s";
        }
        if (ms >= 1) {
            return (long) ms + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%s ms", ms < 0.01 ? String.format("%.3f", ms) : String.format("%.2f", ms))
                .replaceAll("0+ ms$", " ms").replace(". ms", " ms");
    }
}
