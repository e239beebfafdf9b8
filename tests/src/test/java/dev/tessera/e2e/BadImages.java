package dev.tessera.e2e;

import dev.tessera.vision.image.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Broken image files of every supported format (JPEG, PNG, GIF, BMP, TIFF, WebP) and of formats Tessera does
 * not read, built from a small valid image of each format so that exactly one thing is wrong with each.
 */
final class BadImages {
    /** A file to write as {@code fileName}; the refusal must mention {@code mustContain}. */
    record Image(String what, String fileName, byte[] bytes, String... mustContain) {}

    private BadImages() {}

    static List<Image> all() throws IOException {
        BufferedImage noise = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) noise.setRGB(x, y, random.nextInt());
        byte[] png = TestImages.encode(noise, "png"), jpeg = TestImages.encode(noise, "jpeg"),
                gif = TestImages.encode(noise, "gif"), bmp = TestImages.encode(noise, "bmp"),
                tiff = TestImages.encode(noise, "tiff"),
                webp = TestImages.webpLossless(64, 48, 10, 20, 255, (x, y) -> ((x ^ y) & 1) == 0);

        List<Image> out = new ArrayList<>();
        out.add(new Image("empty file", "empty.png", new byte[0], "empty"));
        String[][] formats = {{"png", "PNG"}, {"jpg", "JPEG"}, {"gif", "GIF"}, {"bmp", "BMP"}, {"tiff", "TIFF"}, {"webp", "WebP"}};
        byte[][] valid = {png, jpeg, gif, bmp, tiff, webp};
        for (int i = 0; i < formats.length; i++) {
            out.add(new Image(formats[i][1] + " truncated to half", "half." + formats[i][0],
                    Arrays.copyOf(valid[i], valid[i].length / 2)));
        }
        out.add(new Image("PNG with a corrupt IDAT chunk (zlib stream garbage)", "corrupt-idat.png", corruptIdat(png)));
        out.add(new Image("JPEG with a corrupt quantisation table marker", "corrupt-dqt.jpg", corruptMarker(jpeg, 0xDB),
                "corrupt JPEG data"));
        out.add(new Image("GIF with an invalid LZW code size", "corrupt-lzw.gif", corruptGifLzw(gif)));
        out.add(new Image("BMP with 7 bits per pixel", "corrupt-bpp.bmp", withByte(bmp, 28, 7)));
        out.add(new Image("TIFF whose first IFD lies past the end", "corrupt-ifd.tiff", tiffIfdPastEnd(tiff)));
        out.add(new Image("WebP with a wrong VP8L signature", "corrupt-vp8l.webp", withByte(webp, 20, 0x00)));
        out.add(new Image("WebP whose bit stream ends at once (37 bytes declaring 4229x513; a fuzz finding)", "short-stream.webp",
                java.util.Base64.getDecoder().decode("UklGRhwAAABXRUJQVlA4TA8AAAAvhBCAABA4wH+Rq1DAqKoCAA=="),
                "the data ends before the image does"));
        out.add(new Image("PNG header claiming 60000x60000", "liar.png", TestImages.pngHeaderOnly(60000, 60000), "60000x60000"));
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        junk[0] = 0x13; // not by chance a signature
        out.add(new Image("random bytes", "noise.jpg", junk, "not an image"));
        out.add(new Image("text file with an image extension", "notes.png",
                "shopping list: eggs\n".getBytes(StandardCharsets.UTF_8), "not an image"));
        out.add(new Image("SVG", "drawing.svg", ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"10\" height=\"10\"/>").getBytes(StandardCharsets.UTF_8), "SVG"));
        out.add(new Image("HEIC", "photo.heic", heicHeader(), "HEIC"));
        return out;
    }

    /** Garbles the zlib stream in the first IDAT chunk (CRC fixed up so only the pixel data is wrong). */
    private static byte[] corruptIdat(byte[] png) {
        byte[] b = png.clone();
        int at = indexOf(b, "IDAT".getBytes(StandardCharsets.US_ASCII));
        int len = ((b[at - 4] & 0xFF) << 24) | ((b[at - 3] & 0xFF) << 16) | ((b[at - 2] & 0xFF) << 8) | (b[at - 1] & 0xFF);
        for (int i = at + 4; i < at + 4 + Math.min(len, 64); i++) b[i] = (byte) 0xFF;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, at, 4 + len);
        int c = (int) crc.getValue(), end = at + 4 + len;
        b[end] = (byte) (c >>> 24);
        b[end + 1] = (byte) (c >>> 16);
        b[end + 2] = (byte) (c >>> 8);
        b[end + 3] = (byte) c;
        return b;
    }

    /** Gives the first segment with this marker a length of 2 (no payload), so the table it holds is missing. */
    private static byte[] corruptMarker(byte[] jpeg, int marker) {
        byte[] b = jpeg.clone();
        for (int i = 2; i < b.length - 4; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                b[i + 2] = 0;
                b[i + 3] = 2;
                return b;
            }
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
    }

    /** Sets the LZW minimum code size after the first image descriptor (0x2C) to 15, beyond GIF's 12-bit codes. */
    private static byte[] corruptGifLzw(byte[] gif) {
        int packed = gif[10] & 0xFF;
        int at = 13 + ((packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0);
        while ((gif[at] & 0xFF) != 0x2C) at += (gif[at] & 0xFF) == 0x21 ? skipExtension(gif, at) : 1;
        int descriptor = at, local = gif[descriptor + 9] & 0xFF;
        int lzw = descriptor + 10 + ((local & 0x80) != 0 ? 3 * (1 << ((local & 7) + 1)) : 0);
        return withByte(gif, lzw, 15);
    }

    private static int skipExtension(byte[] gif, int at) {
        int i = at + 2;
        while ((gif[i] & 0xFF) != 0) i += (gif[i] & 0xFF) + 1;
        return i + 1 - at;
    }

    /** A TIFF whose header points the first IFD a megabyte past the end of the file. */
    private static byte[] tiffIfdPastEnd(byte[] tiff) {
        byte[] b = tiff.clone();
        int off = b.length + (1 << 20);
        boolean little = b[0] == 'I';
        for (int k = 0; k < 4; k++) b[4 + (little ? k : 3 - k)] = (byte) (off >>> (8 * k));
        return b;
    }

    /** The start of an ISO-BMFF file whose ftyp box names the HEIC brand. */
    private static byte[] heicHeader() {
        byte[] box = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(box, box.length + 64);
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] b = bytes.clone();
        b[at] = (byte) value;
        return b;
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) if (b[i + k] != what[k]) continue outer;
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
