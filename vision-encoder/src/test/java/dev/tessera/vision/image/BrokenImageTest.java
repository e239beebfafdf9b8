package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What cannot be read is refused with one line naming the file - never a raw ImageIO exception. */
class BrokenImageTest {
    @TempDir
    Path dir;

    private String refused(Path file, String... expectedWords) {
        BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.decode(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), "names the file: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        for (String word : expectedWords) assertTrue(message.contains(word), "mentions '" + word + "': " + message);
        return message;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt());
        return image;
    }

    @Test
    void emptyFile() throws IOException {
        refused(file("empty.png", new byte[0]), "empty");
    }

    @Test
    void missingFileAndDirectory() {
        refused(dir.resolve("nowhere.jpg"), "not found");
        refused(dir, "directory");
    }

    @Test
    void truncatedFiles() throws IOException {
        BufferedImage image = noise(200, 150);
        for (String format : new String[]{"png", "jpeg", "gif", "bmp", "tiff"}) {
            byte[] whole = TestImages.encode(image, format);
            for (double keep : new double[]{0.05, 0.5, 0.9}) {
                byte[] cut = Arrays.copyOf(whole, (int) (whole.length * keep));
                refused(file("cut-" + keep + "." + format, cut), "truncated");
            }
        }
    }

    /**
     * The lossless WebP reader pads a short bit stream with zeros and returns an image with an invented lower
     * part (the bad-input corpus found it): the RIFF sizes are checked against the file first.
     */
    @Test
    void truncatedWebP() throws IOException {
        byte[] whole = TestImages.webpLossless(64, 48, 10, 20, 255, (x, y) -> ((x ^ y) & 1) == 0);
        ImageDecoder.decode(file("whole.webp", whole)); // the intact file decodes
        for (int keep : new int[]{whole.length / 2, whole.length - 1, 19}) {
            refused(file("cut-" + keep + ".webp", Arrays.copyOf(whole, keep)), "truncated WebP file");
        }
    }

    /**
     * Found by ImageDecoderFuzzTest#decode (timeout-cbee6957...): 37 bytes declaring 4229x513 pixels, its RIFF
     * sizes consistent, whose bit stream ends at once; the reader went on for minutes. Now one line, at once.
     */
    @Test
    void webPWhoseBitStreamEndsEarly() throws IOException {
        byte[] bytes = java.util.Base64.getDecoder().decode("UklGRhwAAABXRUJQVlA4TA8AAAAvhBCAABA4wH+Rq1DAqKoCAA==");
        long t0 = System.nanoTime();
        refused(file("short-stream.webp", bytes), "WebP", "the data ends before the image does");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused promptly");
    }

    @Test
    void tiffWithoutAnImage() throws IOException {
        byte[] tiff = TestImages.encode(noise(20, 10), "tiff");
        int off = tiff.length + 4096;
        boolean little = tiff[0] == 'I';
        for (int k = 0; k < 4; k++) tiff[4 + (little ? k : 3 - k)] = (byte) (off >>> (8 * k));
        refused(file("no-ifd.tiff", tiff), "corrupt TIFF (the file holds no readable image)");
    }

    @Test
    void randomBytesAndText() throws IOException {
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        random[0] = 0x13; // not by chance a signature
        refused(file("noise.jpg", random), "not an image", "supported: JPEG, PNG, GIF, BMP, TIFF, WebP");
        refused(file("notes.png", "just some notes\n".getBytes(StandardCharsets.UTF_8)), "text, not an image");
    }

    @Test
    void unsupportedFormatsAreNamed() throws IOException {
        String svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
        refused(file("drawing.svg", svg.getBytes(StandardCharsets.UTF_8)), "unsupported image format (SVG)");
        refused(file("photo.heic", isoHeader("heic", "mif1", "heic")), "unsupported image format (HEIC)",
                "supported: JPEG, PNG, GIF, BMP, TIFF, WebP");
        refused(file("photo.jpg", isoHeader("mif1", "mif1", "avif")), "(AVIF)");
        refused(file("scan.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)), "(PDF document)");
    }

    /** The start of an ISO-BMFF file: an ftyp box with a major brand and compatible brands. */
    private static byte[] isoHeader(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        StringBuilder box = new StringBuilder("ftyp").append(major).append("\0\0\0\0");
        for (String brand : compatible) box.append(brand);
        byte[] bytes = new byte[size + 32];
        bytes[3] = (byte) size;
        byte[] text = box.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, bytes, 4, text.length);
        return bytes;
    }

    @Test
    void pngHeaderClaimingHugeDimensionsIsRefusedBeforeAllocating() throws IOException {
        long before = usedHeap();
        refused(file("liar.png", TestImages.pngHeaderOnly(60000, 60000)), "60000x60000");
        assertTrue(usedHeap() - before < 256L << 20, "no large allocation");
    }

    @Test
    void jpegHeaderClaimingHugeDimensions() throws IOException {
        byte[] jpeg = TestImages.jpegOfRaster(null, noise(16, 16), false);
        for (int i = 2; i < jpeg.length - 8; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: length, precision, height, width
                jpeg[i + 5] = (byte) 0xEA;
                jpeg[i + 6] = 0x60;
                jpeg[i + 7] = (byte) 0xEA;
                jpeg[i + 8] = 0x60;
                break;
            }
        }
        refused(file("liar.jpg", jpeg), "JPEG");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
