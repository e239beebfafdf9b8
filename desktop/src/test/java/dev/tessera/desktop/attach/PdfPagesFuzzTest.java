package dev.tessera.desktop.attach;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes what a PDF dropped on the window goes through: {@link PdfPages#pageCount} and the rendering of the
 * first and the last page. Each gives a result - a PNG of at most {@link PdfPages#LONG_SIDE_PX} on its long
 * side - or an UnreadableFileException naming the file. Seeds: tiny PDFs made here with PDFBox (written uncompressed,
 * so the fuzzer sees their objects) and the hand-written {@code seed-*.pdf} files in the saved inputs.
 * Hand-made broken files: {@link BrokenPdfTest}.
 */
class PdfPagesFuzzTest {
    @MethodSource("pdfs")
    @FuzzTest(maxDuration = "10s")
    void pages(byte[] bytes) throws IOException {
        Path pdf = FuzzContract.write("pdf/input.pdf", bytes);
        Integer pages = FuzzContract.parse(namingTheFile(() -> PdfPages.pageCount(pdf)));
        if (pages == null || pages == 0) return;
        if (pages < 0) throw new AssertionError("negative page count " + pages);
        renderChecked(pdf, 1);
        if (pages > 1) renderChecked(pdf, pages);
    }

    private static void renderChecked(Path pdf, int page) throws IOException {
        Path png = FuzzContract.parse(namingTheFile(() -> PdfPages.render(pdf, page, FuzzContract.scratch().resolve("pages"))));
        if (png == null) return;
        try {
            // the PNG's IHDR chunk: width and height right after the 8-byte signature and the chunk header
            ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(png), 16, 8);
            int w = head.getInt(), h = head.getInt();
            if (w < 1 || h < 1 || w > PdfPages.LONG_SIDE_PX || h > PdfPages.LONG_SIDE_PX) {
                throw new AssertionError("page " + page + " rendered at " + w + "x" + h + " px");
            }
        } finally {
            // render() reuses a PNG of the same name, size and time: the next input must render anew
            Files.delete(png);
        }
    }

    /** Beyond the shared contract: a refused PDF's message is one line and names the file (the window shows it). */
    private static <T> Supplier<T> namingTheFile(Supplier<T> call) {
        return () -> {
            try {
                return call.get();
            } catch (UnreadableFileException e) {
                // the window's refusal (not the engine's TesseraException, which FuzzContract knows): checked here
                String m = String.valueOf(e.getMessage());
                if (!m.contains("input.pdf") || m.lines().count() != 1) throw new AssertionError("refusal: " + m, e);
                return null;
            }
        };
    }

    /** A blank page, two pages of text and lines, a rotated page with a crop box and a 2x2 image. */
    static List<byte[]> pdfs() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(new PDRectangle(100, 50)));
            out.add(save(doc));
        }
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String line : new String[] {"Page one", "Q1 48,200"}) {
                PDPage page = new PDPage(new PDRectangle(120, 80));
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                    s.beginText();
                    s.setFont(font, 10);
                    s.newLineAtOffset(8, 60);
                    s.showText(line);
                    s.endText();
                    s.moveTo(8, 50);
                    s.lineTo(110, 50);
                    s.stroke();
                }
            }
            out.add(save(doc));
        }
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(60, 90));
            page.setRotation(90);
            page.setCropBox(new PDRectangle(5, 5, 50, 80));
            doc.addPage(page);
            var image = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(1, 0, 0xC03020);
            image.setRGB(0, 1, 0x2040E0);
            try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                s.setNonStrokingColor(0.2f, 0.6f, 0.3f);
                s.addRect(10, 10, 30, 20);
                s.fill();
                s.drawImage(LosslessFactory.createFromImage(doc, image), 10, 40, 30, 30);
            }
            out.add(save(doc));
        }
        return out;
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        doc.save(bytes, CompressParameters.NO_COMPRESSION);
        return bytes.toByteArray();
    }
}
