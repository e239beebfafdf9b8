package dev.tessera.desktop.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.support.TestPdfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made broken PDFs: each is refused with one line that names the file, and the importer carries on. */
class BrokenPdfTest {
    @TempDir
    Path dir;

    @Test
    void notAPdfWithAPdfName() throws IOException {
        Path pdf = Files.writeString(dir.resolve("holiday.pdf"), "GIF89a - a picture renamed by hand");
        assertRefused(pdf, () -> PdfPages.pageCount(pdf), "holiday.pdf is not a readable PDF: ");
    }

    @Test
    void emptyFile() throws IOException {
        Path pdf = Files.createFile(dir.resolve("empty.pdf"));
        assertRefused(pdf, () -> PdfPages.pageCount(pdf), "empty.pdf is not a readable PDF: ");
    }

    @Test
    void truncatedPdf() throws IOException {
        byte[] whole = Files.readAllBytes(TestPdfs.quarterlyReport(dir.resolve("whole.pdf")));
        Path pdf = Files.write(dir.resolve("cut.pdf"), Arrays.copyOf(whole, 300)); // the header and half an object
        UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> {
            // PDFBox recovers what it can of a cut file; whatever it finds must render or be refused cleanly
            int pages = PdfPages.pageCount(pdf);
            PdfPages.render(pdf, Math.max(pages, 1), dir.resolve("out"));
        });
        assertOneLineNaming(e, "cut.pdf");
    }

    @Test
    void zeroSizePageIsRefusedWithItsSize() throws IOException {
        Path pdf = onePage(dir.resolve("flat.pdf"), new PDRectangle(0, 0, 595, 0));
        assertEquals(1, PdfPages.pageCount(pdf));
        assertRefused(pdf, () -> PdfPages.render(pdf, 1, dir.resolve("out")), "flat.pdf: page 1 has an unusable size (595.0 x 0.0 pt");
        assertTrue(isEmptyOrAbsent(dir.resolve("out")), "nothing written for a refused page");
    }

    @Test
    void absurdPageIsRefusedNotRenderedAsAPoster() throws IOException {
        Path pdf = onePage(dir.resolve("huge.pdf"), new PDRectangle(0, 0, 9e8f, 6e8f));
        assertRefused(pdf, () -> PdfPages.render(pdf, 1, dir.resolve("out")), "huge.pdf: page 1 has an unusable size (9.0E8 x 6.0E8 pt");
    }

    @Test
    void passwordProtectedPdf() throws IOException {
        Path pdf = dir.resolve("locked.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A6));
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(pdf.toFile());
        }
        assertRefused(pdf, () -> PdfPages.pageCount(pdf), "locked.pdf is password-protected");
    }

    @Test
    void pageOutsideTheDocument() throws IOException {
        Path pdf = TestPdfs.quarterlyReport(dir.resolve("report.pdf"));
        assertRefused(pdf, () -> PdfPages.render(pdf, 3, dir.resolve("out")), "report.pdf has no page 3 (1..2)");
    }

    @Test
    void importerListsBrokenPdfsAndKeepsTheGoodOnes() throws IOException {
        Path good = TestPdfs.quarterlyReport(dir.resolve("report.pdf"));
        Path bad = Files.writeString(dir.resolve("notes.pdf"), "just text");
        Path flat = onePage(dir.resolve("flat.pdf"), new PDRectangle(0, 0, 0, 0));
        var r = new AttachmentImporter(dir.resolve("conv")).importFiles(List.of(bad, good, flat));
        assertEquals(1, r.attachments().size());
        assertEquals(good, r.attachments().get(0).source());
        assertEquals(2, r.refused().size(), r.refused().toString());
        assertTrue(r.refused().get(0).startsWith("notes.pdf is not a readable PDF: "), r.refused().get(0));
        assertTrue(r.refused().get(1).startsWith("flat.pdf: page 1 has an unusable size"), r.refused().get(1));
    }

    @Test
    void imageClaimingGiantSizeRendersWithinTheBudget() throws IOException {
        // a 60000x60000 RGB image (10.8 GB decoded) claimed in 3 bytes, drawn 100 pt wide: never decoded at that size
        Path pdf = handWritten(dir.resolve("claims.pdf"), "/Resources << /XObject << /Im1 5 0 R >> >>",
                "q 100 0 0 100 0 0 cm /Im1 Do Q",
                "<< /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 3 >>\nstream\nabc\nendstream");
        Path png = PdfPages.render(pdf, 1, dir.resolve("out"));
        // 200 pt wide at the 300 dpi cap; the missing pixel data is drawn as black
        assertEquals(Math.round(200 * PdfPages.MAX_DPI / 72), javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void deeplyNestedArrayIsRefused() throws IOException {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        Path pdf = handWritten(dir.resolve("deep.pdf"), "/Junk " + deep, "0 g", null);
        assertRefused(pdf, () -> PdfPages.render(pdf, Math.max(1, PdfPages.pageCount(pdf)), dir.resolve("out")), "deep.pdf");
    }

    @Test
    void deepPageTreeIsRefusedNotAStackOverflow() throws IOException {
        // PDFBox walks the page tree recursively: 50000 levels of /Pages (3 MB) overflow its stack
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 10 0 R >> endobj\n");
        int depth = 50_000;
        for (int i = 0; i < depth; i++) {
            pdf.append(10 + i).append(" 0 obj << /Type /Pages /Kids [").append(i < depth - 1 ? 11 + i : 3).append(" 0 R] /Count 1 >> endobj\n");
        }
        pdf.append("3 0 obj << /Type /Page /MediaBox [0 0 200 100] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        Path file = Files.writeString(dir.resolve("tree.pdf"), pdf);
        assertRefused(file, () -> PdfPages.pageCount(file), "tree.pdf is not a readable PDF: objects nested too deeply");
    }

    /** A one-page PDF written by hand, without a cross-reference table (PDFBox finds the objects itself). */
    private static Path handWritten(Path out, String pageExtra, String content, String object5) throws IOException {
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R " + pageExtra + " >> endobj\n"
                + "4 0 obj << /Length " + content.length() + " >>\nstream\n" + content + "\nendstream endobj\n"
                + (object5 == null ? "" : "5 0 obj " + object5 + " endobj\n")
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return Files.writeString(out, pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static Path onePage(Path out, PDRectangle box) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(box));
            doc.save(out.toFile());
        }
        return out;
    }

    private static void assertRefused(Path pdf, org.junit.jupiter.api.function.Executable call, String prefix) {
        UnreadableFileException e = assertThrows(UnreadableFileException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertOneLineNaming(e, pdf.getFileName().toString());
    }

    private static void assertOneLineNaming(UnreadableFileException e, String file) {
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static boolean isEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return true;
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
