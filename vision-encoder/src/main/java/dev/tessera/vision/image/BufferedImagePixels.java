package dev.tessera.vision.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a {@link BufferedImage} from an ImageIO reader into 8-bit samples the way Pillow would see the file.
 *
 * <p>Samples are read raw from the raster, never through {@code getRGB}: Java2D treats grey images as linear
 * and would gamma-shift every grey level, and it would apply embedded ICC profiles that Pillow ignores.
 * 16-bit samples keep their high byte, as Pillow's {@code RGB;16B} unpackers do. Samples below 8 bits become
 * {@code v * 255 / max} rounded down, as Pillow's unpackers do (exact for 1/2/4-bit grey, and the rounding of
 * its 5/6-bit {@code BGR;15}/{@code BGR;16} BMP unpackers). Only colour spaces that are neither RGB nor grey
 * (CMYK/YCCK JPEGs, CIELab TIFFs) and float samples go through {@code getRGB}, i.e. are converted to sRGB.
 */
final class BufferedImagePixels {
    private BufferedImagePixels() {
    }

    /** The pixels of one decoded image; {@code alpha} is null unless {@code mode.hasAlpha()}. */
    record Pixels(int width, int height, SourceMode mode, byte[] rgb, byte[] alpha) {
    }

    /**
     * @param dropAlpha true when Pillow would open the file as plain RGB although Java decodes an alpha
     *                  channel (a truecolour PNG with a {@code tRNS} colour key: Pillow keeps it as RGB and the
     *                  processor uses RGB images as they are)
     */
    static Pixels extract(BufferedImage image, boolean dropAlpha) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return palette(image, icm);
        }
        int space = cm.getColorSpace().getType();
        if (isPlainIntegerModel(cm, image.getRaster())) {
            if (space == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
                return components(image, cm, true, dropAlpha);
            }
            if (space == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3) {
                return components(image, cm, false, dropAlpha);
            }
        }
        return viaSrgb(image, dropAlpha);
    }

    private static boolean isPlainIntegerModel(ColorModel cm, Raster raster) {
        if (cm.isAlphaPremultiplied()) return false;
        if (!(cm instanceof ComponentColorModel || cm instanceof DirectColorModel)) return false;
        int type = raster.getDataBuffer().getDataType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) return false;
        if (raster.getNumBands() != cm.getNumComponents()) return false;
        for (int bits : cm.getComponentSize()) {
            if (bits < 1 || bits > 16) return false;
        }
        return true;
    }

    /** Grey or RGB samples, optionally followed by alpha, one raster row at a time. */
    private static Pixels components(BufferedImage image, ColorModel cm, boolean grey, boolean dropAlpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean hasAlpha = cm.hasAlpha() && !dropAlpha;
        int colourBands = grey ? 1 : 3;
        int[][] scale = new int[bands][];
        for (int b = 0; b < bands; b++) {
            scale[b] = scaleTable(cm.getComponentSize(b));
        }
        byte[] rgb = new byte[Math.multiplyExact(3, Math.multiplyExact(w, h))];
        byte[] alpha = hasAlpha ? new byte[w * h] : null;
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int out = y * w * 3;
            for (int x = 0, in = 0; x < w; x++, in += bands, out += 3) {
                if (grey) {
                    byte v = (byte) scale[0][row[in]];
                    rgb[out] = v;
                    rgb[out + 1] = v;
                    rgb[out + 2] = v;
                } else {
                    rgb[out] = (byte) scale[0][row[in]];
                    rgb[out + 1] = (byte) scale[1][row[in + 1]];
                    rgb[out + 2] = (byte) scale[2][row[in + 2]];
                }
                if (hasAlpha) {
                    alpha[y * w + x] = (byte) scale[colourBands][row[in + colourBands]];
                }
            }
        }
        SourceMode mode = grey ? (hasAlpha ? SourceMode.LA : SourceMode.L)
                : (hasAlpha ? SourceMode.RGBA : SourceMode.RGB);
        return new Pixels(w, h, mode, rgb, alpha);
    }

    /** Sample value -> 8 bits for a sample of {@code bits} bits: high byte above 8 bits, scaled down below. */
    private static int[] scaleTable(int bits) {
        int max = (1 << bits) - 1;
        int[] table = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            table[v] = bits >= 8 ? v >>> (bits - 8) : v * 255 / max;
        }
        return table;
    }

    private static Pixels palette(BufferedImage image, IndexColorModel icm) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Indices beyond the palette read as opaque black, as in Pillow's zero-filled 256-entry palette.
        int entries = Math.max(256, icm.getMapSize());
        byte[] reds = new byte[entries];
        byte[] greens = new byte[entries];
        byte[] blues = new byte[entries];
        byte[] alphas = new byte[entries];
        java.util.Arrays.fill(alphas, (byte) 255);
        icm.getReds(reds);
        icm.getGreens(greens);
        icm.getBlues(blues);
        icm.getAlphas(alphas);
        boolean transparent = icm.getTransparency() != java.awt.Transparency.OPAQUE;
        Raster raster = image.getRaster();
        byte[] rgb = new byte[Math.multiplyExact(3, Math.multiplyExact(w, h))];
        byte[] alpha = transparent ? new byte[w * h] : null;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int index = row[x] < entries ? row[x] : 0;
                int out = (y * w + x) * 3;
                rgb[out] = reds[index];
                rgb[out + 1] = greens[index];
                rgb[out + 2] = blues[index];
                if (transparent) alpha[y * w + x] = alphas[index];
            }
        }
        return new Pixels(w, h, transparent ? SourceMode.PA : SourceMode.P, rgb, alpha);
    }

    /** Colour spaces Pillow has no direct equivalent for: let Java2D convert to sRGB. */
    private static Pixels viaSrgb(BufferedImage image, boolean dropAlpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean hasAlpha = image.getColorModel().hasAlpha() && !dropAlpha;
        byte[] rgb = new byte[Math.multiplyExact(3, Math.multiplyExact(w, h))];
        byte[] alpha = hasAlpha ? new byte[w * h] : null;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int out = (y * w + x) * 3;
                rgb[out] = (byte) (argb >> 16);
                rgb[out + 1] = (byte) (argb >> 8);
                rgb[out + 2] = (byte) argb;
                if (hasAlpha) alpha[y * w + x] = (byte) (argb >>> 24);
            }
        }
        return new Pixels(w, h, hasAlpha ? SourceMode.RGBA : SourceMode.RGB, rgb, alpha);
    }
}
