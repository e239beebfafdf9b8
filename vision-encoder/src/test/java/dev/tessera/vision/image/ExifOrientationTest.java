package dev.tessera.vision.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static dev.tessera.vision.image.ImageDecoderFormatsTest.assertColourNear;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** JPEG EXIF orientation is applied (a deliberate deviation from the Python reference, see ExifOrientation). */
class ExifOrientationTest {
    private static final int RED = 0xFF0000, GREEN = 0x00FF00, BLUE = 0x0000FF, WHITE = 0xFFFFFF;

    /**
     * The stored image has red top-left, green top-right, blue bottom-left, white bottom-right. For each
     * orientation: the colours that must end up top-left and top-right once the image is upright.
     */
    private static final int[][] CORNERS = {
            null,
            {RED, GREEN},    // 1 as stored
            {GREEN, RED},    // 2 mirrored
            {WHITE, BLUE},   // 3 rotated 180
            {BLUE, WHITE},   // 4 flipped
            {RED, BLUE},     // 5 transposed
            {BLUE, RED},     // 6 rotated 90 clockwise (the usual portrait phone photo)
            {WHITE, GREEN},  // 7 transversed
            {GREEN, WHITE},  // 8 rotated 90 counter-clockwise
    };

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationEndsUpright(int orientation) throws IOException {
        for (boolean littleEndian : new boolean[]{true, false}) {
            byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpegOfRaster(null, ImageDecoderFormatsTest.quadrants(), false),
                    TestImages.exifSegment(orientation, littleEndian));
            DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("o" + orientation + ".jpg"), jpeg));
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 32 : 64, image.width(), "width");
            assertEquals(swapped ? 64 : 32, image.height(), "height");
            assertEquals(orientation, image.exifOrientation());
            assertColourNear(CORNERS[orientation][0], image.rgbAt(3, 3), "top-left of orientation " + orientation);
            assertColourNear(CORNERS[orientation][1], image.rgbAt(image.width() - 4, 3), "top-right of orientation " + orientation);
        }
    }

    @Test
    void orientationSixSwapsTheSidesOfAPortraitPhoto() throws IOException {
        byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpegOfRaster(null, ImageDecoderFormatsTest.quadrants(), false),
                TestImages.exifSegment(6, false));
        DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("portrait.jpg"), jpeg));
        assertEquals(32, image.width());
        assertEquals(64, image.height());
        assertColourNear(WHITE, image.rgbAt(3, 60), "bottom-left");
    }

    @Test
    void brokenExifIsIgnoredNotFatal() throws IOException {
        byte[] segment = TestImages.exifSegment(6, true);
        segment[4 + 6] = 'X'; // break the TIFF byte-order mark after the Exif header
        byte[] garbage = {(byte) 0xFF, (byte) 0xE1, 0, 10, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I'};
        for (byte[] bad : new byte[][]{segment, garbage}) {
            byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpegOfRaster(null, ImageDecoderFormatsTest.quadrants(), false), bad);
            DecodedImage image = ImageDecoder.decode(TestImages.write(dir.resolve("bad-exif.jpg"), jpeg));
            assertEquals(64, image.width());
            assertEquals(1, image.exifOrientation());
        }
    }

    @Test
    void orientationIsReadFromBothByteOrders() {
        for (int o = 1; o <= 8; o++) {
            for (boolean little : new boolean[]{true, false}) {
                byte[] segment = TestImages.exifSegment(o, little);
                assertEquals(o, ExifOrientation.orientationFromTiff(segment, 4 + 6));
            }
        }
    }
}
