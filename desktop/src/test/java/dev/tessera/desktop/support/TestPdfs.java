package dev.tessera.desktop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** PDFs made in the test with PDFBox: a two-page A4 report, the second page holding a table. */
public final class TestPdfs {
    private TestPdfs() {}

    public static Path quarterlyReport(Path out) throws IOException {
        Files.createDirectories(out.getParent());
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument()) {
            PDPage first = new PDPage(PDRectangle.A4);
            doc.addPage(first);
            try (PDPageContentStream s = new PDPageContentStream(doc, first)) {
                text(s, bold, 22, 60, 770, "Harbour Bakery - Quarterly report");
                text(s, regular, 12, 60, 740, "Sales grew in every quarter but the last. The table is on page 2.");
            }
            PDPage second = new PDPage(PDRectangle.A4);
            doc.addPage(second);
            try (PDPageContentStream s = new PDPageContentStream(doc, second)) {
                text(s, bold, 16, 60, 770, "Table 1. Revenue and costs (EUR)");
                String[][] rows = {{"Quarter", "Revenue", "Costs"}, {"Q1", "48,200", "39,100"}, {"Q2", "53,700", "41,800"}};
                for (int r = 0; r < rows.length; r++) {
                    float y = 730 - r * 28;
                    for (int c = 0; c < 3; c++) text(s, r == 0 ? bold : regular, 12, 70 + c * 150, y, rows[r][c]);
                    s.moveTo(60, y - 9);
                    s.lineTo(520, y - 9);
                    s.stroke();
                }
            }
            doc.save(out.toFile());
        }
        return out;
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text) throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }
}
