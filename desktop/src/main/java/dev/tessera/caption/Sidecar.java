package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.safetensors.AtomicWrite;
import dev.tessera.vision.image.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A file beside an image that carries its caption to other tools. Written atomically (temporary file, then
 * rename) and only when its content changes; the image itself is never opened for writing.
 */
public interface Sidecar {
    /** Where the sidecar of an image goes. */
    Path target(Path image);

    /**
     * Writes or updates the sidecar.
     *
     * @param keywords the keywords of a keywords-preset caption, or null for a description
     * @return the sidecar path
     * @throws dev.tessera.engine.TesseraException when it cannot be written (the caption itself is kept)
     */
    Path write(Path image, String caption, List<String> keywords);

    /** No sidecars. */
    Sidecar NONE = new Sidecar() {
        @Override
        public Path target(Path image) {
            return null;
        }

        @Override
        public Path write(Path image, String caption, List<String> keywords) {
            return null;
        }
    };

    /** {@code IMG_0001.txt} beside {@code IMG_0001.jpg} with the caption: the convention of caption datasets. */
    static Sidecar txt() {
        return new Sidecar() {
            @Override
            public Path target(Path image) {
                return beside(image, ".txt", false);
            }

            @Override
            public Path write(Path image, String caption, List<String> keywords) {
                Path target = target(image);
                String text = keywords == null ? caption : String.join(", ", keywords);
                replaceIfChanged(target, (text.strip() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return target;
            }
        };
    }

    /**
     * The sidecar name: {@code IMG_0001.jpg.xmp} with {@code keepExtension}, else {@code IMG_0001.xmp}. A name
     * that would be the image's own (an image called {@code notes.txt}) falls back to the appended form.
     */
    static Path beside(Path image, String suffix, boolean keepExtension) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = keepExtension || dot <= 0 ? name : name.substring(0, dot);
        Path target = image.resolveSibling(base + suffix);
        return target.equals(image) ? image.resolveSibling(name + suffix) : target;
    }

    /** The file's bytes, or null when it does not exist. */
    static byte[] readExisting(Path target) {
        try {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot read the existing sidecar (" + e.getMessage() + ")");
        }
    }

    /** Writes {@code data} unless the file already holds exactly that; never replaces an image. */
    static void replaceIfChanged(Path target, byte[] data) {
        byte[] old = readExisting(target);
        if (old != null && Arrays.equals(old, data)) return;
        if (old != null && ImageFormat.isImage(Arrays.copyOf(old, Math.min(old.length, ImageFormat.SNIFF_BYTES)))) {
            throw new BadInputException(target + ": is an image, not a sidecar; not overwritten");
        }
        AtomicWrite.bytes(target, data);
    }
}
