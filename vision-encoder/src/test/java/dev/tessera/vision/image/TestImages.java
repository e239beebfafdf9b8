package dev.tessera.vision.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Builds test image files: through ImageIO where it can write them, byte by byte where it cannot. */
public final class TestImages {
    private TestImages() {
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) throw new IOException("no ImageIO writer for " + format);
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** A JPEG written from a raster (no colour conversion), optionally progressive. */
    static byte[] jpegOfRaster(Raster raster, BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        if (progressive) param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image != null ? new IIOImage(image, null, null) : new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts a marker segment right after the JPEG's SOI marker. */
    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** An APP1 Exif segment whose IFD0 holds only the Orientation tag. */
    static byte[] exifSegment(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);                                                   // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                             // no next IFD
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        return segment(0xE1, payload);
    }

    /** An Adobe APP14 segment; transform 0 with 4 components means CMYK, 2 means YCCK. */
    static byte[] adobeSegment(int transform) {
        byte[] payload = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return segment(0xEE, payload);
    }

    private static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        byte[] header = {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length};
        return concat(header, payload);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Streams a PNG to a file without ever holding the raw image: rows come from {@code row} (without the
     * filter byte) and go straight through the deflater. {@code extraChunks} (type, data pairs) precede IDAT.
     */
    static void writePng(Path file, int width, int height, int bitDepth, int colorType, IntFunction<byte[]> row,
                         Object... extraChunks) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            for (int y = 0; y < height; y++) {
                z.write(0); // filter type None
                z.write(row.apply(y));
            }
        } finally {
            deflater.end();
        }
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                    .put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            for (int i = 0; i < extraChunks.length; i += 2) chunk(out, (String) extraChunks[i], (byte[]) extraChunks[i + 1]);
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    /** Only the PNG signature, IHDR and IEND: a header that declares pixels the file does not hold. */
    public static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).array());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * A lossless WebP (VP8L) of constant red, blue and alpha whose green is 0 or 255 per pixel: five "simple"
     * prefix codes (one or two symbols each), so every pixel costs one bit. ImageIO cannot write WebP.
     */
    public static byte[] webpLossless(int width, int height, int red, int blue, int alpha, IntBinaryPredicate greenOn) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);                                  // VP8L signature
        bits.write(width - 1, 14).write(height - 1, 14).write(alpha != 255 ? 1 : 0, 1).write(0, 3);
        bits.write(0, 1);                                     // no transforms
        bits.write(0, 1).write(0, 1);                         // no colour cache, no meta prefix codes
        bits.write(1, 1).write(1, 1).write(1, 1).write(0, 8).write(255, 8);   // green: symbols 0 and 255
        for (int constant : new int[]{red, blue, alpha}) {
            bits.write(1, 1).write(0, 1).write(1, 1).write(constant, 8);     // one 8-bit symbol
        }
        bits.write(1, 1).write(0, 1).write(0, 1).write(0, 1); // distance code: one 1-bit symbol (unused)
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) bits.write(greenOn.test(x, y) ? 1 : 0, 1);
        }
        byte[] data = bits.toByteArray();
        int pad = data.length & 1;
        ByteBuffer riff = ByteBuffer.allocate(20 + data.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + data.length + pad);
        riff.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return riff.array();
    }

    public interface IntBinaryPredicate {
        boolean test(int x, int y);
    }

    /** Least-significant-bit-first bit packing, as VP8L reads. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long pending;
        private int count;

        BitWriter write(int value, int bits) {
            pending |= ((long) value & ((1L << bits) - 1)) << count;
            count += bits;
            while (count >= 8) {
                out.write((int) pending & 0xFF);
                pending >>>= 8;
                count -= 8;
            }
            return this;
        }

        byte[] toByteArray() {
            if (count > 0) write(0, 8 - count);
            return out.toByteArray();
        }
    }
}
