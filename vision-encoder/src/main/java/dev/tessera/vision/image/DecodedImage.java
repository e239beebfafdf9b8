package dev.tessera.vision.image;

import java.util.Objects;

/**
 * A decoded image: 8-bit samples as the file stored them (no colour management, like Pillow), upright (JPEG
 * EXIF orientation applied), plus where they came from.
 *
 * <p>Pixels are kept as bytes rather than packed ints because a 50-megapixel photo is 150 MB this way and
 * 200 MB as ARGB ints. The arrays are shared, not copied: treat them as read-only.
 */
public final class DecodedImage {
    private final int width;
    private final int height;
    private final SourceMode mode;
    private final byte[] rgb;       // (height, width, 3) interleaved R, G, B; grey images have R = G = B
    private final byte[] alpha;     // (height, width), null unless mode.hasAlpha()
    private final ImageFormat format;  // null for images built in memory
    private final int subsampling;     // 1 = full resolution; n = every n-th pixel of every n-th row was read
    private final int exifOrientation; // the EXIF orientation (1..8) that was applied; 1 = none

    private DecodedImage(int width, int height, SourceMode mode, byte[] rgb, byte[] alpha, ImageFormat format,
                         int subsampling, int exifOrientation) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected 3*" + width + "*" + height);
        }
        if (mode.hasAlpha() != (alpha != null)) {
            throw new IllegalArgumentException("mode " + mode + (mode.hasAlpha() ? " needs" : " takes no") + " alpha");
        }
        if (alpha != null && alpha.length != (long) width * height) {
            throw new IllegalArgumentException("alpha holds " + alpha.length + " bytes, expected " + width + "*" + height);
        }
        this.width = width;
        this.height = height;
        this.mode = mode;
        this.rgb = rgb;
        this.alpha = alpha;
        this.format = format;
        this.subsampling = subsampling;
        this.exifOrientation = exifOrientation;
    }

    /**
     * An image built in memory.
     *
     * @param rgb   (height, width, 3) interleaved samples
     * @param alpha (height, width) alpha samples if {@code mode.hasAlpha()}, else null
     */
    public static DecodedImage of(int width, int height, SourceMode mode, byte[] rgb, byte[] alpha) {
        return new DecodedImage(width, height, mode, rgb, alpha, null, 1, 1);
    }

    static DecodedImage decoded(int width, int height, SourceMode mode, byte[] rgb, byte[] alpha,
                                ImageFormat format, int subsampling, int exifOrientation) {
        return new DecodedImage(width, height, mode, rgb, alpha, format, subsampling, exifOrientation);
    }

    DecodedImage withPixels(int newWidth, int newHeight, byte[] newRgb, byte[] newAlpha, int orientation) {
        return new DecodedImage(newWidth, newHeight, mode, newRgb, newAlpha, format, subsampling, orientation);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public SourceMode mode() {
        return mode;
    }

    /** (height, width, 3) interleaved R, G, B bytes. Shared, do not modify. */
    public byte[] rgb() {
        return rgb;
    }

    /** (height, width) alpha bytes, or null when {@link SourceMode#hasAlpha()} is false. Shared, do not modify. */
    public byte[] alpha() {
        return alpha;
    }

    /** The file format, or null for an image built in memory. */
    public ImageFormat format() {
        return format;
    }

    /** 1 when decoded at full resolution; n when only every n-th pixel of every n-th row was read (huge files). */
    public int subsampling() {
        return subsampling;
    }

    /** The EXIF orientation (1..8) that was applied to make the image upright; 1 when none. */
    public int exifOrientation() {
        return exifOrientation;
    }

    /** The colour at (x, y) as 0xRRGGBB, ignoring alpha. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }

    /** The alpha at (x, y), 255 for modes without alpha. */
    public int alphaAt(int x, int y) {
        return alpha == null ? 255 : alpha[y * width + x] & 0xFF;
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + " " + mode + (format == null ? "" : " from " + format.displayName())
                + (subsampling == 1 ? "" : ", subsampled 1/" + subsampling)
                + (exifOrientation == 1 ? "" : ", EXIF orientation " + exifOrientation) + "]";
    }
}
