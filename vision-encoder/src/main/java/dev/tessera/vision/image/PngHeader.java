package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;

/**
 * The PNG {@code IHDR} fields that decoding needs before ImageIO sees the file (the chunk is always first, at a
 * fixed offset, so the sniffed head holds it).
 *
 * @param colorType 0 grey, 2 truecolour, 3 palette, 4 grey + alpha, 6 truecolour + alpha
 */
record PngHeader(long width, long height, int bitDepth, int colorType) {

    /**
     * Deflate encodes at most 258 bytes in a 2-bit length/distance pair, so no zlib stream inflates to more than
     * 1032 times its size. 1100 leaves room for chunk overhead and keeps the test exact, not heuristic.
     */
    private static final long MAX_DEFLATE_RATIO = 1100;

    /** The header of a PNG whose first bytes are {@code head}; the caller has checked the signature. */
    static PngHeader parse(byte[] head, String file) {
        if (head.length < 29 || head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
            throw new BadInputException(file + ": truncated or corrupt PNG (no IHDR header)");
        }
        return new PngHeader(u32(head, 16), u32(head, 20), head[24] & 0xFF, head[25] & 0xFF);
    }

    /** A truecolour PNG, which Pillow opens as RGB even when a {@code tRNS} chunk names a transparent colour. */
    boolean isTruecolourWithoutAlphaChannel() {
        return colorType == 2;
    }

    /**
     * Refuses a header whose image data could not fit in the file, before any pixel buffer is allocated: a
     * 57-byte file claiming 60000x60000 pixels is corrupt or truncated, however ImageIO would react to it.
     */
    void checkFitsIn(long fileSize, String file) {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            case 6 -> 4;
            default -> throw new BadInputException(file + ": corrupt PNG (colour type " + colorType + ")");
        };
        if (width == 0 || height == 0) {
            throw new BadInputException(file + ": corrupt PNG (declares " + width + "x" + height + " pixels)");
        }
        long bytesPerRow = (width * channels * bitDepth + 7) / 8; // width < 2^32, channels * bitDepth <= 64
        double rawBytes = (double) height * bytesPerRow;          // up to 2^67: double, not long
        if (rawBytes > (double) fileSize * MAX_DEFLATE_RATIO) {
            throw new BadInputException(file + ": truncated or corrupt PNG (the header declares " + width + "x" + height
                    + " pixels, more than " + fileSize + " bytes can hold)");
        }
    }

    private static long u32(byte[] p, int at) {
        return (p[at] & 0xFFL) << 24 | (p[at + 1] & 0xFFL) << 16 | (p[at + 2] & 0xFFL) << 8 | p[at + 3] & 0xFFL;
    }
}
