package dev.tessera.desktop.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.support.TestPdfs;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentImporterTest {
    @TempDir
    Path dir;

    @Test
    void dropTakesImagesAndPdfsOnly() throws Exception {
        Path png = Files.createFile(dir.resolve("a.PNG"));
        Path txt = Files.createFile(dir.resolve("notes.txt"));
        assertTrue(DropHandler.accepts(List.of(txt.toFile(), png.toFile()), null, false));
        assertFalse(DropHandler.accepts(List.of(txt.toFile()), null, false));
        assertTrue(DropHandler.accepts(List.of(), null, true), "a picture dragged from a browser");
        assertTrue(DropHandler.accepts(null, png.toUri().toString(), false), "a file: URL");
        assertEquals(List.of(png), DropHandler.paths(List.of(png.toFile(), new File(png.toString())), png.toUri().toString()),
                "duplicates dropped");
    }

    @Test
    void importsImagesRendersPdfPagesAndRefusesTheRest() throws Exception {
        Path store = dir.resolve("conv");
        Path png = dir.resolve("chart.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Path pdf = TestPdfs.quarterlyReport(dir.resolve("report.pdf"));
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hi");
        var importer = new AttachmentImporter(store);

        var r = importer.importFiles(List.of(png, pdf, txt, dir.resolve("gone.jpg")));
        assertEquals(2, r.attachments().size());
        assertEquals(Attachment.image(png), r.attachments().get(0));
        Attachment page = r.attachments().get(1);
        assertEquals("report.pdf, page 1 of 2", page.label());
        assertTrue(page.imageFile().startsWith(store));
        BufferedImage rendered = ImageIO.read(page.imageFile().toFile());
        assertEquals(PdfPages.LONG_SIDE_PX, rendered.getHeight(), "A4 portrait: the height is the long side");
        assertEquals(792, rendered.getWidth(), 1);
        assertEquals(2, r.refused().size(), r.refused().toString());
        assertTrue(r.refused().get(0).startsWith("notes.txt: not an image or a PDF"));

        Attachment page2 = importer.withPage(page, 2);
        assertEquals(2, page2.page());
        assertTrue(Files.isRegularFile(page2.imageFile()));
        assertEquals(page2.imageFile(), importer.withPage(page, 2).imageFile(), "rendered once");

        Attachment pasted = importer.importPasted(new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB));
        assertEquals(Attachment.Kind.PASTED, pasted.kind());
        assertTrue(pasted.imageFile().startsWith(store) && Files.size(pasted.imageFile()) > 0);
    }
}
