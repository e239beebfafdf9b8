package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;

/**
 * The RIFF container of a WebP file: "RIFF", the size of everything after those 8 bytes (little-endian), "WEBP",
 * then the first chunk's tag and size. The lossless (VP8L) reader pads a short bit stream with zeros and returns
 * an image whose lower part is invented, so a file shorter than its header says is refused here, before decoding.
 */
final class RiffHeader {
    private RiffHeader() {}

    static void checkFitsIn(byte[] head, long fileSize, String file) {
        if (head.length < 20) throw new BadInputException(file + ": truncated WebP file (" + fileSize + " bytes, no chunk header)");
        long riffEnd = 8 + u32le(head, 4);
        long chunkEnd = 20 + u32le(head, 16);
        long needed = Math.max(riffEnd, chunkEnd);
        if (needed > fileSize) {
            throw new BadInputException(file + ": truncated WebP file (the header declares " + needed + " bytes, the file has "
                    + fileSize + ")");
        }
    }

    private static long u32le(byte[] p, int at) {
        return p[at] & 0xFFL | (p[at + 1] & 0xFFL) << 8 | (p[at + 2] & 0xFFL) << 16 | (p[at + 3] & 0xFFL) << 24;
    }
}
