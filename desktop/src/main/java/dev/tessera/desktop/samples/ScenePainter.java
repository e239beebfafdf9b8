package dev.tessera.desktop.samples;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** The photo-like sample: a lake at sunset under mountains, with pine trees and a small red boat (all Java2D). */
final class ScenePainter {
    private ScenePainter() {}

    static BufferedImage lakeAtSunset() {
        Canvas2D c = new Canvas2D(800, 560, Color.BLACK);
        var g = c.g;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B, 0x3A, 0x67), 0, 330, new Color(0xF6, 0xA0, 0x5A)));
        g.fillRect(0, 0, 800, 330);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(560, 215), 150, new float[] {0f, 0.25f, 1f},
                new Color[] {new Color(0xFF, 0xF3, 0xC4), new Color(0xFF, 0xD0, 0x80, 200), new Color(0xFF, 0xB0, 0x60, 0)}));
        g.fill(new Ellipse2D.Double(410, 65, 300, 300));
        g.setColor(new Color(0xFF, 0xF0, 0xB8));
        g.fill(new Ellipse2D.Double(530, 185, 60, 60));
        mountains(c, new Color(0x5B, 0x4B, 0x73), 330, 170, 11);
        mountains(c, new Color(0x3A, 0x33, 0x52), 330, 110, 5);
        g.setPaint(new GradientPaint(0, 330, new Color(0xD9, 0x8A, 0x5A), 0, 560, new Color(0x1D, 0x2A, 0x4A)));
        g.fillRect(0, 330, 800, 230);
        Random r = new Random(7);
        for (int i = 0; i < 60; i++) {
            int y = 335 + r.nextInt(200);
            int w = 20 + r.nextInt(90);
            g.setColor(new Color(255, 230, 180, 20 + r.nextInt(40)));
            g.fillRect(560 - w / 2 + r.nextInt(40) - 20, y, w, 2);
        }
        for (int i = 0; i < 9; i++) pine(c, 20 + i * 34 + r.nextInt(10), 345 + r.nextInt(12), 70 + r.nextInt(50));
        boat(c, 300, 420);
        return c.done();
    }

    private static void mountains(Canvas2D c, Color color, double base, double height, long seed) {
        Random r = new Random(seed);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, base);
        for (int x = 0; x <= 800; x += 40) p.lineTo(x, base - height * (0.35 + 0.65 * r.nextDouble()));
        p.lineTo(800, base);
        p.closePath();
        c.g.setColor(color);
        c.g.fill(p);
    }

    private static void pine(Canvas2D c, double x, double base, double h) {
        c.g.setColor(new Color(0x14, 0x24, 0x1E));
        for (int tier = 0; tier < 3; tier++) {
            double top = base - h + tier * h * 0.22, w = h * (0.22 + tier * 0.08);
            Path2D.Double t = new Path2D.Double();
            t.moveTo(x, top);
            t.lineTo(x - w, top + h * 0.42);
            t.lineTo(x + w, top + h * 0.42);
            t.closePath();
            c.g.fill(t);
        }
        c.g.fillRect((int) x - 3, (int) (base - h * 0.15), 6, (int) (h * 0.15) + 4);
    }

    private static void boat(Canvas2D c, double x, double y) {
        Path2D.Double hull = new Path2D.Double();
        hull.moveTo(x - 50, y);
        hull.lineTo(x + 50, y);
        hull.lineTo(x + 34, y + 18);
        hull.lineTo(x - 34, y + 18);
        hull.closePath();
        c.g.setColor(new Color(0xB8, 0x2E, 0x2E));
        c.g.fill(hull);
        c.line(x, y, x, y - 60, new Color(0x2A, 0x1E, 0x16), 3f);
        Path2D.Double sail = new Path2D.Double();
        sail.moveTo(x + 3, y - 58);
        sail.lineTo(x + 40, y - 6);
        sail.lineTo(x + 3, y - 6);
        sail.closePath();
        c.g.setColor(new Color(0xF4, 0xEE, 0xE0));
        c.g.fill(sail);
        c.g.setColor(new Color(0xB8, 0x2E, 0x2E, 70));
        c.g.fillRect((int) x - 34, (int) y + 22, 68, 6);
    }
}
