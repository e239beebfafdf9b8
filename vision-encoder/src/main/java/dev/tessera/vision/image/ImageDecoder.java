package dev.tessera.vision.image;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import dev.tessera.vision.image.BufferedImagePixels.Pixels;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes a user's image file - JPEG (also CMYK/YCCK, progressive), PNG (also 16-bit, palette + {@code tRNS}),
 * GIF (first frame), BMP, TIFF, WebP - into a {@link DecodedImage}, through {@code javax.imageio} with the
 * TwelveMonkeys plugins. The format is recognised from the content, not the file name. The file is only ever
 * opened for reading.
 *
 * <p><b>Deviations from the Python reference</b> (Pillow's {@code Image.open}):
 * <ul>
 *   <li>JPEG EXIF orientation is applied (see {@link ExifOrientation}).</li>
 *   <li>Huge images are read subsampled: when the image has more than {@link #MAX_DECODED_PIXELS} pixels or a
 *       side above {@link #MAX_DECODED_SIDE}, only every n-th pixel of every n-th row is decoded, for the
 *       smallest n that brings it within both bounds. Preprocessing shrinks any image to at most the tile
 *       canvas (1120x1120 for the real model), so this costs nothing visible, while a 20000x20000 scan read at
 *       full size would need 1.2 GB of heap. 50 MP keeps 48-50 MP phone photos at full resolution (bit-exact
 *       with the reference); 200 MP phone photos are read at half resolution.</li>
 *   <li>If even that read runs out of memory, it is retried with twice the subsampling (twice at most).</li>
 *   <li>16-bit greyscale PNGs keep the high byte of each sample (Pillow would clip them to 255).</li>
 * </ul>
 *
 * <p>Everything that cannot be read - unsupported format, empty, truncated or corrupt file, a header whose
 * dimensions cannot be true - is reported as a one-line {@link BadInputException} that names the file.
 */
public final class ImageDecoder {
    /** Images with more pixels than this are read subsampled (see the class comment). */
    public static final long MAX_DECODED_PIXELS = 50_000_000L;
    /** Images with a side longer than this are read subsampled. */
    public static final int MAX_DECODED_SIDE = 16_384;

    private static final int OUT_OF_MEMORY_RETRIES = 2;

    private record Read(Pixels pixels, int subsampling) {
    }

    private ImageDecoder() {
    }

    /** Decodes an image file, subsampling huge images as described in the class comment. */
    public static DecodedImage decode(Path file) {
        return decode(file, MAX_DECODED_PIXELS, MAX_DECODED_SIDE);
    }

    /**
     * Decodes an image file with explicit bounds on the decoded size.
     *
     * @param maxPixels the most pixels decoded at once; larger images are read subsampled
     * @param maxSide   the longest side decoded; longer images are read subsampled
     */
    public static DecodedImage decode(Path file, long maxPixels, int maxSide) {
        if (maxPixels < 1 || maxSide < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxPixels + " pixels, side " + maxSide);
        }
        String name = file.toString();
        long size = checkedSize(file, name);
        byte[] head = readHead(file, name);
        ImageFormat format = ImageFormat.detect(head, name);
        PngHeader png = null;
        if (format == ImageFormat.PNG) {
            png = PngHeader.parse(head, name);
            png.checkFitsIn(size, name);
        }
        if (format == ImageFormat.WEBP) RiffHeader.checkFitsIn(head, size, name);
        boolean dropAlpha = png != null && png.isTruecolourWithoutAlphaChannel();

        for (int attempt = 0; ; attempt++) {
            try {
                Read read = read(file, name, format, dropAlpha, maxPixels, maxSide, 1 << attempt);
                Pixels pixels = read.pixels();
                DecodedImage decoded = DecodedImage.decoded(pixels.width(), pixels.height(), pixels.mode(),
                        pixels.rgb(), pixels.alpha(), format, read.subsampling(), 1);
                if (format != ImageFormat.JPEG) return decoded;
                return ExifOrientation.apply(decoded, ExifOrientation.read(file));
            } catch (OutOfMemoryError e) {
                if (attempt == OUT_OF_MEMORY_RETRIES) {
                    throw new BadInputException(name + ": " + format.displayName()
                            + " image too large to decode in the memory available to Tessera");
                }
            }
        }
    }

    /**
     * Reads the pixels; the reader (which may hold on to its destination image) is disposed before returning,
     * so that buffer can be collected before the EXIF transform allocates the upright copy.
     */
    private static Read read(Path file, String name, ImageFormat format, boolean dropAlpha, long maxPixels,
                             int maxSide, int extraSubsampling) {
        ImageReader reader = readerFor(format);
        ImageInputStream in = null;
        List<String> warnings = new ArrayList<>();
        try {
            in = format == ImageFormat.WEBP && file.getFileSystem() == FileSystems.getDefault()
                    ? new EndOfDataStream(file.toFile()) : open(file);
            reader.setInput(in, true, true);
            // Dimensions come from the header alone; the subsampling is chosen before any pixel buffer exists.
            if (reader.getNumImages(false) == 0) {
                // e.g. a TIFF whose first IFD offset points past the end: without this, ImageIO's own words
                // would be "index >= numImages (0 >= 0)"
                throw new BadInputException(name + ": corrupt " + format.displayName() + " (the file holds no readable image)");
            }
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new BadInputException(name + ": corrupt " + format.displayName() + " (declares " + width + "x"
                        + height + " pixels)");
            }
            int subsampling = subsamplingFor(width, height, maxPixels, maxSide) * extraSubsampling;
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            reader.addIIOReadWarningListener((source, warning) -> {
                warnings.add(warning);
                // Stop at once: libjpeg would otherwise go on decoding "grey" for every missing row, which for
                // a small file declaring 60000x60000 pixels takes half a minute.
                if (isTruncationWarning(format, warning)) source.abort();
            });
            BufferedImage image = reader.read(0, param);
            checkWarnings(format, warnings, name);
            return new Read(BufferedImagePixels.extract(image, dropAlpha), subsampling);
        } catch (BadInputException | OutOfMemoryError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers signal bad data with IIOException, EOFException, and - for some corrupt files - unchecked
            // exceptions (index out of bounds, negative array size, illegal argument): all mean a corrupt file.
            checkWarnings(format, warnings, name);
            // libjpeg buffers the whole file before it fails, so for JPEG being at the end says nothing; a
            // truncated JPEG is told by its "premature end" warning or message instead
            boolean atEnd = format != ImageFormat.JPEG && consumedToTheEnd(in);
            throw new BadInputException(name + ": " + describe(format, e, atEnd), e);
        } finally {
            reader.dispose();
            closeQuietly(in);
        }
    }

    /** Whether a failed reader had read the whole file: then the data stopped early, i.e. it is truncated. */
    private static boolean consumedToTheEnd(ImageInputStream in) {
        if (in == null) return false;
        try {
            return in.read() < 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(ImageInputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException e) {
            // read-only stream: nothing was written that closing could lose
        }
    }

    /**
     * The smallest n such that reading every n-th pixel of every n-th row gives at most {@code maxPixels}
     * pixels and no side above {@code maxSide}; 1 for ordinary images.
     */
    static int subsamplingFor(long width, long height, long maxPixels, int maxSide) {
        long n = Math.max(1, (long) Math.sqrt((double) width * height / maxPixels));
        while (ceilDiv(width, n) * ceilDiv(height, n) > maxPixels || ceilDiv(width, n) > maxSide
                || ceilDiv(height, n) > maxSide) {
            n++;
        }
        return (int) n;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * libjpeg does not fail on a truncated JPEG: it warns "Premature end of JPEG file" and fills the rest with
     * grey. Pillow refuses such a file ("image file is truncated"), and so does Tessera. A missing EOI marker
     * after complete scan data is harmless and accepted, as Pillow does.
     */
    private static void checkWarnings(ImageFormat format, List<String> warnings, String name) {
        for (String warning : warnings) {
            if (isTruncationWarning(format, warning)) {
                throw new BadInputException(name + ": truncated JPEG file (" + oneLine(warning) + ")");
            }
        }
    }

    private static boolean isTruncationWarning(ImageFormat format, String warning) {
        return format == ImageFormat.JPEG && warning != null
                && warning.toLowerCase(Locale.ROOT).contains("premature end");
    }

    private static String describe(ImageFormat format, Throwable e, boolean atEndOfFile) {
        StringBuilder detail = new StringBuilder();
        boolean truncated = atEndOfFile;
        for (Throwable t = e; t != null; t = t.getCause()) {
            truncated |= t instanceof EOFException;
            String message = t.getMessage();
            if (message != null && !message.isBlank() && detail.indexOf(message) < 0) {
                if (!detail.isEmpty()) detail.append(": ");
                detail.append(message);
            }
            if (t.getCause() == t) break;
        }
        String text = oneLine(detail.toString());
        truncated |= text.toLowerCase(Locale.ROOT).contains("end of");
        if (truncated) {
            String why = text.isEmpty() ? "the data ends before the image does" : text;
            return "truncated " + format.displayName() + " file (" + why + ")";
        }
        String why = text.isEmpty() ? e.getClass().getSimpleName() : text;
        return "corrupt " + format.displayName() + " data (" + why + ")";
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static long checkedSize(Path file, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": file not found", e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
        if (attributes.isDirectory()) throw new BadInputException(name + ": is a directory, not an image file");
        if (attributes.size() == 0) throw new BadInputException(name + ": empty file, not an image");
        return attributes.size();
    }

    private static byte[] readHead(Path file, String name) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(ImageFormat.SNIFF_BYTES);
            if (head.length == 0) throw new BadInputException(name + ": empty file, not an image");
            return head;
        } catch (AccessDeniedException e) {
            throw new BadInputException(name + ": cannot read (permission denied)", e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /** A read-only stream: {@link FileImageInputStream} opens its file with mode "r". */
    private static ImageInputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageInputStream(file.toFile());
        }
        return new MemoryCacheImageInputStream(Files.newInputStream(file));
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            // The plugins register through ServiceLoader on the first ImageIO use, with the context class loader
            // of that thread; scanning again with ours recovers when that loader could not see them.
            ImageIO.scanForPlugins();
            readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        }
        if (!readers.hasNext()) {
            throw new TesseraException("no " + format.displayName() + " decoder installed: the TwelveMonkeys ImageIO "
                    + "plugins are missing from the class path");
        }
        return readers.next();
    }
}
