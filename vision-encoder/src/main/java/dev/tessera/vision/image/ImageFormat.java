package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The image formats Tessera decodes, recognised from the first bytes of a file - never from its name, because
 * a photo saved as {@code .jpg} is often a PNG or a HEIC. Formats people commonly try that cannot be read
 * (HEIC/AVIF from phones, SVG, ...) are recognised too, so the refusal can name them.
 */
public enum ImageFormat {
    JPEG("JPEG", "jpeg"),
    PNG("PNG", "png"),
    GIF("GIF", "gif"),
    BMP("BMP", "bmp"),
    TIFF("TIFF", "tiff"),
    WEBP("WebP", "webp");

    /** The list shown to a person whose file was refused. */
    public static final String SUPPORTED = "JPEG, PNG, GIF, BMP, TIFF, WebP";

    /** How many leading bytes {@link #detect} looks at (SVG may start with a long XML prologue). */
    public static final int SNIFF_BYTES = 4096;

    private final String displayName;
    private final String imageIoName;

    ImageFormat(String displayName, String imageIoName) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
    }

    public String displayName() {
        return displayName;
    }

    /** The format name under which {@code javax.imageio} registers its readers. */
    String imageIoName() {
        return imageIoName;
    }

    /**
     * The format of a file from its first bytes.
     *
     * @param head up to {@link #SNIFF_BYTES} leading bytes of the file (at least one)
     * @param file how the file is named in an error message
     * @throws BadInputException if the content is a known unsupported format or not an image at all
     */
    static ImageFormat detect(byte[] head, String file) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return GIF;
        if (ascii(head, 0, "BM") && head.length >= 14) return BMP;
        // Classic TIFF (42) and BigTIFF (43), both byte orders.
        if (startsWith(head, 0, 'I', 'I', 42, 0) || startsWith(head, 0, 'M', 'M', 0, 42)
                || startsWith(head, 0, 'I', 'I', 43, 0) || startsWith(head, 0, 'M', 'M', 0, 43)) {
            return TIFF;
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return WEBP;
        String unsupported = unsupportedFormatName(head);
        if (unsupported != null) {
            throw new BadInputException(
                    file + ": unsupported image format (" + unsupported + "); supported: " + SUPPORTED);
        }
        String what = looksLikeText(head) ? "text, not an image" : "not an image (unrecognised content)";
        throw new BadInputException(file + ": " + what + "; supported: " + SUPPORTED);
    }

    /**
     * Whether a file's first bytes are an image: one Tessera reads, or a known image format it cannot read
     * (HEIC, SVG, ...). Finding images in a folder uses this, so a photo is found whatever its name and a HEIC
     * file is reported as unsupported instead of silently ignored; text, PDF and video files (which phones put
     * beside the photos) are not images.
     *
     * @param head up to {@link #SNIFF_BYTES} leading bytes of the file
     */
    public static boolean isImage(byte[] head) {
        if (head.length == 0) return false;
        try {
            detect(head, "");
            return true;
        } catch (BadInputException e) {
            String name = unsupportedFormatName(head);
            return name != null && !name.equals("PDF document") && !name.endsWith("video") && !name.startsWith("ISO media");
        }
    }

    /** Names formats that are images (or image containers) Tessera cannot read; null if none matches. */
    private static String unsupportedFormatName(byte[] head) {
        if (ascii(head, 4, "ftyp")) return isoMediaName(head);
        if (startsWith(head, 0, 0xFF, 0x0A) || startsWith(head, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) return "JPEG XL";
        if (startsWith(head, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(head, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (ascii(head, 0, "8BPS")) return "Photoshop PSD";
        if (ascii(head, 0, "%PDF-")) return "PDF document";
        if (startsWith(head, 0, 0, 0, 1, 0) && head.length >= 6 && (head[4] != 0 || head[5] != 0)) return "ICO";
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "AVI ")) return "AVI video";
        if (isSvg(head)) return "SVG";
        return null;
    }

    /**
     * ISO base media files (HEIF, AVIF, MP4, ...) start with an {@code ftyp} box: major brand at byte 8, then
     * minor version, then compatible brands up to the box size. Phones write HEIC; AVIF files often carry a
     * generic major brand ({@code mif1}) and name {@code avif} only among the compatible brands.
     */
    private static String isoMediaName(byte[] head) {
        int boxSize = Math.min(head.length, readIntBigEndian(head, 0));
        String major = ascii4(head, 8);
        boolean avif = "avif".equals(major) || "avis".equals(major);
        boolean heic = major != null && major.matches("hei[cxms]|hev[cxms]");
        for (int at = 16; at + 4 <= boxSize; at += 4) {
            String brand = ascii4(head, at);
            avif |= "avif".equals(brand) || "avis".equals(brand);
            heic |= brand != null && brand.matches("hei[cxms]|hev[cxms]");
        }
        if (avif) return "AVIF";
        if (heic) return "HEIC";
        if ("mif1".equals(major) || "msf1".equals(major)) return "HEIF";
        if ("crx ".equals(major)) return "Canon CR3 raw";
        return "ISO media '" + (major == null ? "?" : major.strip()) + "', e.g. MP4/QuickTime video";
    }

    private static boolean isSvg(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("\u00EF\u00BB\u00BF")) text = text.substring(3).stripLeading(); // UTF-8 byte order mark
        if (!text.startsWith("<")) return false;
        return text.toLowerCase(Locale.ROOT).contains("<svg");
    }

    private static boolean looksLikeText(byte[] head) {
        int n = Math.min(head.length, 512);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') return false;
            if (b == 0x7F) return false;
        }
        return n > 0;
    }

    private static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((data[offset + i] & 0xFF) != expected[i]) return false;
        }
        return true;
    }

    private static boolean ascii(byte[] data, int offset, String expected) {
        if (data.length < offset + expected.length()) return false;
        for (int i = 0; i < expected.length(); i++) {
            if (data[offset + i] != (byte) expected.charAt(i)) return false;
        }
        return true;
    }

    private static String ascii4(byte[] data, int offset) {
        if (data.length < offset + 4) return null;
        for (int i = 0; i < 4; i++) {
            int b = data[offset + i] & 0xFF;
            if (b < 0x20 || b > 0x7E) return null;
        }
        return new String(data, offset, 4, StandardCharsets.US_ASCII);
    }

    private static int readIntBigEndian(byte[] data, int offset) {
        if (data.length < offset + 4) return 0;
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | data[offset + 3] & 0xFF;
    }
}
