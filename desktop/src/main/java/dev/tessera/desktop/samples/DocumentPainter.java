package dev.tessera.desktop.samples;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;

/** The document samples: a report page with a table, and a shop receipt. */
final class DocumentPainter {
    static final String[][] TABLE = {
            {"Quarter", "Revenue", "Costs", "Profit"},
            {"Q1", "48,200", "39,100", "9,100"},
            {"Q2", "53,700", "41,800", "11,900"},
            {"Q3", "61,300", "44,500", "16,800"},
            {"Q4", "57,900", "43,200", "14,700"}};
    static final String[][] RECEIPT_ITEMS = {
            {"Sourdough loaf", "4.80"}, {"Cinnamon buns x4", "9.60"}, {"Oat milk 1 l", "2.35"},
            {"Coffee beans 250 g", "7.90"}, {"Blueberries", "3.45"}};

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GREY = new Color(0x66, 0x66, 0x66);

    private DocumentPainter() {}

    static BufferedImage reportPage() {
        Canvas2D c = new Canvas2D(850, 1100, Color.WHITE);
        c.text("Harbour Bakery Ltd", 80, 110, Canvas2D.sans(Font.BOLD, 34), INK);
        c.text("Annual report 2023 — results by quarter", 80, 150, Canvas2D.sans(Font.PLAIN, 22), GREY);
        c.line(80, 172, 770, 172, INK, 2f);
        String[] para = {
                "Sales grew in every quarter but the last, when the shop closed for two",
                "weeks of renovation. The summer quarter was the strongest on record,",
                "helped by the new harbour-front terrace. All amounts are in euros."};
        for (int i = 0; i < para.length; i++) c.text(para[i], 80, 220 + i * 32, Canvas2D.sans(Font.PLAIN, 20), INK);
        c.text("Table 1. Revenue, costs and profit (EUR)", 80, 360, Canvas2D.sans(Font.BOLD, 20), INK);
        double[] colX = {80, 280, 460, 640};
        double rowH = 48, top = 380;
        c.g.setColor(new Color(0xE8, 0xEE, 0xF6));
        c.g.fillRect(80, (int) top, 690, (int) rowH);
        for (int r = 0; r < TABLE.length; r++) {
            double y = top + r * rowH + 32;
            for (int col = 0; col < 4; col++) {
                Font f = Canvas2D.sans(r == 0 ? Font.BOLD : Font.PLAIN, 20);
                if (col == 0) c.text(TABLE[r][col], colX[col] + 14, y, f, INK);
                else c.right(TABLE[r][col], colX[col] + 120, y, f, INK);
            }
            c.line(80, top + (r + 1) * rowH, 770, top + (r + 1) * rowH, r == 0 ? INK : new Color(0xBB, 0xBB, 0xBB), r == 0 ? 2f : 1f);
        }
        c.line(80, top, 770, top, INK, 2f);
        String[] after = {
                "Profit for the year was 52,500 euros, up 18 % on 2022. The board",
                "proposes to open a second shop in the old ferry terminal in 2024."};
        for (int i = 0; i < after.length; i++) c.text(after[i], 80, 700 + i * 32, Canvas2D.sans(Font.PLAIN, 20), INK);
        c.centered("Page 3 of 12", 425, 1050, Canvas2D.sans(Font.PLAIN, 16), GREY);
        return c.done();
    }

    static BufferedImage receipt() {
        Canvas2D c = new Canvas2D(420, 760, new Color(0xFB, 0xFA, 0xF5));
        Font mono = Canvas2D.mono(Font.PLAIN, 18);
        Font monoBold = Canvas2D.mono(Font.BOLD, 20);
        c.centered("HARBOUR BAKERY", 210, 70, Canvas2D.mono(Font.BOLD, 26), INK);
        c.centered("12 Quay Street, Bergen", 210, 100, mono, GREY);
        c.centered("14.03.2024  08:42", 210, 128, mono, GREY);
        dashed(c, 160);
        double y = 200;
        for (String[] item : RECEIPT_ITEMS) {
            c.text(item[0], 36, y, mono, INK);
            c.right(item[1], 384, y, mono, INK);
            y += 36;
        }
        dashed(c, y - 10);
        c.text("Subtotal", 36, y + 30, mono, INK);
        c.right("28.10", 384, y + 30, mono, INK);
        c.text("VAT 15 % incl.", 36, y + 62, mono, INK);
        c.right("3.67", 384, y + 62, mono, INK);
        c.text("TOTAL EUR", 36, y + 110, monoBold, INK);
        c.right("28.10", 384, y + 110, monoBold, INK);
        c.text("Card  **** 4417", 36, y + 150, mono, GREY);
        c.centered("Thank you - see you soon!", 210, 700, mono, INK);
        return c.done();
    }

    private static void dashed(Canvas2D c, double y) {
        for (int x = 30; x < 390; x += 14) c.line(x, y, x + 7, y, GREY, 1.5f);
    }
}
