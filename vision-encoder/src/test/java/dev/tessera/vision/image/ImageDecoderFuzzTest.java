package dev.tessera.vision.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the image decoding entry point with whole files, seeded with a tiny valid image of every supported
 * format: a decoded image whose buffers match its size, or a BadInputException naming the file. Hand-made
 * broken files: {@link BrokenImageTest}.
 */
class ImageDecoderFuzzTest {
    @MethodSource("images")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] bytes) {
        var file = FuzzContract.write("image/input.img", bytes); // no telling extension: the content decides
        DecodedImage image = FuzzContract.parse(() -> ImageDecoder.decode(file));
        if (image == null) return;
        long pixels = (long) image.width() * image.height();
        if (image.width() <= 0 || image.height() <= 0 || image.rgb().length != 3 * pixels
                || (image.alpha() != null && image.alpha().length != pixels)) {
            throw new AssertionError("inconsistent image: " + image);
        }
    }

    /** 5x3 noise in each format (two JPEG flavours, palette GIF, lossless WebP): a few hundred bytes each. */
    static List<byte[]> images() throws IOException {
        BufferedImage rgb = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        BufferedImage argb = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                rgb.setRGB(x, y, 0x10204 * (x + 7 * y) ^ 0x5A3C96);
                argb.setRGB(x, y, (x * 60) << 24 | 0x10204 * (x + 7 * y));
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (String format : new String[] {"png", "jpeg", "gif", "bmp", "tiff"}) out.add(TestImages.encode(rgb, format));
        out.add(TestImages.encode(argb, "png"));
        out.add(TestImages.jpegOfRaster(null, rgb, true));
        out.add(TestImages.webpLossless(5, 3, 200, 10, 128, (x, y) -> (x + y) % 2 == 0));
        return out;
    }
}
