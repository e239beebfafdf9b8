package dev.tessera.desktop.attach;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF pages as images for the model (Apache PDFBox). A page is rendered so that its longer side is
 * {@link #LONG_SIDE_PX}: two 560-pixel tiles, the most the preprocessor keeps along one side of a page-shaped
 * canvas with 4 tiles - more pixels would only be scaled away again.
 *
 * <p>PDFs come from anywhere: whatever PDFBox makes of a broken file (an IOException, or one of its many
 * RuntimeExceptions for a malformed object) becomes a {@link UnreadableFileException} naming the file, and a page
 * whose size is zero, negative, not a number or absurd is refused before anything is allocated for it.
 */
public final class PdfPages {
    public static final int LONG_SIDE_PX = 1120;
    /** Never render tiny pages (a business card) above print resolution. */
    static final float MAX_DPI = 300;
    /** The page sizes PDF allows (ISO 32000, annex C: 3 to 14400 units), with room for generous writers. */
    static final float MIN_SIDE_PT = 1, MAX_SIDE_PT = 200_000;

    private PdfPages() {}

    /** The number of pages, counted by walking the page tree (a file's own /Count may lie). */
    public static int pageCount(Path pdf) {
        return withDocument(pdf, pdf.getFileName() + " is not a readable PDF", PdfPages::countPages);
    }

    /**
     * Renders page {@code page} (1-based) of {@code pdf} as a PNG in {@code outDir}, reusing an earlier rendering.
     * Returns the PNG's path.
     */
    public static Path render(Path pdf, int page, Path outDir) {
        return withDocument(pdf, pdf.getFileName() + ": cannot render page " + page, doc -> {
            int pages = countPages(doc);
            if (pages == 0) throw new UnreadableFileException(pdf.getFileName() + " has no pages");
            if (page < 1 || page > pages) throw new UnreadableFileException(pdf.getFileName() + " has no page " + page + " (1.." + pages + ")");
            Path out = outDir.resolve(baseName(pdf) + "-" + fingerprint(pdf) + "-p" + page + ".png");
            if (Files.isRegularFile(out)) return out;
            BufferedImage img = newRenderer(doc).renderImage(page - 1, scale(pdf, page, doc.getPage(page - 1).getCropBox()), ImageType.RGB);
            if (img.getWidth() > LONG_SIDE_PX || img.getHeight() > LONG_SIDE_PX) {
                // scale() bounds the long side; a renderer that disagrees must not hand the model a poster
                throw new UnreadableFileException(pdf.getFileName() + ": page " + page + " rendered at " + img.getWidth()
                        + "x" + img.getHeight() + " px, over " + LONG_SIDE_PX + " px");
            }
            Files.createDirectories(outDir);
            Path tmp = Files.createTempFile(outDir, ".page", ".png");
            try {
                ImageIO.write(img, "png", tmp.toFile());
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return out;
        });
    }

    /**
     * The rendering scale: long side {@link #LONG_SIDE_PX}, at most {@link #MAX_DPI}. A crop box that is zero,
     * negative, NaN or absurd would give an empty, an infinite or a giant image: refused with its size.
     */
    static float scale(Path pdf, int page, PDRectangle box) {
        float w = box.getWidth(), h = box.getHeight();
        if (!(w >= MIN_SIDE_PT && h >= MIN_SIDE_PT && w <= MAX_SIDE_PT && h <= MAX_SIDE_PT)) {
            throw new UnreadableFileException(pdf.getFileName() + ": page " + page + " has an unusable size (" + w + " x " + h
                    + " pt; a page must be " + (int) MIN_SIDE_PT + " to " + (int) MAX_SIDE_PT + " pt on each side)");
        }
        return Math.min(LONG_SIDE_PX / Math.max(w, h), MAX_DPI / 72f);
    }

    private static PDFRenderer newRenderer(PDDocument doc) {
        PDFRenderer r = new PDFRenderer(doc);
        // images are decoded at about the size they are drawn, not at the size a file claims for them
        r.setSubsamplingAllowed(true);
        return r;
    }

    private static int countPages(PDDocument doc) {
        int n = 0;
        for (PDPage ignored : doc.getPages()) n++;
        return n;
    }

    private interface PdfWork<T> {
        T apply(PDDocument doc) throws IOException;
    }

    /**
     * Opens {@code pdf}, runs {@code work}, and turns every failure of PDFBox into one line naming the file:
     * {@code failing} (which names it) and the cause's first line.
     */
    private static <T> T withDocument(Path pdf, String failing, PdfWork<T> work) {
        String name = String.valueOf(pdf.getFileName());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return work.apply(doc);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (InvalidPasswordException e) {
            throw new UnreadableFileException(name + " is password-protected: Tessera cannot open it", e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(failing + ": " + oneLine(e), e);
        } catch (StackOverflowError e) {
            // PDFBox follows nested objects recursively: a file nesting thousands deep is broken or hostile
            throw new UnreadableFileException(failing + ": objects nested too deeply", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).strip();
    }

    private static String baseName(Path pdf) {
        String n = pdf.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Size and time of the PDF: a changed file renders anew. */
    private static String fingerprint(Path pdf) throws IOException {
        long h = Files.size(pdf) * 31 + Files.getLastModifiedTime(pdf).toMillis();
        h ^= pdf.toAbsolutePath().toString().hashCode() * 0x9E3779B97F4A7C15L;
        return HexFormat.of().toHexDigits(h).substring(8);
    }
}
