package dev.tessera.desktop.attach;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF pages as images for the model (Apache PDFBox). A page is rendered so that its longer side is
 * {@link #LONG_SIDE_PX}: two 560-pixel tiles, the most the preprocessor keeps along one side of a page-shaped
 * canvas with 4 tiles - more pixels would only be scaled away again.
 */
public final class PdfPages {
    public static final int LONG_SIDE_PX = 1120;
    /** Never render tiny pages (a business card) above print resolution. */
    static final float MAX_DPI = 300;

    private PdfPages() {}

    public static int pageCount(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(pdf.getFileName() + " is not a readable PDF: " + e.getMessage(), e);
        }
    }

    /**
     * Renders page {@code page} (1-based) of {@code pdf} as a PNG in {@code outDir}, reusing an earlier rendering.
     * Returns the PNG's path.
     */
    public static Path render(Path pdf, int page, Path outDir) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int pages = doc.getNumberOfPages();
            if (page < 1 || page > pages) throw new IllegalArgumentException(pdf.getFileName() + " has no page " + page + " (1.." + pages + ")");
            Path out = outDir.resolve(baseName(pdf) + "-" + fingerprint(pdf) + "-p" + page + ".png");
            if (Files.isRegularFile(out)) return out;
            PDPage p = doc.getPage(page - 1);
            PDRectangle box = p.getCropBox();
            float longPts = Math.max(box.getWidth(), box.getHeight());
            float scale = Math.min(LONG_SIDE_PX / longPts, MAX_DPI / 72f);
            BufferedImage img = new PDFRenderer(doc).renderImage(page - 1, scale, ImageType.RGB);
            Files.createDirectories(outDir);
            Path tmp = Files.createTempFile(outDir, ".page", ".png");
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(pdf.getFileName() + ": cannot render page " + page + ": " + e.getMessage(), e);
        }
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
