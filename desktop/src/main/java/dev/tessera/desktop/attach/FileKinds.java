package dev.tessera.desktop.attach;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Which dropped files the window takes: the image formats the vision encoder decodes, and PDFs. */
public final class FileKinds {
    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff");

    private FileKinds() {}

    public static boolean isImage(Path p) {
        return IMAGE_EXTENSIONS.contains(extension(p));
    }

    public static boolean isPdf(Path p) {
        return extension(p).equals("pdf");
    }

    public static boolean isAccepted(Path p) {
        return isImage(p) || isPdf(p);
    }

    static String extension(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
