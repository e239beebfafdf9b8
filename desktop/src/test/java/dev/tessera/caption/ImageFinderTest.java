package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.engine.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFinderTest {
    @TempDir
    Path tmp;

    @Test
    void findsImagesByContentOrNameSkipsTheRest() throws Exception {
        Path a = TestImages.write(tmp.resolve("a.jpg"), "jpg", 8, 8, 1);
        Path noExt = TestImages.write(tmp.resolve("download"), "png", 8, 8, 2);  // found by content
        Path misnamed = TestImages.write(tmp.resolve("photo.dat"), "png", 8, 8, 3);
        Path heic = TestImages.writeHeic(tmp.resolve("IMG_9.bin"));              // an image, if an unreadable one
        Path fakeJpg = Files.writeString(tmp.resolve("broken.jpeg"), "oops");     // named as one: reported later
        Path nested = TestImages.write(tmp.resolve("sub/deeper/b.png"), "png", 8, 8, 4);
        TestImages.write(tmp.resolve(".thumbnails/t.png"), "png", 8, 8, 5);      // hidden folder
        TestImages.write(tmp.resolve(".hidden.png"), "png", 8, 8, 6);
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        Files.writeString(tmp.resolve("a.jpg.xmp"), "<x/>");
        Files.writeString(tmp.resolve("captions.jsonl"), "{}\n");

        assertEquals(List.of(heic, a, fakeJpg, noExt, misnamed), ImageFinder.find(List.of(tmp), false).images());
        assertEquals(List.of(heic, a, fakeJpg, noExt, misnamed, nested), ImageFinder.find(List.of(tmp), true).images());
        // A file named on the command line is taken as it is; the same image twice counts once.
        Path note = tmp.resolve("notes.txt");
        assertEquals(List.of(a, note), ImageFinder.find(List.of(note, a, tmp.resolve("./a.jpg")), false).images());
        assertThrows(BadInputException.class, () -> ImageFinder.find(List.of(tmp.resolve("missing")), true));
    }
}
