package dev.tessera.caption;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small generated photos for batch tests, and a record of their bytes and times to prove nothing touched them. */
final class TestImages {
    private TestImages() {}

    /** A noise image (distinct per seed, so distinct content hashes) in "png" or "jpg". */
    static Path write(Path file, String format, int width, int height, long seed) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) throw new IOException("no ImageIO writer for " + format);
        return file;
    }

    /** The start of a HEIC file (an ISO media "ftyp" box with brand heic): an image format Tessera cannot read. */
    static Path writeHeic(Path file) throws IOException {
        byte[] head = HexFormat.of().parseHex("0000001866747970686569630000000068656963" + "6d696631" + "00".repeat(64));
        Files.createDirectories(file.getParent());
        return Files.write(file, head);
    }

    /** Bytes, modification time and a digest of every file, to compare before and after a batch. */
    static Map<Path, String> fingerprint(Path... files) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            FileTime mtime = Files.getLastModifiedTime(f);
            out.put(f, mtime.toMillis() + ":" + java.util.Arrays.hashCode(Files.readAllBytes(f)) + ":" + Files.size(f));
        }
        return out;
    }
}
