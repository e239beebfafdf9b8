package dev.tessera.desktop.samples;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** The two chart samples: a bar chart and a line chart, each with a title, axis titles and labelled ticks. */
final class ChartPainter {
    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun"};
    /** Rainfall in millimetres, as drawn on the bar chart. */
    static final int[] RAINFALL_MM = {190, 155, 170, 95, 105, 130};
    static final int[] HOURS = {6, 8, 10, 12, 14, 16, 18, 20};
    /** Solar output in kilowatts at those hours, as drawn on the line chart. */
    static final double[] SOLAR_KW = {0.2, 1.6, 3.4, 4.6, 4.3, 3.0, 1.2, 0.1};

    private static final Color AXIS = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    private ChartPainter() {}

    static BufferedImage barChart() {
        Canvas2D c = new Canvas2D(800, 560, Color.WHITE);
        c.centered("Monthly rainfall in Bergen, January to June", 400, 42, Canvas2D.sans(Font.BOLD, 24), AXIS);
        double left = 110, right = 760, top = 80, bottom = 470, max = 250;
        axes(c, left, right, top, bottom, max, 50, "%.0f");
        double slot = (right - left) / MONTHS.length;
        for (int i = 0; i < MONTHS.length; i++) {
            double h = RAINFALL_MM[i] / max * (bottom - top);
            double x = left + i * slot + slot * 0.18;
            c.g.setColor(new Color(0x2F, 0x6D, 0xB5));
            c.g.fill(new Rectangle2D.Double(x, bottom - h, slot * 0.64, h));
            c.centered(String.valueOf(RAINFALL_MM[i]), x + slot * 0.32, bottom - h - 8, Canvas2D.sans(Font.PLAIN, 16), AXIS);
            c.centered(MONTHS[i], left + (i + 0.5) * slot, bottom + 26, Canvas2D.sans(Font.PLAIN, 18), AXIS);
        }
        c.centered("Month (2023)", (left + right) / 2, 540, Canvas2D.sans(Font.BOLD, 18), AXIS);
        c.vertical("Rainfall (mm)", 34, (top + bottom) / 2, Canvas2D.sans(Font.BOLD, 18), AXIS);
        return c.done();
    }

    static BufferedImage lineChart() {
        Canvas2D c = new Canvas2D(800, 560, Color.WHITE);
        c.centered("Solar panel output on 21 June", 400, 42, Canvas2D.sans(Font.BOLD, 24), AXIS);
        double left = 110, right = 760, top = 80, bottom = 470, max = 5;
        axes(c, left, right, top, bottom, max, 1, "%.0f");
        double span = HOURS[HOURS.length - 1] - HOURS[0];
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < HOURS.length; i++) {
            double x = left + (HOURS[i] - HOURS[0]) / span * (right - left - 20) + 10;
            double y = bottom - SOLAR_KW[i] / max * (bottom - top);
            if (i == 0) path.moveTo(x, y);
            else path.lineTo(x, y);
            c.centered(HOURS[i] + ":00", x, bottom + 26, Canvas2D.sans(Font.PLAIN, 16), AXIS);
            c.line(x, bottom, x, bottom + 6, AXIS, 1.5f);
        }
        c.g.setColor(new Color(0xE0, 0x7A, 0x1F));
        c.g.setStroke(new java.awt.BasicStroke(4f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        c.g.draw(path);
        for (int i = 0; i < HOURS.length; i++) {
            double x = left + (HOURS[i] - HOURS[0]) / span * (right - left - 20) + 10;
            double y = bottom - SOLAR_KW[i] / max * (bottom - top);
            c.g.fill(new java.awt.geom.Ellipse2D.Double(x - 6, y - 6, 12, 12));
        }
        c.centered("Time of day (hours)", (left + right) / 2, 540, Canvas2D.sans(Font.BOLD, 18), AXIS);
        c.vertical("Output (kW)", 34, (top + bottom) / 2, Canvas2D.sans(Font.BOLD, 18), AXIS);
        return c.done();
    }

    /** Axes with horizontal grid lines and labelled y ticks every {@code step} up to {@code max}. */
    private static void axes(Canvas2D c, double left, double right, double top, double bottom, double max, double step, String fmt) {
        for (double v = 0; v <= max + 1e-9; v += step) {
            double y = bottom - v / max * (bottom - top);
            if (v > 0) c.line(left, y, right, y, GRID, 1f);
            c.line(left - 6, y, left, y, AXIS, 1.5f);
            c.right(String.format(java.util.Locale.ROOT, fmt, v), left - 12, y + 6, Canvas2D.sans(Font.PLAIN, 16), AXIS);
        }
        c.line(left, top - 10, left, bottom, AXIS, 2f);
        c.line(left, bottom, right, bottom, AXIS, 2f);
    }
}
