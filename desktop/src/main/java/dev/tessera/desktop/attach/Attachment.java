package dev.tessera.desktop.attach;

import java.nio.file.Path;

/**
 * An image waiting to go with the next question (or gone with one).
 *
 * @param source    the file the user gave: an image, a PDF; for a pasted image, the PNG saved beside the conversation
 * @param imageFile the image the model sees: the file itself, or the rendered PDF page
 * @param page      1-based PDF page; 0 for images
 * @param pageCount pages of the PDF; 0 for images
 */
public record Attachment(Kind kind, Path source, Path imageFile, int page, int pageCount) {
    public enum Kind { IMAGE, PDF_PAGE, PASTED }

    public static Attachment image(Path file) {
        return new Attachment(Kind.IMAGE, file, file, 0, 0);
    }

    public boolean isPdf() {
        return kind == Kind.PDF_PAGE;
    }

    /** "chart.png", "report.pdf, page 2 of 5", "pasted image". */
    public String label() {
        return switch (kind) {
            case IMAGE -> source.getFileName().toString();
            case PDF_PAGE -> source.getFileName() + ", page " + page + " of " + pageCount;
            case PASTED -> "pasted image";
        };
    }
}
