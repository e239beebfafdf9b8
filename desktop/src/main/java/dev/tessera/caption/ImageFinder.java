package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.vision.image.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the images to caption under the given files and folders. A file in a folder counts as an image when
 * its first bytes say so ({@link ImageFormat#isImage}: a PNG saved as {@code .jpg} or without an extension is
 * found, a HEIC is found and later reported as unsupported) or when its name says so (a {@code .jpg} that is
 * not a JPEG is found and reported as corrupt, not silently skipped). Everything else - sidecars, notes, the
 * results file - is left alone, as are hidden files and folders ({@code .thumbnails}, temporary files).
 * A file named on the command line is always taken.
 */
public final class ImageFinder {
    /** The images, sorted by path, and the folders or files that could not be looked at. */
    public record Found(List<Path> images, List<Problem> problems) {}

    public record Problem(Path path, String reason) {}

    /** Names that photo folders use for images, readable or not. */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp",
            "dib", "tif", "tiff", "webp", "heic", "heif", "avif", "jxl", "jp2", "psd", "svg", "ico");

    private ImageFinder() {}

    public static Found find(List<Path> paths, boolean recursive) {
        TreeSet<Path> images = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                walk(abs, recursive, images, problems);
            } else if (Files.exists(abs)) {
                images.add(abs);
            } else {
                throw new BadInputException(p + ": no such file or folder");
            }
        }
        return new Found(List.copyOf(images), List.copyOf(problems));
    }

    private static void walk(Path root, boolean recursive, Set<Path> images, List<Problem> problems) {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !hidden(file) && isImage(file)) images.add(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            problems.add(new Problem(file, "cannot read (" + e.getClass().getSimpleName() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(new Problem(root, "cannot read the folder (" + e.getMessage() + ")"));
        }
    }

    /** Whether a file found in a folder is taken as an image (see the class comment). */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) return true;
        try (InputStream in = Files.newInputStream(file)) {
            return ImageFormat.isImage(in.readNBytes(ImageFormat.SNIFF_BYTES));
        } catch (IOException e) {
            return false; // unreadable and not named like an image: not ours to report
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
