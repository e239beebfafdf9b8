package dev.tessera.vision.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of the APP1 {@code Exif} segment) and the transform that
 * makes the image upright.
 *
 * <p><b>Deviation from the reference:</b> the Hugging Face processor and Meta's reference open images with
 * {@code PIL.Image.open}, which ignores EXIF orientation, so a portrait phone photo reaches the model lying on
 * its side. Tessera applies the orientation because the person sees the photo upright in the app and asks
 * about what they see. Images whose orientation is 1 (or absent) are unaffected.
 *
 * <p>Malformed EXIF is ignored (orientation 1): a photo must not be refused over a broken metadata block.
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int MAX_SEGMENTS = 64; // EXIF sits in the first few segments; don't walk a whole file

    private ExifOrientation() {
    }

    /** The orientation 1..8 of a JPEG file; 1 when absent, unreadable or out of range. */
    static int read(Path jpeg) {
        try (InputStream raw = Files.newInputStream(jpeg);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            if (in.readUnsignedShort() != 0xFFD8) return 1;
            for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
                int marker = nextMarker(in);
                if (marker == 0xD9 || marker == 0xDA) return 1; // end of image / start of scan: no EXIF before data
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) continue; // markers without a length
                int length = in.readUnsignedShort();
                if (length < 2) return 1;
                if (marker == 0xE1 && length >= 2 + 6 + 8) {
                    byte[] payload = in.readNBytes(length - 2);
                    if (payload.length == length - 2 && isExifHeader(payload)) {
                        return orientationFromTiff(payload, 6);
                    }
                } else {
                    in.skipNBytes(length - 2);
                }
            }
            return 1;
        } catch (EOFException e) {
            return 1;
        } catch (IOException e) {
            return 1; // the decoder has read this file already; a failure here only loses the orientation
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        while (b != 0xFF) b = in.readUnsignedByte(); // tolerate stray bytes between segments, as libjpeg does
        while (b == 0xFF) b = in.readUnsignedByte(); // fill bytes
        return b;
    }

    private static boolean isExifHeader(byte[] p) {
        return p[0] == 'E' && p[1] == 'x' && p[2] == 'i' && p[3] == 'f' && p[4] == 0 && p[5] == 0;
    }

    /** Reads tag 0x0112 from IFD0 of the TIFF structure starting at {@code base}; 1 on any inconsistency. */
    static int orientationFromTiff(byte[] p, int base) {
        if (p.length < base + 8) return 1;
        boolean little;
        if (p[base] == 'I' && p[base + 1] == 'I') little = true;
        else if (p[base] == 'M' && p[base + 1] == 'M') little = false;
        else return 1;
        if (u16(p, base + 2, little) != 42) return 1;
        long ifd = u32(p, base + 4, little);
        if (ifd < 8 || base + ifd + 2 > p.length) return 1;
        int at = (int) (base + ifd);
        int entries = u16(p, at, little);
        for (int i = 0; i < entries; i++) {
            int entry = at + 2 + i * 12;
            if (entry + 12 > p.length) return 1;
            if (u16(p, entry, little) != ORIENTATION_TAG) continue;
            int type = u16(p, entry + 2, little);
            int value = type == 3 ? u16(p, entry + 8, little) : type == 4 ? (int) u32(p, entry + 8, little) : 1;
            return value >= 1 && value <= 8 ? value : 1;
        }
        return 1;
    }

    private static int u16(byte[] p, int at, boolean little) {
        int a = p[at] & 0xFF, b = p[at + 1] & 0xFF;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] p, int at, boolean little) {
        long hi = u16(p, little ? at + 2 : at, little), lo = u16(p, little ? at : at + 2, little);
        return hi << 16 | lo;
    }

    /**
     * The image turned upright for an EXIF orientation (as Pillow's {@code ImageOps.exif_transpose}):
     * 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise.
     */
    static DecodedImage apply(DecodedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) return image;
        int w = image.width(), h = image.height();
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w, outH = swaps ? w : h;
        // The source pixel of output (ox, oy) is base + ox * stepX + oy * stepY (pixel indices).
        int last = w * h - 1, lastRow = (h - 1) * w;
        int base, stepX, stepY;
        switch (orientation) {
            case 2 -> { base = w - 1; stepX = -1; stepY = w; }
            case 3 -> { base = last; stepX = -1; stepY = -w; }
            case 4 -> { base = lastRow; stepX = 1; stepY = -w; }
            case 5 -> { base = 0; stepX = w; stepY = 1; }
            case 6 -> { base = lastRow; stepX = -w; stepY = 1; }
            case 7 -> { base = last; stepX = -w; stepY = -1; }
            default -> { base = w - 1; stepX = w; stepY = -1; } // 8
        }
        byte[] src = image.rgb(), srcAlpha = image.alpha();
        byte[] rgb = new byte[src.length];
        byte[] alpha = srcAlpha == null ? null : new byte[srcAlpha.length];
        int out = 0;
        for (int oy = 0; oy < outH; oy++) {
            int in = base + oy * stepY;
            for (int ox = 0; ox < outW; ox++, out++, in += stepX) {
                rgb[out * 3] = src[in * 3];
                rgb[out * 3 + 1] = src[in * 3 + 1];
                rgb[out * 3 + 2] = src[in * 3 + 2];
                if (alpha != null) alpha[out] = srcAlpha[in];
            }
        }
        return image.withPixels(outW, outH, rgb, alpha, orientation);
    }
}
