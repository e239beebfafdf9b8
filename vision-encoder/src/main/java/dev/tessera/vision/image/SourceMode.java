package dev.tessera.vision.image;

/**
 * What the pixels of a decoded image were in the file, in Pillow's terms. The Hugging Face processor uses an
 * {@code RGB} image as it is and composites every other mode over white, so preprocessing needs to know the
 * mode, not just the colours.
 */
public enum SourceMode {
    /** Three colour channels, no alpha (also CMYK/YCCK and other colour spaces, converted to sRGB). */
    RGB(false),
    /** Colour with an alpha channel. */
    RGBA(true),
    /** Grey levels only; decoded with R = G = B. */
    L(false),
    /** Grey levels with alpha. */
    LA(true),
    /** Palette image without transparency (GIF, 1/2/4/8-bit PNG and BMP). */
    P(false),
    /** Palette image whose palette carries transparency (GIF transparent index, PNG {@code tRNS}). */
    PA(true);

    private final boolean hasAlpha;

    SourceMode(boolean hasAlpha) {
        this.hasAlpha = hasAlpha;
    }

    /** Whether images of this mode carry an alpha plane. */
    public boolean hasAlpha() {
        return hasAlpha;
    }
}
