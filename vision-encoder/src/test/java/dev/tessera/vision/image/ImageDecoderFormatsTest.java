package dev.tessera.vision.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every supported format and the sample layouts that need care, on images the tests write themselves. */
class ImageDecoderFormatsTest {
    @TempDir
    Path dir;

    /** A 64x32 image with four solid quadrants: red, green / blue, white. */
    static BufferedImage quadrants() {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, y < 16 ? (x < 32 ? 0xFF0000 : 0x00FF00) : (x < 32 ? 0x0000FF : 0xFFFFFF));
            }
        }
        return image;
    }

    static void assertColourNear(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xFF, a = actual >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= 40, what + ": expected about " + Integer.toHexString(expected) + ", got "
                    + Integer.toHexString(actual));
        }
    }

    @Test
    void losslessFormatsDecodeExactly() throws IOException {
        BufferedImage source = quadrants();
        source.setRGB(5, 7, 0x123456);
        for (String format : new String[]{"png", "bmp", "tiff"}) {
            DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("q." + format), TestImages.encode(source, format)));
            assertEquals(SourceMode.RGB, image.mode(), format);
            assertEquals(64, image.width(), format);
            assertEquals(32, image.height(), format);
            assertEquals(0x123456, image.rgbAt(5, 7), format);
            assertEquals(0xFFFFFF, image.rgbAt(63, 31), format);
            assertEquals(ImageFormat.valueOf(format.toUpperCase()), image.format());
        }
    }

    @Test
    void baselineAndProgressiveJpeg() throws IOException {
        for (boolean progressive : new boolean[]{false, true}) {
            byte[] jpeg = TestImages.jpegOfRaster(null, quadrants(), progressive);
            DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("p" + progressive + ".jpg"), jpeg));
            assertEquals(SourceMode.RGB, image.mode());
            assertEquals(64, image.width());
            assertColourNear(0xFF0000, image.rgbAt(4, 4), "red quadrant");
            assertColourNear(0xFFFFFF, image.rgbAt(60, 28), "white quadrant");
        }
    }

    @Test
    void cmykAndYcckJpegBecomeRgb() throws IOException {
        // Adobe JPEGs store CMYK inverted: 255 = no ink. Cyan and yellow absent, magenta full, no black.
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) cmyk.setPixel(x, y, new int[]{255, 0, 255, 255});
        }
        byte[] plain = TestImages.jpegOfRaster(cmyk, null, false);
        DecodedImage magenta = ImageDecoder.decode(TestImages.write(dir.resolve("cmyk.jpg"),
                TestImages.insertAfterSoi(plain, TestImages.adobeSegment(0))));
        assertEquals(SourceMode.RGB, magenta.mode());
        int rgb = magenta.rgbAt(10, 8);
        assertTrue((rgb >> 16) > 180 && (rgb >> 8 & 0xFF) < 90 && (rgb & 0xFF) > 100, "magenta, got " + Integer.toHexString(rgb));

        DecodedImage ycck = ImageDecoder.decode(TestImages.write(dir.resolve("ycck.jpg"),
                TestImages.insertAfterSoi(plain, TestImages.adobeSegment(2))));
        assertEquals(SourceMode.RGB, ycck.mode());
        assertEquals(32, ycck.width());
    }

    @Test
    void sixteenBitPngKeepsTheHighByte() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[]{16, 16, 16}, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        raster.setPixel(3, 2, new int[]{0xABCD, 0x12FF, 0xFF00});
        DecodedImage rgb = ImageDecoder.decode(TestImages.write(dir.resolve("rgb16.png"),
                TestImages.encode(new BufferedImage(model, raster, false, null), "png")));
        assertEquals(SourceMode.RGB, rgb.mode());
        assertEquals(0xAB12FF, rgb.rgbAt(3, 2));

        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(1, 1, 0, 0x80FF);
        DecodedImage l = ImageDecoder.decode(TestImages.write(dir.resolve("grey16.png"), TestImages.encode(grey, "png")));
        assertEquals(SourceMode.L, l.mode());
        assertEquals(0x808080, l.rgbAt(1, 1));
    }

    @Test
    void greyIsReadRawNotGammaConverted() throws IOException {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 3, 0, 100);
        DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("grey.png"), TestImages.encode(grey, "png")));
        assertEquals(SourceMode.L, image.mode());
        assertEquals(0x646464, image.rgbAt(2, 3)); // Java2D's getRGB would give 0xA8A8A8
    }

    @Test
    void palettePngWithTransparencyKeepsPaletteAlpha() throws IOException {
        IndexColorModel palette = new IndexColorModel(8, 3, new byte[]{(byte) 255, 0, 10}, new byte[]{0, 0, 20},
                new byte[]{0, (byte) 255, 30}, new byte[]{(byte) 255, 0, (byte) 128});
        BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSample(1, 1, 0, 1);
        image.getRaster().setSample(2, 1, 0, 2);
        DecodedImage decoded = ImageDecoder.decode(TestImages.write(dir.resolve("pal.png"), TestImages.encode(image, "png")));
        assertEquals(SourceMode.PA, decoded.mode());
        assertEquals(0xFF0000, decoded.rgbAt(0, 0));
        assertEquals(255, decoded.alphaAt(0, 0));
        assertEquals(0, decoded.alphaAt(1, 1));
        assertEquals(0x0A141E, decoded.rgbAt(2, 1));
        assertEquals(128, decoded.alphaAt(2, 1));
    }

    @Test
    void lowBitDepthGreyScalesLikePillow() throws IOException {
        byte[] levels = {0, 85, (byte) 170, (byte) 255};
        Path file = dir.resolve("grey2.png");
        TestImages.writePng(file, 4, 1, 2, 0, y -> new byte[]{(byte) 0b00011011});
        DecodedImage image = ImageDecoder.decode(file);
        for (int x = 0; x < 4; x++) assertEquals((levels[x] & 0xFF) * 0x010101, image.rgbAt(x, 0), "level " + x);
    }

    @Test
    void truecolourPngWithColourKeyStaysRgbLikePillow() throws IOException {
        Path file = dir.resolve("trns.png");
        // Pixel (0,0) is the tRNS colour key (10, 20, 30); Pillow opens this as RGB and the processor keeps it.
        TestImages.writePng(file, 2, 1, 8, 2, y -> new byte[]{10, 20, 30, 40, 50, 60},
                "tRNS", new byte[]{0, 10, 0, 20, 0, 30});
        DecodedImage image = ImageDecoder.decode(file);
        assertEquals(SourceMode.RGB, image.mode());
        assertEquals(0x0A141E, image.rgbAt(0, 0));
    }

    @Test
    void animatedGifGivesTheFirstFrame() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int colour : new int[]{0xFF0000, 0x0000FF}) {
                BufferedImage frame = new BufferedImage(10, 6, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 6; y++) for (int x = 0; x < 10; x++) frame.setRGB(x, y, colour);
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("anim.gif"), bytes.toByteArray()));
        assertEquals(10, image.width());
        assertEquals(0xFF0000, image.rgbAt(9, 5));
    }

    @Test
    void losslessWebpWithAlpha() throws IOException {
        byte[] webp = TestImages.webpLossless(16, 8, 10, 20, 128, (x, y) -> (x / 4 + y / 4) % 2 == 1);
        DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("a.webp"), webp));
        assertEquals(ImageFormat.WEBP, image.format());
        assertEquals(SourceMode.RGBA, image.mode());
        assertEquals(16, image.width());
        assertEquals(8, image.height());
        assertEquals(0x0A0014, image.rgbAt(0, 0));
        assertEquals(0x0AFF14, image.rgbAt(4, 0));
        assertEquals(128, image.alphaAt(4, 0));
    }

    @Test
    void onePixelImage() throws IOException {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        one.setRGB(0, 0, 0x336699);
        DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("one.png"), TestImages.encode(one, "png")));
        assertEquals(1, image.width());
        assertEquals(1, image.height());
        assertEquals(0x336699, image.rgbAt(0, 0));
    }

    @Test
    void theContentDecidesTheFormatNotTheName() throws IOException {
        Path file = TestImages.write(dir.resolve("photo.jpg"), TestImages.encode(quadrants(), "png"));
        DecodedImage image = ImageDecoder.decode(file);
        assertEquals(ImageFormat.PNG, image.format());
        assertEquals(0x00FF00, image.rgbAt(40, 3));
    }

    @Test
    void decodingLeavesTheFileUntouched() throws IOException {
        byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpegOfRaster(null, quadrants(), false), TestImages.exifSegment(6, true));
        Path file = TestImages.write(dir.resolve("keep.jpg"), jpeg);
        FileTime old = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(file, old);
        ImageDecoder.decode(file);
        assertArrayEquals(jpeg, Files.readAllBytes(file));
        assertEquals(old, Files.getLastModifiedTime(file));
    }
}
