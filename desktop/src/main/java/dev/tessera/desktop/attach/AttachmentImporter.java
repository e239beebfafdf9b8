package dev.tessera.desktop.attach;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Turns what was dropped, pasted or chosen into attachments: images as they are, PDFs as their first page
 * (rendered beside the conversation), clipboard pictures saved as PNG beside the conversation. UI-free and
 * slow for PDFs: call it on a background thread.
 */
public final class AttachmentImporter {
    /** What came of an import: the attachments, and one line per file refused. */
    public record Result(List<Attachment> attachments, List<String> refused) {}

    private final Path storeDir;

    /** @param storeDir where rendered pages and pasted images go (the conversation's own folder) */
    public AttachmentImporter(Path storeDir) {
        this.storeDir = storeDir;
    }

    public Result importFiles(List<Path> files) {
        List<Attachment> ok = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                refused.add(f.getFileName() + ": not a file");
            } else if (FileKinds.isImage(f)) {
                ok.add(Attachment.image(f));
            } else if (FileKinds.isPdf(f)) {
                try {
                    int pages = PdfPages.pageCount(f);
                    if (pages == 0) refused.add(f.getFileName() + ": the PDF has no pages");
                    else ok.add(new Attachment(Attachment.Kind.PDF_PAGE, f, PdfPages.render(f, 1, storeDir), 1, pages));
                } catch (UnreadableFileException e) {
                    refused.add(e.getMessage());
                }
            } else {
                refused.add(f.getFileName() + ": not an image or a PDF (" + String.join(", ", FileKinds.IMAGE_EXTENSIONS) + ", pdf)");
            }
        }
        return new Result(ok, refused);
    }

    /** The same PDF attachment showing another page. */
    public Attachment withPage(Attachment pdf, int page) {
        if (!pdf.isPdf()) throw new IllegalArgumentException(pdf.label() + " is not a PDF");
        return new Attachment(pdf.kind(), pdf.source(), PdfPages.render(pdf.source(), page, storeDir), page, pdf.pageCount());
    }

    /** Saves a clipboard picture as PNG beside the conversation. */
    public Attachment importPasted(BufferedImage image) {
        try {
            Files.createDirectories(storeDir);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
            Path out = storeDir.resolve("pasted-" + stamp + ".png");
            if (!ImageIO.write(image, "png", out.toFile())) throw new IOException("no PNG writer");
            return new Attachment(Attachment.Kind.PASTED, out, out, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the pasted image: " + e.getMessage(), e);
        }
    }
}
