package dev.tessera.desktop.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A white RGB image with antialiased Java2D drawing and a few text helpers for the sample painters. */
final class Canvas2D {
    final BufferedImage image;
    final Graphics2D g;

    Canvas2D(int width, int height, Color background) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
    }

    static Font sans(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    static Font mono(int style, int size) {
        return new Font(Font.MONOSPACED, style, size);
    }

    void text(String s, double x, double y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(s, (float) x, (float) y);
    }

    void centered(String s, double cx, double y, Font font, Color color) {
        g.setFont(font);
        text(s, cx - g.getFontMetrics().stringWidth(s) / 2.0, y, font, color);
    }

    void right(String s, double rx, double y, Font font, Color color) {
        g.setFont(font);
        text(s, rx - g.getFontMetrics().stringWidth(s), y, font, color);
    }

    /** Text rotated a quarter turn counter-clockwise, centred on (cx, cy): a y-axis title. */
    void vertical(String s, double cx, double cy, Font font, Color color) {
        var saved = g.getTransform();
        g.rotate(-Math.PI / 2, cx, cy);
        centered(s, cx, cy + font.getSize() / 3.0, font, color);
        g.setTransform(saved);
    }

    void line(double x1, double y1, double x2, double y2, Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    BufferedImage done() {
        g.dispose();
        return image;
    }
}
