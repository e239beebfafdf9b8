package dev.tessera.desktop.attach;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a drag onto the window carries, reduced to paths: the drag-over test (are any of these files ours?) and
 * the drop (which paths to import). Plain code, so it is tested without a window; the view only forwards the
 * dragboard's files, URL and image flag.
 */
public final class DropHandler {
    private DropHandler() {}

    /** True when the drag should be accepted: an image on the board, or at least one image/PDF among the files. */
    public static boolean accepts(List<File> files, String url, boolean hasImage) {
        if (hasImage) return true;
        return paths(files, url).stream().anyMatch(FileKinds::isAccepted);
    }

    /** The dropped files (a {@code file:} URL counts as one), in order, without duplicates. */
    public static List<Path> paths(List<File> files, String url) {
        List<Path> out = new ArrayList<>();
        if (files != null) for (File f : files) add(out, f.toPath());
        if (url != null && url.startsWith("file:")) {
            try {
                add(out, Path.of(URI.create(url.trim())));
            } catch (IllegalArgumentException ignored) {
                // not a local file URL
            }
        }
        return out;
    }

    private static void add(List<Path> out, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!out.contains(abs)) out.add(abs);
    }
}
